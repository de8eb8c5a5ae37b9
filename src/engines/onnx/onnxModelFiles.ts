import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { EngineError } from '../../errors/errors.js';
import type { Dtype } from '../embeddingEngine.js';

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

/** Where a model's ONNX graphs are: one file per tower, or one file with both. */
export type OnnxModelFiles =
  | { readonly kind: 'split'; readonly vision: string; readonly text: string }
  | { readonly kind: 'combined'; readonly model: string };

/** The ONNX file names that hold a model at precision `dtype`. */
export function onnxFileNames(dtype: Dtype): OnnxFileNames {
  const suffix = suffixes[dtype];
  return { vision: `vision_model${suffix}.onnx`, text: `text_model${suffix}.onnx`, combined: `model${suffix}.onnx` };
}

/** Folders of a model directory searched for ONNX files, in order: transformers.js's `onnx/`, then Optimum's root. */
export const onnxSearchFolders: readonly string[] = Object.freeze(['onnx', '.']);

const dtypes: readonly Dtype[] = ['fp32', 'fp16', 'q8'];

/**
 * Whether `dir` holds a complete ONNX model at any precision (a vision + text pair or a
 * combined graph, under `onnx/` or in `dir`). Never loads ONNX Runtime; a missing or
 * unreadable directory has none.
 */
export async function hasOnnxModel(dir: string): Promise<boolean> {
  if (dir === '') return false;
  for (const sub of onnxSearchFolders) {
    const files = new Set(await readdir(path.join(dir, sub)).catch(() => [] as string[]));
    for (const dtype of dtypes) {
      const names = onnxFileNames(dtype);
      if ((files.has(names.vision) && files.has(names.text)) || files.has(names.combined)) return true;
    }
  }
  return false;
}

async function listOnnx(folder: string): Promise<Set<string>> {
  try {
    return new Set((await readdir(folder)).filter((name) => name.endsWith('.onnx')));
  } catch {
    return new Set();
  }
}

function missingMessage(dir: string, dtype: Dtype, found: readonly string[]): string {
  const names = onnxFileNames(dtype);
  const at = (name: string) => path.join(dir, 'onnx', name);
  const seen = found.length === 0 ? 'none' : found.join(', ');
  return (
    `No ONNX model for --dtype ${dtype} in ${dir}: expected ${at(names.vision)} and ${at(names.text)}, or ${at(names.combined)} ` +
    `(also looked in the directory itself). ONNX files found: ${seen}. ` +
    `Write them with 'stroop export-onnx --model ${dir}', or use --engine tfjs.`
  );
}

/**
 * Finds the ONNX graphs of `dir` for precision `dtype`: `vision_model*.onnx` + `text_model*.onnx`
 * when both exist, else the combined `model*.onnx`; first under `onnx/`, then in `dir` itself.
 *
 * @throws EngineError naming the expected paths, the ONNX files that were found and the exporter command.
 */
export async function locateOnnxModel(dir: string, dtype: Dtype): Promise<OnnxModelFiles> {
  const names = onnxFileNames(dtype);
  const found: string[] = [];
  for (const sub of onnxSearchFolders) {
    const folder = path.join(dir, sub);
    const files = await listOnnx(folder);
    if (files.has(names.vision) && files.has(names.text)) {
      return { kind: 'split', vision: path.join(folder, names.vision), text: path.join(folder, names.text) };
    }
    if (files.has(names.combined)) return { kind: 'combined', model: path.join(folder, names.combined) };
    found.push(...[...files].sort().map((name) => path.join(sub, name)));
  }
  throw new EngineError(missingMessage(dir, dtype, found), 'onnx');
}

/** The combined graph of `files`, or one beside its tower files, if there is one. */
export async function findCombinedGraph(files: OnnxModelFiles, dtype: Dtype): Promise<string | undefined> {
  if (files.kind === 'combined') return files.model;
  const sibling = path.join(path.dirname(files.vision), onnxFileNames(dtype).combined);
  return (await access(sibling).then(() => true, () => false)) ? sibling : undefined;
}
