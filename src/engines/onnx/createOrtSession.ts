import type { InferenceSession } from 'onnxruntime-node';
import { EngineError } from '../../errors/EngineError.js';
import type { OnnxProvider } from './chooseProviders.js';
import { cudaInstallHint } from './missingCudaLibraries.js';
import type { Ort } from './loadOrt.js';
import { onnxSessionOptions } from './onnxSessionOptions.js';
import { messageOf } from '../../util/messageOf.js';

/**
 * Opens an onnxruntime session on `provider` for a model file or serialised model.
 *
 * @param source names the model in messages.
 * @throws EngineError naming `source` when onnxruntime cannot load it, or when the CUDA provider
 *   does not start (then saying what CUDA needs).
 */
export async function createOrtSession(
  ort: Ort,
  model: string | Uint8Array,
  source: string,
  provider: OnnxProvider,
  threads: number | undefined,
): Promise<InferenceSession> {
  const options = onnxSessionOptions(provider, threads);
  try {
    return typeof model === 'string' ? await ort.InferenceSession.create(model, options) : await ort.InferenceSession.create(model, options);
  } catch (error) {
    const why = messageOf(error);
    const message =
      provider === 'cuda'
        ? `ONNX Runtime's CUDA provider did not start for ${source} (${why}); ${cudaInstallHint}.`
        : `ONNX Runtime could not load ${source}: ${why}`;
    throw new EngineError(message, 'onnx', { cause: error });
  }
}
