/**
 * What the engines need from a model's tokenizer, whatever its family: texts in, one row of
 * token ids per text out, truncated and padded the way the reference implementation does for
 * that model (CLIP: OpenAI's `clip.tokenize`; SigLIP: transformers with `padding="max_length"`).
 */
export interface TextTokenizer {
  /**
   * @param texts one text or several.
   * @param contextLength ids per row: the text tower's `max_position_embeddings`.
   * @returns `texts.length x contextLength` ids, row-major.
   */
  tokenize(texts: string | readonly string[], contextLength: number): Int32Array;
}
