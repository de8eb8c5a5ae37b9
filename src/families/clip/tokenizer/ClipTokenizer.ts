import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ModelLoadError, UsageError, messageOf } from '../../../errors/errors.js';
import { bytePairEncode, bytesToUnicode, parseMergesTxt, parseVocabJson, type MergePair, type MergeRanks } from './bytePairEncode.js';
import { cleanText, splitClipPieces } from './cleanText.js';

/** The special tokens OpenAI's tokenizer wraps every text in. */
export const START_OF_TEXT = '<|startoftext|>';
export const END_OF_TEXT = '<|endoftext|>';

/** OpenAI's default context length (`clip.tokenize(..., context_length=77)`). */
export const DEFAULT_CONTEXT_LENGTH = 77;

const END_OF_WORD = '</w>';
/** Words remembered by {@link ClipTokenizer.encode}; the cache is emptied when it is full. */
const CACHE_LIMIT = 50_000;

/** The text of a Hugging Face CLIP tokenizer's two files. */
export interface ClipTokenizerFiles {
  /** Contents of `vocab.json`. */
  readonly vocabJson: string;
  /** Contents of `merges.txt`. */
  readonly mergesTxt: string;
}

/**
 * OpenAI CLIP's tokenizer (`clip/simple_tokenizer.py` + `clip.tokenize`),
 * exactly: ftfy + HTML unescaping + whitespace cleaning + lower-casing, CLIP's
 * split pattern, then byte-level BPE with `</w>` end-of-word markers.
 *
 * Works for any vocabulary in that format: the special ids are read from the
 * vocabulary (`<|startoftext|>`, `<|endoftext|>`), never assumed to be
 * 49406/49407. Pure: build it from file contents ({@link fromFiles}) or with
 * `loadClipTokenizer(dir)`.
 */
export class ClipTokenizer {
  /** Id of `<|startoftext|>`. */
  readonly sotTokenId: number;
  /** Id of `<|endoftext|>`; in CLIP models the highest id, where the text embedding is pooled. */
  readonly eotTokenId: number;
  /** Number of tokens (ids are 0..vocabSize-1). */
  readonly vocabSize: number;

  private readonly vocab: ReadonlyMap<string, number>;
  private readonly ranks: MergeRanks;
  private readonly byteSymbols = bytesToUnicode();
  private readonly wordSymbols = this.byteSymbols.map((symbol) => symbol + END_OF_WORD);
  private readonly cache = new Map<string, readonly number[]>();
  private readonly utf8 = new TextEncoder();

  /**
   * @param vocab token -> id, e.g. from {@link parseVocabJson}.
   * @param merges merges in rank order, e.g. from {@link parseMergesTxt}.
   * @param source where `vocab` came from (a path or a label), for error messages.
   * @throws ModelLoadError when a special token, a byte symbol or a merge result is missing from `vocab`.
   */
  constructor(vocab: ReadonlyMap<string, number>, merges: readonly MergePair[], source = 'vocab.json') {
    const idOf = (token: string, why: string): number => {
      const id = vocab.get(token);
      if (id === undefined) {
        throw new ModelLoadError(
          `${source} has no token ${JSON.stringify(token)} (${why}); a CLIP tokenizer needs the special tokens, all 512 byte symbols and every merge result of merges.txt.`,
          source,
        );
      }
      return id;
    };
    this.sotTokenId = idOf(START_OF_TEXT, 'start of text');
    this.eotTokenId = idOf(END_OF_TEXT, 'end of text');
    for (let byte = 0; byte < 256; byte++) {
      idOf(this.byteSymbols[byte] as string, `byte 0x${byte.toString(16)}`);
      idOf(this.wordSymbols[byte] as string, `byte 0x${byte.toString(16)} ending a word`);
    }
    const ranks = new Map<string, number>();
    merges.forEach(([first, second], rank) => {
      idOf(first + second, `result of merge ${rank + 1}`);
      ranks.set(`${first} ${second}`, rank);
    });
    this.vocab = vocab;
    this.ranks = ranks;
    this.vocabSize = vocab.size;
  }

  /**
   * Builds a tokenizer from the contents of `vocab.json` and `merges.txt`.
   *
   * @throws ModelLoadError when either file is malformed or they do not fit together.
   */
  static fromFiles(files: ClipTokenizerFiles, source?: { vocab?: string; merges?: string }): ClipTokenizer {
    const vocab = parseVocabJson(files.vocabJson, source?.vocab);
    const merges = parseMergesTxt(files.mergesTxt, source?.merges);
    return new ClipTokenizer(vocab, merges, source?.vocab ?? 'vocab.json');
  }

  /**
   * The BPE ids of `text`, without start/end tokens and without truncation:
   * `SimpleTokenizer().encode(text)`. The literal strings `<|startoftext|>` and
   * `<|endoftext|>` in the text become the special ids, as in OpenAI's code.
   */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const piece of splitClipPieces(cleanText(text))) {
      for (const id of this.encodePiece(piece)) ids.push(id);
    }
    return ids;
  }

  /**
   * `clip.tokenize(texts, context_length, truncate)`: each text becomes
   * `[sot, ...encode(text), eot]`, zero-padded to `contextLength`; a longer one
   * is cut to `contextLength` ids whose last is set to eot (or, with
   * `truncate = false`, rejected).
   *
   * @param texts one text or several.
   * @param contextLength ids per text, an integer >= 2 (default 77).
   * @param truncate cut texts that are too long (default) instead of throwing.
   * @returns row-major `[texts.length, contextLength]` ids (the memory layout of
   *   OpenAI's int tensor); row i is `ids.subarray(i * contextLength, (i + 1) * contextLength)`.
   * @throws UsageError when `contextLength` is not an integer >= 2, or a text is
   *   too long and `truncate` is false.
   */
  tokenize(texts: string | readonly string[], contextLength = DEFAULT_CONTEXT_LENGTH, truncate = true): Int32Array {
    if (!Number.isInteger(contextLength) || contextLength < 2) {
      throw new UsageError(`Context length ${contextLength} is not allowed; it must be an integer >= 2.`, 'contextLength');
    }
    const list = typeof texts === 'string' ? [texts] : texts;
    const out = new Int32Array(list.length * contextLength);
    list.forEach((text, row) => {
      const ids = [this.sotTokenId, ...this.encode(text), this.eotTokenId];
      if (ids.length > contextLength) {
        if (!truncate) {
          throw new UsageError(
            `Input ${JSON.stringify(text)} is too long for context length ${contextLength} (${ids.length} tokens with start and end); shorten it or allow truncation.`,
            'truncate',
          );
        }
        ids.length = contextLength;
        ids[contextLength - 1] = this.eotTokenId;
      }
      out.set(ids, row * contextLength);
    });
    return out;
  }

  private encodePiece(piece: string): readonly number[] {
    const cached = this.cache.get(piece);
    if (cached !== undefined) return cached;
    let ids: number[];
    const special = piece === START_OF_TEXT || piece === END_OF_TEXT ? this.vocab.get(piece) : undefined;
    if (special !== undefined) {
      ids = [special];
    } else {
      const bytes = this.utf8.encode(piece);
      if (bytes.length === 0) return [];
      const symbols = Array.from(bytes, (byte) => this.byteSymbols[byte] as string);
      symbols[symbols.length - 1] = this.wordSymbols[bytes[bytes.length - 1] as number] as string;
      // every symbol is in the vocabulary: the constructor checked bytes and merge results
      ids = bytePairEncode(symbols, this.ranks).map((symbol) => this.vocab.get(symbol) as number);
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(piece, ids);
    return ids;
  }
}

/**
 * Loads the CLIP tokenizer of a model directory in the Hugging Face layout
 * (`vocab.json` and `merges.txt` side by side, as in `openai/clip-vit-base-patch32`).
 *
 * @param dir the model directory.
 * @throws ModelLoadError naming the file when one is missing, unreadable or malformed.
 */
export async function loadClipTokenizer(dir: string): Promise<ClipTokenizer> {
  const vocabPath = path.join(dir, 'vocab.json');
  const mergesPath = path.join(dir, 'merges.txt');
  const [vocabJson, mergesTxt] = await Promise.all([readTokenizerFile(vocabPath), readTokenizerFile(mergesPath)]);
  return ClipTokenizer.fromFiles({ vocabJson, mergesTxt }, { vocab: vocabPath, merges: mergesPath });
}

async function readTokenizerFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ModelLoadError(
      missing
        ? `Tokenizer file ${file} not found; a CLIP model directory in the Hugging Face layout needs vocab.json and merges.txt (as in openai/clip-vit-base-patch32).`
        : `Cannot read tokenizer file ${file}: ${messageOf(error)}`,
      file,
      { cause: error },
    );
  }
}
