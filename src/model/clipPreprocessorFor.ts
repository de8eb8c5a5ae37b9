import type { ClipConfig } from './clipConfig.js';
import type { PreprocessorConfig } from './preprocessorConfig.js';

/** OpenAI CLIP's preprocessing for a model of this input size: bicubic resize, center crop, CLIP mean/std. */
export function clipPreprocessorFor(config: ClipConfig): PreprocessorConfig {
  const size = config.vision.imageSize;
  return {
    doResize: true,
    resizeMode: 'shortestEdge',
    shortestEdge: size,
    resizeHeight: size,
    resizeWidth: size,
    convertRgb: 'afterResize',
    resample: 3,
    doCenterCrop: true,
    cropHeight: size,
    cropWidth: size,
    doRescale: true,
    rescaleFactor: 1 / 255,
    doNormalize: true,
    imageMean: [0.48145466, 0.4578275, 0.40821073],
    imageStd: [0.26862954, 0.26130258, 0.27577711],
    doConvertRgb: true,
  };
}
