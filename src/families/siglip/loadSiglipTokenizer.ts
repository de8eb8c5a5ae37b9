import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, ModelLoadError } from '../../errors/errors.js';
import { flag, formatConfigIssues } from '../../model/configSchemaParts.js';
import type { TextTokenizer } from '../../tokenizer/textTokenizer.js';
import { SentencePieceTokenizer } from './SentencePieceTokenizer.js';
import { TokenizerJsonTokenizer } from './TokenizerJsonTokenizer.js';

const TOKENIZER_JSON = 'tokenizer.json';
const SPIECE_MODEL = 'spiece.model';
const TOKENIZER_CONFIG = 'tokenizer_config.json';

/** Tokenizer classes whose reference implementation encodes with SentencePiece and canonicalizes the text. */
const SENTENCEPIECE_CLASSES = new Set(['SiglipTokenizer', 'SiglipTokenizerFast']);

/** A token in tokenizer_config.json: its text, or transformers' serialized `AddedToken` (`{"content": ...}`). */
const token = z
  .union([z.string(), z.object({ content: z.string() })], { error: 'expected a token string or an object with a "content" string' })
  .transform((value) => (typeof value === 'string' ? value : value.content));
const side = z.enum(['left', 'right'], { error: 'expected "left" or "right"' });

// Only the fields stroop uses; transformers' other keys (added_tokens_decoder, model_max_length, ...) pass unread.
const tokenizerConfigSchema = z.object({
  tokenizer_class: z.string({ error: 'expected a class name string' }).optional(),
  do_lower_case: flag().optional(),
  bos_token: token.optional(),
  eos_token: token.optional(),
  pad_token: token.optional(),
  unk_token: token.optional(),
  padding_side: side.optional(),
  truncation_side: side.optional(),
  add_bos_token: flag().optional(),
  add_eos_token: flag().optional(),
});
type TokenizerConfig = z.infer<typeof tokenizerConfigSchema>;

/**
 * Loads the text tokenizer of a SigLIP or SigLIP 2 model directory in the Hugging Face layout,
 * set up as transformers sets it up from the same files:
 *
 * - `tokenizer_class` SiglipTokenizer: `spiece.model`, with SiglipTokenizer's canonicalization
 *   ({@link SentencePieceTokenizer}); a `tokenizer.json` beside it is not what transformers runs.
 * - otherwise `tokenizer.json` when there is one ({@link TokenizerJsonTokenizer}); for
 *   Siglip2Tokenizer lower-cased and padded on the left unless `padding_side` says otherwise.
 * - otherwise `spiece.model`, as SiglipTokenizer.
 *
 * `tokenizer_config.json` is optional; what it leaves out takes the tokenizer class's defaults.
 *
 * @param dir the model directory.
 * @throws ModelLoadError naming the directory when it has no tokenizer file, or naming the file that cannot be read or used.
 * @throws ConfigError naming tokenizer_config.json and the field when a value is not allowed.
 */
export async function loadSiglipTokenizer(dir: string): Promise<TextTokenizer> {
  const configPath = path.join(dir, TOKENIZER_CONFIG);
  const config = parseTokenizerConfig(await readOptional(configPath), configPath);
  const className = config.tokenizer_class;
  const wantsSentencePiece = className !== undefined && SENTENCEPIECE_CLASSES.has(className);

  const jsonPath = path.join(dir, TOKENIZER_JSON);
  const json = wantsSentencePiece ? undefined : await readOptional(jsonPath);
  if (json !== undefined) {
    return new TokenizerJsonTokenizer(parseJson(json, jsonPath), tokenizerJsonOptions(config, configPath), jsonPath);
  }

  const modelPath = path.join(dir, SPIECE_MODEL);
  const model = await readOptional(modelPath);
  if (model === undefined) {
    const lookedFor = wantsSentencePiece ? `${SPIECE_MODEL} (tokenizer_class ${className} needs it)` : `${TOKENIZER_JSON} or ${SPIECE_MODEL}`;
    throw new ModelLoadError(`No tokenizer in model directory ${dir}: looked for ${lookedFor}.`, dir);
  }
  if (className !== undefined && !wantsSentencePiece) {
    throw new ConfigError(
      `${configPath}: tokenizer_class ${className} with ${SPIECE_MODEL} is not supported; stroop runs ${SPIECE_MODEL} as SiglipTokenizer, so tokenizer_class must be ${[...SENTENCEPIECE_CLASSES].join(' or ')} (or absent).`,
      configPath,
    );
  }
  return SentencePieceTokenizer.fromModel(
    model,
    {
      ...(config.eos_token === undefined ? {} : { eosToken: config.eos_token }),
      ...(config.pad_token === undefined ? {} : { padToken: config.pad_token }),
      ...(config.unk_token === undefined ? {} : { unkToken: config.unk_token }),
      ...(config.do_lower_case === undefined ? {} : { doLowerCase: config.do_lower_case }),
      ...(config.padding_side === undefined ? {} : { paddingSide: config.padding_side }),
      ...(config.truncation_side === undefined ? {} : { truncationSide: config.truncation_side }),
    },
    modelPath,
  );
}

/** tokenizer_config.json read against what transformers' tokenizer class would do with it. */
function tokenizerJsonOptions(config: TokenizerConfig, configPath: string) {
  const siglip2 = config.tokenizer_class === 'Siglip2Tokenizer';
  // Siglip2Tokenizer's defaults; other classes have no pad token unless the file names one.
  const padToken = config.pad_token ?? (siglip2 ? '<pad>' : undefined);
  if (padToken === undefined) {
    throw new ConfigError(`${configPath}: pad_token is missing; stroop pads every text to the context length and needs it.`, configPath);
  }
  const rebuildsPostProcessor = config.add_bos_token !== undefined || config.add_eos_token !== undefined;
  const bos = config.bos_token ?? (siglip2 ? '<bos>' : undefined);
  const eos = config.eos_token ?? (siglip2 ? '<eos>' : undefined);
  const specialTokens = {
    ...(config.add_bos_token === true ? { bos: requireToken(bos, 'bos_token', 'add_bos_token', configPath) } : {}),
    ...(config.add_eos_token === true ? { eos: requireToken(eos, 'eos_token', 'add_eos_token', configPath) } : {}),
  };
  return {
    padToken,
    paddingSide: config.padding_side ?? (siglip2 ? 'left' : 'right'),
    truncationSide: config.truncation_side ?? 'right',
    lowerCase: siglip2,
    ...(rebuildsPostProcessor ? { specialTokens } : {}),
  } as const;
}

function requireToken(value: string | undefined, field: string, because: string, configPath: string): string {
  if (value === undefined) throw new ConfigError(`${configPath}: ${because} is true but ${field} is missing.`, configPath);
  return value;
}

function parseTokenizerConfig(bytes: Uint8Array | undefined, configPath: string): TokenizerConfig {
  if (bytes === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ConfigError(`${configPath} is not valid JSON: ${(error as Error).message}`, configPath, { cause: error });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError(`Invalid tokenizer config ${configPath}: expected a JSON object`, configPath);
  }
  const parsed = tokenizerConfigSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(`Invalid tokenizer config ${configPath}: ${formatConfigIssues(parsed.error.issues)}`, configPath);
  }
  return parsed.data;
}

function parseJson(bytes: Uint8Array, file: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ModelLoadError(`${file} is not valid JSON: ${(error as Error).message}`, file, { cause: error });
  }
}

/** The bytes of a file, or undefined when there is none. */
async function readOptional(file: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ModelLoadError(`Cannot read tokenizer file ${file}: ${(error as Error).message}`, file, { cause: error });
  }
}
