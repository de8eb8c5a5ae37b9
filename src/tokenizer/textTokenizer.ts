import { UsageError } from '../errors/errors.js';

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

/** How a tokenizer lays its ids into fixed-length rows, as transformers' `padding="max_length"` with truncation does. */
export interface RowLayout {
  /** Special ids before every text (e.g. `<bos>`), and after it (e.g. `</s>`); never truncated. */
  readonly prefix: readonly number[];
  readonly suffix: readonly number[];
  readonly padId: number;
  /** Where the padding goes (`padding_side`). */
  readonly padSide: 'left' | 'right';
  /** Which end of a long text is cut (`truncation_side`; `right` drops the end). */
  readonly truncationSide: 'left' | 'right';
}

/**
 * One row of `contextLength` ids per text: its ids cut on `truncationSide` to leave room for the
 * special ids, wrapped in them, padded with `padId` on `padSide`.
 * @param texts each text's ids, without special ids.
 * @throws UsageError when `contextLength` leaves no room for the special ids and one text id.
 */
export function padTokenRows(texts: readonly (readonly number[])[], contextLength: number, layout: RowLayout): Int32Array {
  const added = layout.prefix.length + layout.suffix.length;
  if (!Number.isInteger(contextLength) || contextLength < added + 1) {
    throw new UsageError(
      `Context length ${contextLength} is not allowed; a row needs room for ${added} special token(s) and one text token, so it must be an integer >= ${added + 1}.`,
      'contextLength',
    );
  }
  const room = contextLength - added;
  const out = new Int32Array(texts.length * contextLength).fill(layout.padId);
  texts.forEach((ids, row) => {
    const kept = ids.length <= room ? ids : layout.truncationSide === 'left' ? ids.slice(ids.length - room) : ids.slice(0, room);
    const full = [...layout.prefix, ...kept, ...layout.suffix];
    out.set(full, row * contextLength + (layout.padSide === 'left' ? contextLength - full.length : 0));
  });
  return out;
}
