import * as tf from '@tensorflow/tfjs-core';

/** CLIP clamps the learned inverse temperature at 100. */
export const maxLogitScale = Math.log(100);

/**
 * CLIP's symmetric contrastive loss: the mean of the image->text and text->image
 * cross-entropies of `exp(logitScale) * cos(image_i, text_j)`, where pair i is row i of both.
 * @param imageEmbeds [n, d] projected image embeddings (not normalised).
 * @param textEmbeds [n, d] projected text embeddings (not normalised).
 * @param logitScale raw scalar parameter; its exp is clamped at 100 as in CLIP.
 */
export function symmetricInfoNce(imageEmbeds: tf.Tensor2D, textEmbeds: tf.Tensor2D, logitScale: tf.Scalar): tf.Scalar {
  return tf.tidy(() => {
    const normalise = (x: tf.Tensor2D) => tf.div(x, tf.norm(x, 'euclidean', 1, true)) as tf.Tensor2D;
    const image = normalise(imageEmbeds);
    const text = normalise(textEmbeds);
    // text^T is formed explicitly: the wasm backend is fast only on untransposed operands.
    const logits = tf.mul(tf.exp(tf.minimum(logitScale, maxLogitScale)), tf.matMul(image, tf.transpose(text))) as tf.Tensor2D;
    const targets = tf.eye(imageEmbeds.shape[0]);
    const imageToText = tf.losses.softmaxCrossEntropy(targets, logits);
    const textToImage = tf.losses.softmaxCrossEntropy(targets, tf.transpose(logits));
    return tf.div(tf.add(imageToText, textToImage), 2) as tf.Scalar;
  });
}
