import fs from 'node:fs/promises';
import path from 'node:path';
import { StroopError } from '../errors/errors.js';
import type { OnnxExportOptions, OnnxTowerGraphs } from '../export/encodeTowerGraph.js';
import { writeFileAtomically } from '../util/writeFileAtomically.js';
import { exportClipOnnx } from './clip/clipOnnxExport.js';
import type { FamilyId, LoadedModel } from './modelFamily.js';
import { exportSiglipOnnx } from './siglip/siglipOnnxExport.js';

/** Exporting a model of any family to ONNX: the family's exporter, and the files it writes. */

export interface WriteOnnxExportOptions extends Omit<OnnxExportOptions, 'precision'> {
  /** Also write the int8 graphs (`*_quantized.onnx`, what `--dtype q8` loads). Default false. */
  readonly quantize?: boolean;
}

/** One file written by writeOnnxExport. */
export interface WrittenOnnxFile {
  /** Absolute path. */
  readonly path: string;
  readonly bytes: number;
}

/** Each family's exporter; a family added to FamilyId without one does not compile. */
const exporters: Readonly<Record<FamilyId, (model: LoadedModel, options: OnnxExportOptions) => OnnxTowerGraphs>> = Object.freeze({
  clip: exportClipOnnx,
  siglip: exportSiglipOnnx,
});

/**
 * Builds both tower graphs of `model` with its family's exporter (CLIP: exportClipOnnx, SigLIP:
 * exportSiglipOnnx), in the one layout the onnx engine opens: `pixel_values` -> `image_embeds`,
 * `input_ids` -> `text_embeds`. Pure: reads only `model`.
 * @throws ModelLoadError when a tower's weights exceed one protobuf file (2 GiB), before any work.
 */
export function exportModelOnnx(model: LoadedModel, options: OnnxExportOptions = {}): OnnxTowerGraphs {
  return exporters[model.config.family](model, options);
}

/** File names of the Optimum / transformers.js layout, per precision. */
const fileNames = {
  fp32: { vision: 'vision_model.onnx', text: 'text_model.onnx' },
  q8: { vision: 'vision_model_quantized.onnx', text: 'text_model_quantized.onnx' },
} as const;

/**
 * Exports `model` (any family, see exportModelOnnx) and writes `onnx/vision_model.onnx` and
 * `onnx/text_model.onnx` (and with `quantize` their `_quantized` siblings) under `outDir`,
 * creating `outDir/onnx` if needed. Each file is replaced atomically; existing files of other
 * names are left alone.
 * @throws StroopError naming the file that could not be written (cause: the fs error).
 */
export async function writeOnnxExport(model: LoadedModel, outDir: string, options: WriteOnnxExportOptions = {}): Promise<WrittenOnnxFile[]> {
  const dir = path.resolve(outDir, 'onnx');
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (error) {
    throw new StroopError(`Cannot create the ONNX output directory '${dir}': ${(error as Error).message}`, { cause: error });
  }
  const written: WrittenOnnxFile[] = [];
  for (const precision of options.quantize === true ? (['fp32', 'q8'] as const) : (['fp32'] as const)) {
    const graphs = exportModelOnnx(model, { ...options, precision });
    for (const tower of ['vision', 'text'] as const) {
      const file = path.join(dir, fileNames[precision][tower]);
      try {
        await writeFileAtomically(file, graphs[tower]);
      } catch (error) {
        throw new StroopError(`Cannot write ONNX model '${file}': ${(error as Error).message}`, { cause: error });
      }
      written.push({ path: file, bytes: graphs[tower].byteLength });
    }
  }
  return written;
}
