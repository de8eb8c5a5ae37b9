/**
 * How images are turned into `pixel_values`, read from `preprocessor_config.json`
 * (Hugging Face `CLIPImageProcessor`). Preprocessing is data, never per-model code.
 */
export interface PreprocessorConfig {
  readonly doResize: boolean;
  /** Target of the shortest side after resizing, in pixels. */
  readonly shortestEdge: number;
  /** PIL resample filter id (3 = bicubic, the only one CLIP uses). */
  readonly resample: number;
  readonly doCenterCrop: boolean;
  /** Center crop size in pixels. */
  readonly cropHeight: number;
  readonly cropWidth: number;
  readonly doRescale: boolean;
  /** Multiplier from 8-bit values to [0,1] (1/255). */
  readonly rescaleFactor: number;
  readonly doNormalize: boolean;
  /** Per-channel mean, RGB order, in [0,1] units. */
  readonly imageMean: readonly [number, number, number];
  /** Per-channel standard deviation, RGB order, in [0,1] units. */
  readonly imageStd: readonly [number, number, number];
  readonly doConvertRgb: boolean;
}
