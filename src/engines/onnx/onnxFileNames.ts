import type { Dtype } from '../engineOptions.js';

/** File-name suffix of each precision in the Optimum / transformers.js layout. */
const suffixes: Readonly<Record<Dtype, string>> = Object.freeze({ fp32: '', fp16: '_fp16', q8: '_quantized' });

/** The graphs a model directory may hold for one precision, as bare file names. */
export interface OnnxFileNames {
  /** `pixel_values` -> `image_embeds`, e.g. `vision_model_quantized.onnx`. */
  readonly vision: string;
  /** `input_ids` -> `text_embeds`, e.g. `text_model_quantized.onnx`. */
  readonly text: string;
  /** Both towers in one graph (Hugging Face `CLIPModel` export), e.g. `model_quantized.onnx`. */
  readonly combined: string;
}

/** The ONNX file names that hold a model at precision `dtype`. */
export function onnxFileNames(dtype: Dtype): OnnxFileNames {
  const suffix = suffixes[dtype];
  return { vision: `vision_model${suffix}.onnx`, text: `text_model${suffix}.onnx`, combined: `model${suffix}.onnx` };
}

/** Folders of a model directory searched for ONNX files, in order: transformers.js's `onnx/`, then Optimum's root. */
export const onnxSearchFolders: readonly string[] = Object.freeze(['onnx', '.']);
