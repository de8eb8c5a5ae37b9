import fs from 'node:fs';
import path from 'node:path';
import { loadModel } from '../families/loadModel.js';
import { packageRoot } from '../packageRoot.js';

/** The bundled random-weight model (2 layers, 64 wide, 224 px input). */
export const tinyModelDir = path.join(packageRoot, 'models', 'clip-tiny-random');

/**
 * Copies the bundled tiny random model into `dir` and exports it to ONNX there (about a second),
 * so runner benchmarks without `--model` measure the runner with a fast engine, not the tfjs one.
 * Returns the model directory.
 */
export async function tinyOnnxModel(dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(tinyModelDir)) {
    const from = path.join(tinyModelDir, file);
    if (fs.statSync(from).isFile()) fs.copyFileSync(from, path.join(dir, file));
  }
  // The exporter loads protobufjs (~150 ms): only for the benchmarks that need it, not at every CLI start.
  const { writeOnnxExport } = await import('../families/exportModelOnnx.js');
  await writeOnnxExport(await loadModel(dir), dir);
  return dir;
}
