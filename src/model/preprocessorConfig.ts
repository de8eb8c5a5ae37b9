/**
 * How images are turned into `pixel_values`, read from `preprocessor_config.json`
 * (Hugging Face `CLIPImageProcessor`, `SiglipImageProcessor`). Preprocessing is data, never
 * per-model code.
 */
export interface PreprocessorConfig {
  readonly doResize: boolean;
  /**
   * `shortestEdge`: the short side to `shortestEdge`, the long side keeping the aspect ratio
   * (CLIP, `size: {shortest_edge}`); `exact`: to `resizeWidth` x `resizeHeight` whatever the
   * aspect ratio (SigLIP, `size: {height, width}`).
   */
  readonly resizeMode: 'shortestEdge' | 'exact';
  /** Target of the shortest side after resizing, in pixels (resizeMode `shortestEdge`). */
  readonly shortestEdge: number;
  /** Size after resizing, in pixels (resizeMode `exact`). */
  readonly resizeHeight: number;
  readonly resizeWidth: number;
  /**
   * When an image that is not RGB becomes RGB: `afterResize`, as OpenAI's CLIP `_transform`
   * (Pillow resizes RGBA premultiplied, then convert('RGB')); `beforeResize`, as transformers'
   * image processors (convert('RGB') drops alpha, then the RGB image is resized). Follows the
   * reference implementation of the processor type: CLIPImageProcessor -> OpenAI,
   * SiglipImageProcessor -> transformers.
   */
  readonly convertRgb: 'afterResize' | 'beforeResize';
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
