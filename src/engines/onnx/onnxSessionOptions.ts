import os from 'node:os';
import type { InferenceSession } from 'onnxruntime-node';
import type { OnnxProvider } from './chooseProviders.js';

/**
 * Session options for one provider: every graph optimisation on, `threads` intra-op threads
 * (undefined = one per core), one inter-op thread (CLIP graphs have no parallel branches worth it).
 */
export function onnxSessionOptions(provider: OnnxProvider, threads: number | undefined): InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: threads ?? os.availableParallelism(),
    interOpNumThreads: 1,
    // Warnings (e.g. nodes CUDA leaves on the CPU) are not errors; keep stderr for errors.
    logSeverityLevel: 3,
  };
}
