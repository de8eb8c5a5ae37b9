import { Tokenizer } from '@huggingface/tokenizers';
import { ModelLoadError } from '../../errors/errors.js';
import { padTokenRows, type TextTokenizer } from '../../tokenizer/textTokenizer.js';

/** What `tokenizer_config.json` adds to a `tokenizer.json`, resolved by the loader. */
export interface TokenizerJsonTokenizerOptions {
  /** The token that fills each row up to the context length (`pad_token`). */
  readonly padToken: string;
  /** Where padding goes (`padding_side`, default `right`). */
  readonly paddingSide?: 'left' | 'right';
  /** Which end of a long text is cut (`truncation_side`, default `right`: the end is dropped). */
  readonly truncationSide?: 'left' | 'right';
  /** Lower-case the text before tokenizer.json's normaliser runs, as transformers' `Siglip2Tokenizer` does (default false). */
  readonly lowerCase?: boolean;
  /**
   * When given, replaces tokenizer.json's post-processor: every text becomes `[bos] text [eos]`
   * (either may be left out). transformers 5 does this when tokenizer_config.json sets
   * `add_bos_token` or `add_eos_token`.
   */
  readonly specialTokens?: { readonly bos?: string; readonly eos?: string };
}

/** Texts whose tokens show where the post-processor puts its special tokens. */
const PROBE_TEXTS = ['a', 'x', '0', '.'];

/**
 * Lower-casing as the Rust library does it: capital sigma is mapped to σ first, so JavaScript's
 * `toLowerCase()` never applies its final-sigma rule (the only context-dependent mapping).
 */
const LOWERCASE = [{ type: 'Replace', pattern: { String: '\u03a3' }, content: '\u03c3' }, { type: 'Lowercase' }];

/**
 * The part of `@huggingface/tokenizers`' `Tokenizer` used here. The package's own declarations
 * re-export extensionless paths, which do not resolve under NodeNext, so its class types as `any`.
 */
interface HuggingFaceTokenizer {
  /** The id of a token, or undefined when it is not in the vocabulary. */
  token_to_id(token: string): number | undefined;
  /** Token to id, the added tokens included unless `withAddedTokens` is false. */
  get_vocab(withAddedTokens?: boolean): Map<string, number>;
  /** The ids of a text (with the post-processor's special tokens unless `add_special_tokens` is false). */
  encode(text: string, options?: { add_special_tokens?: boolean }): { ids: number[] };
}

/** `@huggingface/tokenizers`' `Tokenizer` class: the parsed `tokenizer.json` and a tokenizer config. */
const HuggingFaceTokenizerClass = Tokenizer as new (tokenizerJson: object, config: object) => HuggingFaceTokenizer;

/**
 * A Hugging Face `tokenizer.json` (SigLIP 2 ships Gemma's byte-fallback BPE), run with
 * `@huggingface/tokenizers` and laid out as transformers does with `padding="max_length"` and
 * truncation: the tokens of the text, cut (on `truncationSide`) so that the special tokens of
 * the post-processor still fit - the Rust library's rule - then those special tokens, then
 * `pad_token` up to the context length on `paddingSide`.
 *
 * Lower-casing follows the Rust library, one character at a time: a final capital sigma becomes
 * σ, where JavaScript's `toLowerCase()` on a whole string would give ς. Pure: build it from the
 * parsed JSON, or with `loadSiglipTokenizer(dir)`.
 */
export class TokenizerJsonTokenizer implements TextTokenizer {
  /** Id of `pad_token`. */
  readonly padTokenId: number;
  /** Every id is in [0, vocabSize): one more than the largest id of the vocabulary and the added tokens. */
  readonly vocabSize: number;
  /** Ids put before every text (the post-processor's, e.g. `<bos>`); often none. */
  readonly prefixIds: readonly number[];
  /** Ids put after every text (e.g. `<eos>`); often none. */
  readonly suffixIds: readonly number[];

  private readonly tokenizer: HuggingFaceTokenizer;
  private readonly padLeft: boolean;
  private readonly cutLeft: boolean;

  /**
   * @param tokenizerJson the parsed contents of `tokenizer.json`.
   * @param options pad token, sides and what `tokenizer_config.json` adds.
   * @param source where the JSON came from, for error messages.
   * @throws ModelLoadError when the JSON is not a tokenizer the library can run, or a named token is not in it.
   */
  constructor(tokenizerJson: unknown, options: TokenizerJsonTokenizerOptions, source = 'tokenizer.json') {
    if (!isRecord(tokenizerJson) || !isRecord(tokenizerJson['model'])) {
      throw new ModelLoadError(`${source} is not a tokenizer: expected a JSON object with a "model" object.`, source);
    }
    const normalizer = foldCapitalSigma(tokenizerJson['normalizer'] ?? null);
    const patched = {
      ...tokenizerJson,
      normalizer: options.lowerCase ? { type: 'Sequence', normalizers: [...LOWERCASE, ...(normalizer === null ? [] : [normalizer])] } : normalizer,
    };
    try {
      this.tokenizer = new HuggingFaceTokenizerClass(patched, {});
      const idOf = (token: string, role: string): number => {
        const id = this.tokenizer.token_to_id(token);
        if (id === undefined) {
          throw new ModelLoadError(`${source} has no token ${JSON.stringify(token)}, which tokenizer_config.json names as ${role}.`, source);
        }
        return id;
      };
      this.padTokenId = idOf(options.padToken, 'pad_token');
      const { bos, eos } = options.specialTokens ?? {};
      [this.prefixIds, this.suffixIds] = options.specialTokens
        ? [bos === undefined ? [] : [idOf(bos, 'bos_token')], eos === undefined ? [] : [idOf(eos, 'eos_token')]]
        : this.findPostProcessorIds(source);
    } catch (error) {
      if (error instanceof ModelLoadError) throw error;
      throw new ModelLoadError(`${source} cannot be used as a tokenizer: ${(error as Error).message}`, source, { cause: error });
    }
    let largestId = -1;
    for (const id of this.tokenizer.get_vocab(true).values()) largestId = Math.max(largestId, id);
    this.vocabSize = largestId + 1;
    this.padLeft = options.paddingSide === 'left';
    this.cutLeft = options.truncationSide === 'left';
  }

  /** The ids of `text` without the post-processor's special tokens, truncation or padding. */
  encode(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  /**
   * @param texts one text or several; each is tokenized on its own.
   * @param contextLength ids per row (the text tower's `max_position_embeddings`); it must leave
   *   room for the special tokens and one text token.
   * @returns `texts.length x contextLength` ids, row-major.
   * @throws UsageError when `contextLength` is not an integer or too small.
   */
  tokenize(texts: string | readonly string[], contextLength: number): Int32Array {
    const list = typeof texts === 'string' ? [texts] : texts;
    return padTokenRows(
      list.map((text) => this.encode(text)),
      contextLength,
      { prefix: this.prefixIds, suffix: this.suffixIds, padId: this.padTokenId, padSide: this.padLeft ? 'left' : 'right', truncationSide: this.cutLeft ? 'left' : 'right' },
    );
  }

  /**
   * Splits what the post-processor adds to a single text into the ids before and after it,
   * by encoding a few texts with and without special tokens. Works for every post-processor
   * that wraps a single text (`TemplateProcessing`, `BertProcessing`, `RobertaProcessing`, ...).
   */
  private findPostProcessorIds(source: string): [number[], number[]] {
    const around = this.tokenizer.encode('').ids;
    const probes = PROBE_TEXTS.map((text) => ({ bare: this.encode(text), full: this.tokenizer.encode(text).ids }));
    const informative = probes.filter((probe) => probe.bare.length > 0);
    for (let split = 0; split <= around.length; split++) {
      const [before, after] = [around.slice(0, split), around.slice(split)];
      const fits = ({ bare, full }: (typeof probes)[number]) => sameIds(full, [...before, ...bare, ...after]);
      if (informative.length > 0 && informative.every(fits)) return [before, after];
    }
    throw new ModelLoadError(
      `${source}: its post-processor does not wrap a text in fixed special tokens (${JSON.stringify(around)} for an empty text); stroop cannot tell what to keep when it truncates.`,
      source,
    );
  }
}

/** The normaliser config with every `Lowercase` step made per-character (see {@link LOWERCASE}). */
function foldCapitalSigma(normalizer: unknown): unknown {
  if (!isRecord(normalizer)) return normalizer;
  if (normalizer['type'] === 'Lowercase') return { type: 'Sequence', normalizers: LOWERCASE };
  const steps = normalizer['normalizers'];
  if (normalizer['type'] === 'Sequence' && Array.isArray(steps)) return { ...normalizer, normalizers: steps.map(foldCapitalSigma) };
  return normalizer;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
