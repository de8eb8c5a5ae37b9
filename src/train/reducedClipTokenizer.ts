import fs from 'node:fs/promises';
import path from 'node:path';
import { clipTokenizerDir } from '../families/clip/writeClipCheckpoint.js';
import { END_OF_TEXT, START_OF_TEXT } from '../families/clip/tokenizer/ClipTokenizer.js';

/** Byte symbols, alone and ending a word, that precede the merges in CLIP's vocabulary. */
const byteSymbolCount = 512;

/** A CLIP tokenizer cut to its first `merges` BPE merges, as Hugging Face tokenizer files. */
export interface ReducedClipTokenizer {
  /** byte symbols + merges + the two special tokens. */
  readonly vocabSize: number;
  readonly bosTokenId: number;
  readonly eosTokenId: number;
  /** File name -> contents: vocab.json, merges.txt, tokenizer_config.json, special_tokens_map.json. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * CLIP's own BPE restricted to its first `merges` merges: the vocabulary keeps the 512 byte
 * symbols, one token per kept merge (in merge order, so ids are CLIP's ids) and the start/end
 * tokens, renumbered to follow them. Any text still tokenizes; words outside the kept merges
 * split into more pieces.
 * @param merges how many merges to keep, a whole number in [0, 48894].
 * @param contextLength `model_max_length` written to tokenizer_config.json.
 */
export async function reducedClipTokenizer(merges: number, contextLength: number): Promise<ReducedClipTokenizer> {
  const vocabJson = JSON.parse(await fs.readFile(path.join(clipTokenizerDir, 'vocab.json'), 'utf8')) as Record<string, number>;
  const mergeLines = (await fs.readFile(path.join(clipTokenizerDir, 'merges.txt'), 'utf8')).split('\n');
  const [header = '#version: 0.2', ...rules] = mergeLines;
  const available = rules.filter((line) => line.trim() !== '').length;
  if (!Number.isInteger(merges) || merges < 0 || merges > available) {
    throw new RangeError(`merges must be a whole number in [0, ${available}], got ${merges}.`);
  }
  const keep = byteSymbolCount + merges;
  const vocab: Record<string, number> = {};
  for (const [token, id] of Object.entries(vocabJson)) if (id < keep) vocab[token] = id;
  if (Object.keys(vocab).length !== keep) throw new Error(`CLIP's vocab.json does not number its first ${keep} tokens 0..${keep - 1}.`);
  vocab[START_OF_TEXT] = keep;
  vocab[END_OF_TEXT] = keep + 1;
  const tokenizerConfig = {
    model_max_length: contextLength,
    bos_token: START_OF_TEXT,
    eos_token: END_OF_TEXT,
    pad_token: END_OF_TEXT,
    unk_token: END_OF_TEXT,
    do_lower_case: true,
    tokenizer_class: 'CLIPTokenizer',
  };
  const specialTokens = { bos_token: START_OF_TEXT, eos_token: END_OF_TEXT, pad_token: END_OF_TEXT, unk_token: END_OF_TEXT };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    vocabSize: keep + 2,
    bosTokenId: keep,
    eosTokenId: keep + 1,
    files: {
      'vocab.json': `${JSON.stringify(vocab)}\n`,
      'merges.txt': `${[header, ...rules.slice(0, merges)].join('\n')}\n`,
      'tokenizer_config.json': json(tokenizerConfig),
      'special_tokens_map.json': json(specialTokens),
    },
  };
}
