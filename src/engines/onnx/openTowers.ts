import type { InferenceSession } from 'onnxruntime-node';
import { EngineError } from '../../errors/EngineError.js';
import type { ModelConfig } from '../../families/modelConfig.js';
import type { OnnxProvider } from './chooseProviders.js';
import { createOrtSession } from './createOrtSession.js';
import { describeTowerIo } from './describeTowerIo.js';
import type { Ort } from './loadOrt.js';
import { OnnxTower } from './OnnxTower.js';
import { quantizesActivationsPerBatch } from './quantizesActivationsPerBatch.js';
import type { TowerSource } from './readTowerSources.js';
import { towerSpecs, type TowerSpec } from './towerSpec.js';

/** Both encoders, open on one execution provider. */
export interface OnnxTowers {
  readonly vision: OnnxTower;
  readonly text: OnnxTower;
  readonly provider: OnnxProvider;
}

async function openTower(ort: Ort, from: TowerSource, spec: TowerSpec, provider: OnnxProvider, threads: number | undefined): Promise<OnnxTower> {
  const session: InferenceSession = await createOrtSession(ort, from.model, from.source, provider, threads);
  try {
    const perSample = await quantizesActivationsPerBatch(from.model);
    return new OnnxTower(ort, session, describeTowerIo(session, spec, from.source), from.source, spec.outputDim, perSample);
  } catch (error) {
    await session.release();
    throw error;
  }
}

async function openOn(ort: Ort, sources: { vision: TowerSource; text: TowerSource }, config: ModelConfig, provider: OnnxProvider, threads: number | undefined): Promise<OnnxTowers> {
  const specs = towerSpecs(config);
  const vision = await openTower(ort, sources.vision, specs.vision, provider, threads);
  try {
    return { vision, text: await openTower(ort, sources.text, specs.text, provider, threads), provider };
  } catch (error) {
    vision.release();
    throw error;
  }
}

/**
 * Opens the vision and text graphs on the first of `providers` that starts, and checks their
 * inputs and outputs against `config`. A graph that does not fit `config` fails at once; only a
 * provider that does not start moves on to the next one (`auto` listing cuda, then cpu).
 *
 * @throws EngineError from the last provider tried, or naming the graph that does not fit.
 */
export async function openTowers(
  ort: Ort,
  sources: { vision: TowerSource; text: TowerSource },
  config: ModelConfig,
  providers: readonly OnnxProvider[],
  threads: number | undefined,
): Promise<OnnxTowers> {
  let failure: unknown = new EngineError('No ONNX Runtime execution provider to try.', 'onnx');
  for (const provider of providers) {
    try {
      return await openOn(ort, sources, config, provider, threads);
    } catch (error) {
      if (provider !== 'cuda') throw error;
      failure = error;
    }
  }
  throw failure;
}
