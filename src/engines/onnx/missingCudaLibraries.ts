import { access } from 'node:fs/promises';
import path from 'node:path';

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
