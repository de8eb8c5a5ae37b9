import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { EngineError } from '../../errors/EngineError.js';
import type { Dtype } from '../engineOptions.js';
import { onnxFileNames, onnxSearchFolders } from './onnxFileNames.js';

/** Where a model's ONNX graphs are: one file per tower, or one file with both. */
export type OnnxModelFiles =
  | { readonly kind: 'split'; readonly vision: string; readonly text: string }
  | { readonly kind: 'combined'; readonly model: string };

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
