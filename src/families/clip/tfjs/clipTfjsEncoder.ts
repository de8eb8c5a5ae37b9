import type { ClipConfig } from '../../../model/clipConfig.js';
import type { WeightMap } from '../../../model/weightMap.js';
import type { TfjsDualEncoder } from '../../tfjsDualEncoder.js';
import { encodeImages } from './encodeImages.js';
import { encodeTexts } from './encodeTexts.js';
import { poolPositions } from './poolPositions.js';
import { disposeClipParams, uploadClipParams } from './uploadClipParams.js';

/** OpenAI CLIP's encoders over `weights` uploaded to the current tfjs backend. */
export function createClipTfjsEncoder(weights: WeightMap, config: ClipConfig): TfjsDualEncoder {
  const params = uploadClipParams(weights, config);
  const { maxPositionEmbeddings: contextLength, eosTokenId } = config.text;
  return {
    encodeImages: (pixels, count) => encodeImages(pixels, count, params.vision, config.vision),
    encodeTexts: (inputIds, count) =>
      encodeTexts(inputIds, count, poolPositions(inputIds, count, contextLength, eosTokenId), params.text, config.text),
    dispose: () => disposeClipParams(params),
  };
}
