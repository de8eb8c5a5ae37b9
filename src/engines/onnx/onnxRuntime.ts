import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as OrtModule from 'onnxruntime-node';
import { EngineError, messageOf } from '../../errors/errors.js';
import type { Device } from '../embeddingEngine.js';

/** The onnxruntime-node module (a type-only import: loadOrt loads it at run time). */
export type Ort = typeof OrtModule;

/** An ONNX Runtime execution provider stroop can run on. */
export type OnnxProvider = 'cpu' | 'cuda';

let loaded: Promise<Ort> | undefined;

/**
 * Imports onnxruntime-node on first use, so its native binary loads only when the onnx engine
 * is chosen.
 *
 * @throws EngineError when the package or its native binary for this platform cannot be loaded.
 */
export function loadOrt(): Promise<Ort> {
  loaded ??= import('onnxruntime-node').catch((error: unknown) => {
    loaded = undefined;
    throw new EngineError(
      `onnxruntime-node could not be loaded on ${process.platform}/${process.arch} (${messageOf(error)}); ` +
        `reinstall it with 'npm rebuild onnxruntime-node', or use --engine tfjs.`,
      'onnx',
      { cause: error },
    );
  });
  return loaded;
}

/** The folder holding onnxruntime-node's native binary (and any provider libraries) for this platform. */
export function ortBinaryFolder(): string {
  const entry = createRequire(import.meta.url).resolve('onnxruntime-node');
  return path.join(path.dirname(entry), '..', 'bin', 'napi-v6', process.platform, process.arch);
}

/**
 * The provider libraries ONNX Runtime loads for CUDA, per `platform/arch`: those onnxruntime-node's
 * install script (script/install-metadata.js) fetches; it has them for linux/x64 only.
 */
const libraries: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'linux/x64': ['libonnxruntime_providers_shared.so', 'libonnxruntime_providers_cuda.so'],
});

/** This process's `platform/arch`, e.g. `linux/x64`. */
export const thisTarget = `${process.platform}/${process.arch}`;

/** How to install what CUDA needs, quoted in every CUDA error. */
export const cudaInstallHint =
  "install ONNX Runtime's CUDA provider with 'ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node' " +
  "(older form: ONNXRUNTIME_NODE_INSTALL_CUDA=v12; it downloads Microsoft.ML.OnnxRuntime.Gpu from NuGet), " +
  'and have CUDA 12 and cuDNN 9 libraries on the library path; or use --device cpu';

/**
 * The CUDA provider libraries missing from `folder` (absolute paths); empty when all are there.
 * On a `target` (platform/arch) onnxruntime-node has no CUDA provider for, `undefined`.
 */
export async function missingCudaLibraries(folder: string, target: string = thisTarget): Promise<string[] | undefined> {
  const names = libraries[target];
  if (names === undefined) return undefined;
  const missing: string[] = [];
  for (const name of names) {
    const file = path.join(folder, name);
    if (!(await access(file).then(() => true, () => false))) missing.push(file);
  }
  return missing;
}

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
