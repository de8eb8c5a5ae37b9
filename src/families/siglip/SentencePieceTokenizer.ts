import type { SentencePieceProcessor } from '@sctg/sentencepiece-js';
import { ModelLoadError } from '../../errors/errors.js';
import { PYTHON_ISSPACE_CLASS, stripWhitespace } from '../../tokenizer/pythonWhitespace.js';
import { padTokenRows, type TextTokenizer } from '../../tokenizer/textTokenizer.js';

/** What a `tokenizer_config.json` of a `SiglipTokenizer` can change; every field has SiglipTokenizer's default. */
export interface SentencePieceTokenizerOptions {
  /** Appended to every text (`eos_token`, default `</s>`). */
  readonly eosToken?: string;
  /** Fills a row up to the context length (`pad_token`, default `</s>`). */
  readonly padToken?: string;
  /** The model's unknown piece (`unk_token`, default `<unk>`); must exist, as transformers maps missing pieces to it. */
  readonly unkToken?: string;
  /** Lower-case the text before encoding (`do_lower_case`, default true). */
  readonly doLowerCase?: boolean;
  /** Where padding goes (`padding_side`, default `right`). */
  readonly paddingSide?: 'left' | 'right';
  /** Which end of a long text is cut (`truncation_side`, default `right`: the end is dropped). */
  readonly truncationSide?: 'left' | 'right';
}

/** Python's `string.punctuation`, which SiglipTokenizer deletes: the 32 ASCII punctuation characters. */
const PYTHON_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
/** Python `re`'s `\s+` on a str (the `str.isspace()` characters). */
const PYTHON_RE_SPACE_RUN = new RegExp(`${PYTHON_ISSPACE_CLASS}+`, 'g');
/** A UTF-16 surrogate without its partner. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * transformers' `SiglipTokenizer` (SigLIP checkpoints that ship a SentencePiece unigram
 * `spiece.model`), with `padding="max_length"` and truncation, as SigLIP's processor is used:
 *
 * 1. lower-case (`do_lower_case`), one code point at a time as transformers does (so a final
 *    capital sigma becomes σ, not ς);
 * 2. canonicalize like big_vision: delete Python's `string.punctuation`, turn every run of
 *    Python whitespace into one space, strip;
 * 3. SentencePiece-encode with Google's own library (compiled to wasm), the model's
 *    normalizer and dummy prefix included;
 * 4. keep the first `contextLength - 1` ids, append `eos_token`, pad with `pad_token`.
 *
 * The special ids are looked up in the model by the token names; none is assumed.
 * Not copied from transformers: literal special-token strings in the text (`</s>`) are
 * canonicalized like any other text here, while transformers first splits them out as
 * special ids. Lone UTF-16 surrogates, which Python cannot encode at all, become U+FFFD.
 *
 * Build one with {@link SentencePieceTokenizer.fromModel} or `loadSiglipTokenizer(dir)`.
 */
export class SentencePieceTokenizer implements TextTokenizer {
  /** Id of `eos_token`, the last id of every unpadded row. */
  readonly eosTokenId: number;
  /** Id of `pad_token`. */
  readonly padTokenId: number;
  /** Id of `unk_token`, given to every character the model does not know. */
  readonly unkTokenId: number;
  /** Pieces in the model; every id is in [0, vocabSize). */
  readonly vocabSize: number;

  private readonly doLowerCase: boolean;
  private readonly padLeft: boolean;
  private readonly cutLeft: boolean;

  private constructor(
    private readonly processor: SentencePieceProcessor,
    pieces: ReadonlyMap<string, number>,
    options: SentencePieceTokenizerOptions,
    source: string,
  ) {
    const idOf = (token: string, role: string): number => {
      const id = pieces.get(token);
      if (id === undefined) {
        throw new ModelLoadError(`${source} has no piece ${JSON.stringify(token)}, which tokenizer_config.json names as ${role}.`, source);
      }
      return id;
    };
    this.eosTokenId = idOf(options.eosToken ?? '</s>', 'eos_token');
    this.padTokenId = idOf(options.padToken ?? '</s>', 'pad_token');
    this.unkTokenId = idOf(options.unkToken ?? '<unk>', 'unk_token');
    this.vocabSize = pieces.size;
    this.doLowerCase = options.doLowerCase ?? true;
    this.padLeft = options.paddingSide === 'left';
    this.cutLeft = options.truncationSide === 'left';
  }

  /**
   * Loads a SentencePiece model (the bytes of `spiece.model`). Starts a wasm instance of
   * Google's sentencepiece for it; the wasm module itself is imported on first use.
   *
   * @param model the serialized `ModelProto`.
   * @param options the special tokens and switches of `tokenizer_config.json`.
   * @param source where the bytes came from, for error messages.
   * @throws ModelLoadError when the bytes are no SentencePiece model, or a named special token is not in it.
   */
  static async fromModel(
    model: Uint8Array,
    options: SentencePieceTokenizerOptions = {},
    source = 'spiece.model',
  ): Promise<SentencePieceTokenizer> {
    const pieces = readPieces(model, source);
    const { SentencePieceProcessor } = await import('@sctg/sentencepiece-js');
    const processor = new SentencePieceProcessor();
    await processor.loadFromB64StringModel(Buffer.from(model.buffer, model.byteOffset, model.byteLength).toString('base64'));
    // The wrapper drops Load()'s status; the processor keeps it.
    const status = (processor.processor as { status(): { ToString(): string; delete(): void } }).status();
    const message = status.ToString();
    status.delete();
    if (message !== 'OK') {
      throw new ModelLoadError(`${source} is not a usable SentencePiece model: ${message}`, source);
    }
    return new SentencePieceTokenizer(processor, pieces, options, source);
  }

  /** The text exactly as SiglipTokenizer hands it to SentencePiece (steps 1-2 above). */
  canonicalize(text: string): string {
    let lowered = text.replace(LONE_SURROGATE, '\ufffd');
    if (this.doLowerCase) {
      // transformers lower-cases each character on its own (a regex over `(.+?)`), not the whole string.
      lowered = Array.from(lowered, (char) => char.toLowerCase()).join('');
    }
    return stripWhitespace(lowered.replace(PYTHON_PUNCTUATION, '').replace(PYTHON_RE_SPACE_RUN, ' '));
  }

  /** The ids of `text` without `eos_token`, truncation or padding. */
  encode(text: string): number[] {
    const canonical = this.canonicalize(text);
    return canonical === '' ? [] : this.processor.encodeIds(canonical);
  }

  /**
   * @param texts one text or several; each is tokenized on its own.
   * @param contextLength ids per row (the text tower's `max_position_embeddings`), an integer >= 2.
   * @returns `texts.length x contextLength` ids, row-major: `encode(text)` cut to
   *   `contextLength - 1`, then `eos_token`, then `pad_token` up to `contextLength`.
   * @throws UsageError when `contextLength` is not an integer >= 2.
   */
  tokenize(texts: string | readonly string[], contextLength: number): Int32Array {
    const list = typeof texts === 'string' ? [texts] : texts;
    return padTokenRows(
      list.map((text) => this.encode(text)),
      contextLength,
      { prefix: [], suffix: [this.eosTokenId], padId: this.padTokenId, padSide: this.padLeft ? 'left' : 'right', truncationSide: this.cutLeft ? 'left' : 'right' },
    );
  }
}

/**
 * The pieces of a serialized SentencePiece `ModelProto` (field 1, repeated `SentencePiece`,
 * whose field 1 is the piece string), piece -> id in file order. Reading them here gives the
 * vocabulary size and the special ids, which the wasm wrapper does not expose.
 */
function readPieces(bytes: Uint8Array, source: string): Map<string, number> {
  const fail = (why: string): never => {
    throw new ModelLoadError(`${source} is not a SentencePiece model: ${why}.`, source);
  };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const pieces = new Map<string, number>();
  let count = 0;
  forEachField(bytes, fail, (field, message) => {
    if (field !== 1) return;
    if (message === undefined) return fail(`piece ${count} is not a message`);
    let piece: string | undefined;
    forEachField(message, fail, (inner, text) => {
      if (inner !== 1) return;
      if (text === undefined) return fail(`piece ${count} has a text that is not a string`);
      try {
        piece = utf8.decode(text);
      } catch {
        fail(`piece ${count} is not UTF-8`);
      }
    });
    if (piece === undefined) return fail(`piece ${count} has no text`);
    if (pieces.has(piece)) return fail(`piece ${JSON.stringify(piece)} appears twice`);
    pieces.set(piece, count++);
  });
  if (count === 0) fail('it has no pieces');
  return pieces;
}

/**
 * Walks the fields of one protobuf message in order, handing `visit` the bytes of each
 * length-delimited field and `undefined` for a number.
 */
function forEachField(
  bytes: Uint8Array,
  fail: (why: string) => never,
  visit: (field: number, value: Uint8Array | undefined) => void,
): void {
  let at = 0;
  const varint = (): number => {
    let value = 0;
    for (let index = 0; index < 10; index++) {
      if (at >= bytes.length) return fail('it ends inside a number');
      const byte = bytes[at++] as number;
      value += (byte & 0x7f) * 128 ** index;
      if (byte < 0x80) return value;
    }
    return fail('a number is longer than 10 bytes');
  };
  const skip = (length: number): void => {
    if (at + length > bytes.length) fail('it ends inside a field');
    at += length;
  };
  while (at < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (wireType === 0) {
      varint();
      visit(field, undefined);
    } else if (wireType === 1 || wireType === 5) {
      skip(wireType === 1 ? 8 : 4);
      visit(field, undefined);
    } else if (wireType === 2) {
      const length = varint();
      skip(length);
      visit(field, bytes.subarray(at - length, at));
    } else {
      fail(`field ${field} has wire type ${wireType}, which a SentencePiece model does not use`);
    }
  }
}
