import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import type { WeightMap } from '../model/weightMap.js';
import type { ModelConfig } from './modelConfig.js';

/** A loaded checkpoint of any family as plain data: what engines are built from. */
export interface LoadedModel {
  /** How the user named it (a directory or hub id). */
  readonly id: string;
  /** The local directory its files were read from ('' for a model built in memory). */
  readonly dir: string;
  readonly config: ModelConfig;
  readonly preprocessor: PreprocessorConfig;
  /** Hugging Face names; all of them for engines that compute with weights, or only the scoring scalars. */
  readonly weights: WeightMap;
}
