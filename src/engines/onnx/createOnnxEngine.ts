import { access } from 'node:fs/promises';
import path from 'node:path';
import { EngineError } from '../../errors/EngineError.js';
import type { LoadedModel } from '../../families/loadedModel.js';
import { checkScoringRule } from '../checkEngineOutputs.js';
import type { Dtype, EngineOptions } from '../engineOptions.js';
import { chooseProviders } from './chooseProviders.js';
import { loadOrt } from './loadOrt.js';
import { locateOnnxModel, type OnnxModelFiles } from './locateOnnxModel.js';
import { OnnxEngine } from './OnnxEngine.js';
import { onnxFileNames } from './onnxFileNames.js';
import { openTowers } from './openTowers.js';
import { readTowerSources } from './readTowerSources.js';
import { resolveScoring } from './resolveScoring.js';

/** The combined graph of `files`, or one beside its tower files, if there is one. */
async function combinedGraph(files: OnnxModelFiles, dtype: Dtype): Promise<string | undefined> {
  if (files.kind === 'combined') return files.model;
  const sibling = path.join(path.dirname(files.vision), onnxFileNames(dtype).combined);
  return (await access(sibling).then(() => true, () => false)) ? sibling : undefined;
}

/**
 * Opens the model's ONNX graphs for `options.dtype` (default fp32) on `options.device` with
 * onnxruntime-node: `onnx/vision_model*.onnx` + `onnx/text_model*.onnx`, or both towers cut from
 * `onnx/model*.onnx` (see locateOnnxModel). The scoring scalars come from the weights when the
 * model has them (see resolveScoring).
 *
 * @throws EngineError when the model has no directory or no ONNX files for the dtype (naming the
 *   expected paths and the exporter command), a graph does not fit the config, the device is not
 *   available (CUDA: saying how to install it), or `threads` is not a whole number >= 1;
 *   ModelLoadError (ConfigError for config.json's initial values) when the scoring scalars are
 *   not finite.
 */
export async function createOnnxEngine(model: LoadedModel, options: EngineOptions): Promise<OnnxEngine> {
  const { threads } = options;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    throw new EngineError(`--threads must be a whole number >= 1, got ${threads}.`, 'onnx');
  }
  if (model.dir === '') {
    throw new EngineError(
      `The onnx engine runs ONNX files from a model directory, and '${model.id}' was built in memory; pass --model <dir> with onnx/vision_model.onnx and onnx/text_model.onnx (write them with 'stroop export-onnx --model <dir>').`,
      'onnx',
    );
  }
  const dtype = options.dtype ?? 'fp32';
  const files = await locateOnnxModel(model.dir, dtype);
  const providers = await chooseProviders(options.device);
  const ort = await loadOrt();
  const towers = await openTowers(ort, await readTowerSources(files), model.config, providers, threads);
  try {
    const combined = await combinedGraph(files, dtype);
    const scoring = await resolveScoring(ort, model, combined, threads);
    checkScoringRule(scoring.rule, model, scoring.source === 'onnx' ? { kind: 'onnx', graph: combined ?? model.dir } : { kind: scoring.source });
    return new OnnxEngine(model.config, towers, ort, { dtype, scoring, threads });
  } catch (error) {
    towers.vision.release();
    towers.text.release();
    throw error;
  }
}
