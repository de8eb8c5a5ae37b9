import { readFileSync } from 'node:fs';
import { fixturePath } from '../../../helpers/paths.js';

/** One string of a `golden/tokens.json` (fields described in test/fixtures/clip-tokenizer/golden/README.md). */
export interface GoldenTokenEntry {
  readonly text: string;
  /** Whether `ftfy.fix_text` changes the text, and its output. */
  readonly ftfyChanged: boolean;
  readonly ftfyFixed: string;
  /** Whether `html.unescape` (twice) changes the ftfy output. */
  readonly htmlUnescapeChanged: boolean;
  /** The string the BPE sees. */
  readonly cleaned: string;
  /** `SimpleTokenizer().encode(text)`: no start/end ids, no truncation. */
  readonly bpeIds: readonly number[];
  readonly truncated: boolean;
  /** `clip.tokenize(text)[0]`. */
  readonly inputIds: readonly number[];
}

/** A `golden/tokens.json`: OpenAI `clip.tokenize` outputs for 53 strings. */
export interface GoldenTokens {
  readonly contextLength: number;
  readonly vocabSize: number;
  readonly sotTokenId: number;
  readonly eotTokenId: number;
  readonly entries: readonly GoldenTokenEntry[];
}

/** Fixture directories with a tokenizer and golden tokens: the full vocabulary and the two reduced ones. */
export const tokenizerFixtures = ['clip-tokenizer', 'clip-tiny', 'clip-tiny-p16'] as const;

interface RawEntry {
  text: string;
  ftfy_changed: boolean;
  ftfy_fixed: string;
  html_unescape_changed: boolean;
  cleaned: string;
  bpe_ids: number[];
  truncated: boolean;
  input_ids: number[];
}

interface RawTokens {
  context_length: number;
  vocab_size: number;
  sot_token_id: number;
  eot_token_id: number;
  entries: RawEntry[];
}

/** Reads `test/fixtures/<fixture>/golden/tokens.json` into camelCase fields. */
export function readGoldenTokens(fixture: string): GoldenTokens {
  const raw = JSON.parse(readFileSync(fixturePath(fixture, 'golden', 'tokens.json'), 'utf8')) as RawTokens;
  return {
    contextLength: raw.context_length,
    vocabSize: raw.vocab_size,
    sotTokenId: raw.sot_token_id,
    eotTokenId: raw.eot_token_id,
    entries: raw.entries.map((entry) => ({
      text: entry.text,
      ftfyChanged: entry.ftfy_changed,
      ftfyFixed: entry.ftfy_fixed,
      htmlUnescapeChanged: entry.html_unescape_changed,
      cleaned: entry.cleaned,
      bpeIds: entry.bpe_ids,
      truncated: entry.truncated,
      inputIds: entry.input_ids,
    })),
  };
}
