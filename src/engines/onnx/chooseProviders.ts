import { EngineError } from '../../errors/EngineError.js';
import type { Device } from '../engineOptions.js';
import { cudaInstallHint, missingCudaLibraries, thisTarget } from './missingCudaLibraries.js';
import { ortBinaryFolder } from './ortBinaryFolder.js';

/** An ONNX Runtime execution provider stroop can run on. */
export type OnnxProvider = 'cpu' | 'cuda';

/**
 * The execution providers to try for `device`, best first: `cpu` -> [cpu]; `cuda` (alias `gpu`)
 * -> [cuda], failing here when its libraries are absent; `auto` -> [cuda, cpu] when the CUDA
 * libraries are installed, else [cpu]. Only `auto` ever lists a second choice.
 *
 * @param folder where onnxruntime-node's native libraries live, @param target its `platform/arch`
 *   (tests point both elsewhere).
 * @throws EngineError for `cuda`/`gpu` when this platform has no CUDA build or its provider
 *   libraries are not installed, saying how to install them.
 */
export async function chooseProviders(device: Device, folder: string = ortBinaryFolder(), target: string = thisTarget): Promise<OnnxProvider[]> {
  if (device === 'cpu') return ['cpu'];
  const missing = await missingCudaLibraries(folder, target);
  const ready = missing !== undefined && missing.length === 0;
  if (device === 'auto') return ready ? ['cuda', 'cpu'] : ['cpu'];
  if (missing === undefined) {
    throw new EngineError(`--device ${device}: onnxruntime-node has no CUDA execution provider for ${target} (only for linux/x64); use --device cpu.`, 'onnx');
  }
  if (!ready) {
    throw new EngineError(`--device ${device}: ONNX Runtime's CUDA provider is not installed (missing ${missing.join(', ')}); ${cudaInstallHint}.`, 'onnx');
  }
  return ['cuda'];
}
