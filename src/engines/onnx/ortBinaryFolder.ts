import { createRequire } from 'node:module';
import path from 'node:path';

/** The folder holding onnxruntime-node's native binary (and any provider libraries) for this platform. */
export function ortBinaryFolder(): string {
  const entry = createRequire(import.meta.url).resolve('onnxruntime-node');
  return path.join(path.dirname(entry), '..', 'bin', 'napi-v6', process.platform, process.arch);
}
