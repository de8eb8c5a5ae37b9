import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Dtype } from '../engineOptions.js';
import { onnxFileNames, onnxSearchFolders } from './onnxFileNames.js';

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
