import { EngineError } from '../../errors/EngineError.js';
import { messageOf } from '../../util/messageOf.js';

/** The onnxruntime-node module. */
export type Ort = typeof import('onnxruntime-node');

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
