import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../attacks/createRng.js';
import { renderAttack } from '../attacks/render/renderAttack.js';
import { encodeImages, encodeTexts, poolPositions } from '../families/clip/clipTfjsEncoder.js';
import { preprocessRgba } from '../image/preprocessImage.js';
import { solidRgbaImage, type RgbaImage } from '../image/rgbaImage.js';
import type { ClipConfig } from '../families/clip/clipConfig.js';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import type { ClipTokenizer } from '../families/clip/tokenizer/ClipTokenizer.js';
import { expandPrompts } from '../zeroshot/classEmbeddings.js';
import type { TextParams, VisionParams } from '../families/clip/clipTfjsEncoder.js';
import { writtenWordSpec } from './writtenWordStyles.js';

/** A labelled image to probe with. */
export interface ProbeImage {
  readonly image: RgbaImage;
  /** Index into the class names. */
  readonly label: number;
}

/** Held-out accuracy during training: a quick check, not the audit (that is a suite run). */
export interface ProbeResult {
  /** Top-1 over all classes on the clean images, in [0, 1]. */
  readonly cleanAccuracy: number;
  /** Top-1 with a random wrong class name written on each image. */
  readonly attackedAccuracy: number;
  /** Fraction of attacked images classified as the written word. */
  readonly attackSuccess: number;
  /**
   * Top-1 on each image's own class name written alone on white: in the plainest training
   * style (variety 0) and in a fully varied one (variety 1). Whether the model reads at all.
   */
  readonly readingAccuracy: { readonly plain: number; readonly varied: number };
}

/** Each probe image's own class name written alone on white, in the training style of `variety`. */
function writtenAlone(images: readonly ProbeImage[], classNames: readonly string[], variety: number): RgbaImage[] {
  return images.map((probe, i) => {
    const white = solidRgbaImage(probe.image.width, probe.image.height);
    const rng = createRng(i, 'heldoutProbe/alone');
    const outcome = renderAttack(white, writtenWordSpec(classNames[probe.label] as string, rng, variety), i);
    return outcome.kind === 'rendered' ? outcome.image : white;
  });
}

const chunk = 64;

function embedImages(images: readonly RgbaImage[], vision: VisionParams, config: ClipConfig, preprocessor: PreprocessorConfig): tf.Tensor2D {
  const { imageSize, numChannels } = config.vision;
  const per = numChannels * imageSize * imageSize;
  const parts: tf.Tensor2D[] = [];
  for (let start = 0; start < images.length; start += chunk) {
    const slice = images.slice(start, start + chunk);
    const pixels = new Float32Array(slice.length * per);
    slice.forEach((image, i) => pixels.set(preprocessRgba(image, preprocessor), i * per));
    parts.push(tf.tidy(() => encodeImages(pixels, slice.length, vision, config.vision)));
  }
  const all = tf.concat(parts);
  tf.dispose(parts);
  return all;
}

/**
 * Zero-shot top-1 of the current weights on `images`, clean and with a seeded random wrong
 * class name written on each (the fully varied training word style), and on each image's own class name
 * written alone on white, with prompt-ensembled class embeddings over `templates`.
 */
export function heldoutProbe(
  images: readonly ProbeImage[],
  classNames: readonly string[],
  templates: readonly string[],
  params: { readonly vision: VisionParams; readonly text: TextParams },
  config: ClipConfig,
  tokenizer: ClipTokenizer,
  preprocessor: PreprocessorConfig,
): ProbeResult {
  const contextLength = config.text.maxPositionEmbeddings;
  const prompts = expandPrompts(classNames, templates);
  const ids = tokenizer.tokenize(prompts, contextLength);
  const pooled = poolPositions(ids, prompts.length, contextLength, config.text.eosTokenId);
  const writtenWords = images.map((probe, i) => {
    const rng = createRng(i, 'heldoutProbe');
    const offset = rng.int(1, classNames.length - 1);
    return (probe.label + offset) % classNames.length;
  });
  const attacked = images.map((probe, i) => {
    const rng = createRng(i, 'heldoutProbe/spec');
    const outcome = renderAttack(probe.image, writtenWordSpec(classNames[writtenWords[i] as number] as string, rng, 1), i);
    return outcome.kind === 'rendered' ? outcome.image : probe.image;
  });
  const predict = (set: readonly RgbaImage[], classEmbeds: tf.Tensor2D): Int32Array =>
    tf.tidy(() => {
      const embeds = embedImages(set, params.vision, config, preprocessor);
      const normalised = tf.div(embeds, tf.norm(embeds, 'euclidean', 1, true));
      return tf.argMax(tf.matMul(normalised, tf.transpose(classEmbeds)), 1).dataSync() as Int32Array;
    });
  const classEmbeds = tf.tidy(() => {
    const text = encodeTexts(ids, prompts.length, pooled, params.text, config.text);
    const normalised = tf.div(text, tf.norm(text, 'euclidean', 1, true));
    const mean = tf.mean<tf.Tensor2D>(tf.reshape(normalised, [classNames.length, templates.length, -1]), 1);
    return tf.div<tf.Tensor2D>(mean, tf.norm(mean, 'euclidean', 1, true));
  });
  const clean = predict(images.map((p) => p.image), classEmbeds);
  const underAttack = predict(attacked, classEmbeds);
  const readPlain = predict(writtenAlone(images, classNames, 0), classEmbeds);
  const readVaried = predict(writtenAlone(images, classNames, 1), classEmbeds);
  classEmbeds.dispose();
  const rate = (hit: (i: number) => boolean) => images.filter((_, i) => hit(i)).length / Math.max(1, images.length);
  return {
    cleanAccuracy: rate((i) => clean[i] === images[i]?.label),
    attackedAccuracy: rate((i) => underAttack[i] === images[i]?.label),
    attackSuccess: rate((i) => underAttack[i] === writtenWords[i]),
    readingAccuracy: { plain: rate((i) => readPlain[i] === images[i]?.label), varied: rate((i) => readVaried[i] === images[i]?.label) },
  };
}
