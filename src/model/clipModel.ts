import type { ClipConfig } from './clipConfig.js';
import type { PreprocessorConfig } from './preprocessorConfig.js';
import type { WeightMap } from './weightMap.js';

/** A loaded CLIP checkpoint as plain data: what engines are built from. */
export interface ClipModel {
  /** How the user named it (a directory or hub id). */
  readonly id: string;
  /** The local directory its files were read from. */
  readonly dir: string;
  readonly config: ClipConfig;
  readonly preprocessor: PreprocessorConfig;
  readonly weights: WeightMap;
}
