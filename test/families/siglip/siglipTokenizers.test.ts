import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ConfigError, ModelLoadError, UsageError } from '../../../src/errors/errors.js';
import { SentencePieceTokenizer } from '../../../src/families/siglip/SentencePieceTokenizer.js';
import { TokenizerJsonTokenizer } from '../../../src/families/siglip/TokenizerJsonTokenizer.js';
import { loadSiglipTokenizer } from '../../../src/families/siglip/loadSiglipTokenizer.js';
import { fixturePath } from '../../helpers/paths.js';

/** `golden/tokens.json` of a SigLIP fixture: transformers 5.18, `padding="max_length"`, max_length 64, truncation. */
interface GoldenTokens {
  readonly texts: string[];
  readonly input_ids: number[][];
}

const CONTEXT_LENGTH = 64;
const fixtures = ['siglip-tiny', 'siglip2-tiny'] as const;
type SiglipFixture = (typeof fixtures)[number];

function readGolden(fixture: SiglipFixture): GoldenTokens {
  return JSON.parse(fs.readFileSync(fixturePath(fixture, 'golden', 'tokens.json'), 'utf8')) as GoldenTokens;
}

/** Embedding rows of the fixture's text tower (config.json), the bound every id must respect. */
function configVocabSize(fixture: SiglipFixture): number {
  const config = JSON.parse(fs.readFileSync(fixturePath(fixture, 'config.json'), 'utf8')) as { text_config: { vocab_size: number } };
  return config.text_config.vocab_size;
}

function rowsOf(ids: Int32Array, contextLength: number): number[][] {
  return Array.from({ length: ids.length / contextLength }, (_, row) => Array.from(ids.subarray(row * contextLength, (row + 1) * contextLength)));
}

function fileOf(fixture: SiglipFixture, name: string): string {
  return fs.readFileSync(fixturePath(fixture, name), 'utf8');
}

/** Makes a model directory with the given files, removed after the suite. */
const tempDirs: string[] = [];
async function modelDir(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stroop-siglip-tok-'));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}
after(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A serialized SentencePiece `ModelProto` whose pieces are all of type NORMAL, score 0. */
function modelProto(pieces: readonly string[]): Uint8Array {
  const bytes: number[] = [];
  for (const piece of pieces) {
    const text = new TextEncoder().encode(piece);
    const message = [0x0a, text.length, ...text, 0x15, 0, 0, 0, 0, 0x18, 0x01];
    bytes.push(0x0a, message.length, ...message);
  }
  return Uint8Array.from(bytes);
}

function vocabSizeOf(tokenizer: unknown): number {
  assert.ok(tokenizer instanceof SentencePieceTokenizer || tokenizer instanceof TokenizerJsonTokenizer);
  return tokenizer.vocabSize;
}

/** Text mixing golden words, case, SigLIP-relevant punctuation, whitespace and arbitrary UTF-16 (lone surrogates included). */
const textish = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'photo', 'OF', 'Cat', ' ', '  ', '\t', '\u00a0', '\u2028', '\u001c', '.', "'s"),
      fc.constantFrom('</s>', '<pad>', '<EOS>', 'é', 'ΟΔΟΣ', '日本', '🐶'),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({ unit: 'grapheme-ascii', minLength: 20, maxLength: 120 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

for (const fixture of fixtures) {
  describe(`loadSiglipTokenizer: ${fixture}`, () => {
    const golden = readGolden(fixture);
    let tokenizer: Awaited<ReturnType<typeof loadSiglipTokenizer>>;
    before(async () => {
      tokenizer = await loadSiglipTokenizer(fixturePath(fixture));
    });

    it('gives the golden ids of transformers for every golden text', () => {
      assert.equal(golden.texts.length, 20);
      golden.texts.forEach((text, index) => {
        assert.deepEqual(Array.from(tokenizer.tokenize(text, CONTEXT_LENGTH)), golden.input_ids[index], JSON.stringify(text));
      });
    });

    it('tokenizes a batch exactly as each text alone', () => {
      const batch = tokenizer.tokenize(golden.texts, CONTEXT_LENGTH);
      assert.equal(batch.length, golden.texts.length * CONTEXT_LENGTH);
      assert.deepEqual(rowsOf(batch, CONTEXT_LENGTH), golden.input_ids);
      assert.equal(tokenizer.tokenize([], CONTEXT_LENGTH).length, 0);
    });

    it('any texts give contextLength ids per text, all inside the vocabulary, the same in a batch as alone', () => {
      const vocabSize = vocabSizeOf(tokenizer);
      assert.ok(vocabSize <= configVocabSize(fixture), `tokenizer vocabulary ${vocabSize} fits the embedding table`);
      fc.assert(
        fc.property(fc.array(textish, { maxLength: 4 }), fc.integer({ min: 2, max: 80 }), (texts, contextLength) => {
          const ids = tokenizer.tokenize(texts, contextLength);
          assert.equal(ids.length, texts.length * contextLength);
          assert.ok(ids.every((id) => id >= 0 && id < vocabSize));
          texts.forEach((text, row) => {
            assert.deepEqual(rowsOf(ids, contextLength)[row], Array.from(tokenizer.tokenize(text, contextLength)));
          });
        }),
        { numRuns: 150 },
      );
    });

    it('rejects a context length that is not a whole number or leaves no room for a text token', () => {
      for (const bad of [0, -64, 2.5, Number.NaN]) {
        assert.throws(() => tokenizer.tokenize('a cat', bad), UsageError, String(bad));
      }
    });
  });
}

describe('SentencePieceTokenizer (SiglipTokenizer)', () => {
  let model: Uint8Array;
  let tokenizer: SentencePieceTokenizer;
  before(async () => {
    model = fs.readFileSync(fixturePath('siglip-tiny', 'spiece.model'));
    tokenizer = await SentencePieceTokenizer.fromModel(model);
  });

  it('canonicalizes like big_vision: ASCII punctuation deleted, Python whitespace runs -> one space, stripped, lower-cased per character', () => {
    assert.equal(tokenizer.canonicalize(' A, (B)!\u00a0\u001cc\u2028 d\t'), 'a b c d');
    assert.equal(tokenizer.canonicalize('«Ünïcode» ‘quotes’ stay'), '«ünïcode» ‘quotes’ stay');
    // transformers lower-cases one character at a time, so no final sigma
    assert.equal(tokenizer.canonicalize('ΟΔΟΣ'), 'οδοσ');
    assert.equal(tokenizer.canonicalize('\u200b'), '\u200b', 'zero-width space is no Python whitespace');
    assert.equal(tokenizer.canonicalize('a\ud800b'), 'a\ufffdb', 'lone surrogates are replaced, not merged with the next character');
  });

  it('reads the special ids from the model, and an empty text is eos then padding', () => {
    assert.deepEqual([tokenizer.eosTokenId, tokenizer.padTokenId, tokenizer.unkTokenId], [1, 1, 2]);
    assert.deepEqual(Array.from(tokenizer.tokenize(['', ' ?! '], 4)), [1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('follows do_lower_case, padding_side and truncation_side', async () => {
    const cased = await SentencePieceTokenizer.fromModel(model, { doLowerCase: false });
    assert.notDeepEqual(cased.encode('A PHOTO'), tokenizer.encode('A PHOTO'));
    assert.deepEqual(cased.encode('a photo'), tokenizer.encode('A PHOTO'));
    const ids = tokenizer.encode('a photo of a cat');
    assert.equal(ids.length, 5);
    const left = await SentencePieceTokenizer.fromModel(model, { paddingSide: 'left', truncationSide: 'left' });
    assert.deepEqual(Array.from(left.tokenize('a photo of a cat', 8)), [1, 1, ...ids, 1]);
    assert.deepEqual(Array.from(left.tokenize('a photo of a cat', 4)), [...ids.slice(2), 1]);
    assert.deepEqual(Array.from(tokenizer.tokenize('a photo of a cat', 4)), [...ids.slice(0, 3), 1]);
  });

  it('rejects context length 1, which leaves no room for a token beside eos', () => {
    assert.throws(() => tokenizer.tokenize('a', 1), UsageError);
  });

  it('names the missing piece when tokenizer_config.json names a token the model lacks', async () => {
    await assert.rejects(SentencePieceTokenizer.fromModel(model, { padToken: '<mask>' }), (error: unknown) => {
      return error instanceof ModelLoadError && error.message.includes('"<mask>"') && error.message.includes('pad_token');
    });
  });
});

describe('TokenizerJsonTokenizer (Siglip2Tokenizer)', () => {
  const golden = readGolden('siglip2-tiny');
  const tokenizerJson = JSON.parse(fileOf('siglip2-tiny', 'tokenizer.json')) as Record<string, unknown>;
  /** Gemma's own tokenizer.json has no Lowercase step; Siglip2Tokenizer adds it. */
  const gemmaStyle = JSON.stringify({ ...tokenizerJson, normalizer: { type: 'Replace', pattern: { String: ' ' }, content: '\u2581' } });
  const config = JSON.parse(fileOf('siglip2-tiny', 'tokenizer_config.json')) as Record<string, unknown>;
  /** The golden rows without their left padding: the bare ids of each text (the fixture adds no special tokens). */
  const bareIds = golden.input_ids.map((row) => {
    const start = row.findIndex((id) => id !== 0);
    return start === -1 ? [] : row.slice(start);
  });

  it('lower-cases for Siglip2Tokenizer even when tokenizer.json does not', async () => {
    const tokenizer = await loadSiglipTokenizer(await modelDir({ 'tokenizer.json': gemmaStyle, 'tokenizer_config.json': JSON.stringify(config) }));
    assert.deepEqual(rowsOf(tokenizer.tokenize(golden.texts, CONTEXT_LENGTH), CONTEXT_LENGTH), golden.input_ids);
    const asGemma = { ...config, tokenizer_class: 'GemmaTokenizer' };
    const gemma = await loadSiglipTokenizer(await modelDir({ 'tokenizer.json': gemmaStyle, 'tokenizer_config.json': JSON.stringify(asGemma) }));
    const mixedCase = golden.texts.indexOf('UPPER lower MiXeD');
    assert.notDeepEqual(Array.from(gemma.tokenize(golden.texts[mixedCase] ?? '', CONTEXT_LENGTH)), golden.input_ids[mixedCase]);
  });

  it('lower-cases one character at a time like the Rust library (capital sigma -> σ, never ς)', async () => {
    const tokenizer = await loadSiglipTokenizer(await modelDir({ 'tokenizer.json': gemmaStyle, 'tokenizer_config.json': JSON.stringify(config) }));
    assert.ok(tokenizer instanceof TokenizerJsonTokenizer);
    assert.deepEqual(tokenizer.encode('ΟΔΟΣ ΣΑΣ'), tokenizer.encode('οδοσ σασ'));
    assert.notDeepEqual(tokenizer.encode('οδοσ'), tokenizer.encode('οδος'));
    // the same for a Lowercase step of tokenizer.json itself, here under a class that adds none
    const asGemma = JSON.stringify({ ...config, tokenizer_class: 'GemmaTokenizer' });
    const own = await loadSiglipTokenizer(await modelDir({ 'tokenizer.json': JSON.stringify(tokenizerJson), 'tokenizer_config.json': asGemma }));
    assert.ok(own instanceof TokenizerJsonTokenizer);
    assert.deepEqual(own.encode('ΟΔΟΣ ΣΑΣ'), own.encode('οδοσ σασ'));
  });

  it("keeps room for the post-processor's special tokens when it truncates, then pads on padding_side", async () => {
    const withBosEos = {
      ...tokenizerJson,
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '<bos>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '<eos>', type_id: 0 } }],
        pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
        special_tokens: { '<bos>': { id: '<bos>', ids: [2], tokens: ['<bos>'] }, '<eos>': { id: '<eos>', ids: [1], tokens: ['<eos>'] } },
      },
    };
    const rightPadded = { ...config, padding_side: 'right' };
    const dir = await modelDir({ 'tokenizer.json': JSON.stringify(withBosEos), 'tokenizer_config.json': JSON.stringify(rightPadded) });
    const tokenizer = await loadSiglipTokenizer(dir);
    assert.ok(tokenizer instanceof TokenizerJsonTokenizer);
    assert.deepEqual([tokenizer.prefixIds, tokenizer.suffixIds], [[2], [1]]);
    golden.texts.forEach((text, index) => {
      const bare = (bareIds[index] ?? []).slice(0, CONTEXT_LENGTH - 2);
      const expected = [2, ...bare, 1, ...new Array<number>(CONTEXT_LENGTH - bare.length - 2).fill(0)];
      assert.deepEqual(Array.from(tokenizer.tokenize(text, CONTEXT_LENGTH)), expected, JSON.stringify(text));
    });
    assert.throws(() => tokenizer.tokenize('a', 2), UsageError);
    assert.deepEqual(Array.from(tokenizer.tokenize('ipod', 3)), [2, 365, 1]);
  });

  it('puts [bos] text [eos] around each text instead when tokenizer_config.json sets add_bos_token / add_eos_token', async () => {
    const addEos = { ...config, add_eos_token: true };
    const dir = await modelDir({ 'tokenizer.json': JSON.stringify(tokenizerJson), 'tokenizer_config.json': JSON.stringify(addEos) });
    const tokenizer = await loadSiglipTokenizer(dir);
    const ipod = golden.texts.indexOf('ipod');
    assert.deepEqual(Array.from(tokenizer.tokenize('ipod', 6)), [0, 0, ...(bareIds[ipod] ?? []), 1]);
  });

  it('needs a pad token when the class has no default', async () => {
    const noPad = { tokenizer_class: 'GemmaTokenizer' };
    await assert.rejects(
      loadSiglipTokenizer(await modelDir({ 'tokenizer.json': JSON.stringify(tokenizerJson), 'tokenizer_config.json': JSON.stringify(noPad) })),
      (error: unknown) => error instanceof ConfigError && error.message.includes('pad_token'),
    );
  });
});

describe('loadSiglipTokenizer errors', () => {
  const spiece = fs.readFileSync(fixturePath('siglip-tiny', 'spiece.model'));

  it('names the directory and the files it looked for when there is no tokenizer', async () => {
    const dir = await modelDir({ 'config.json': '{}' });
    await assert.rejects(loadSiglipTokenizer(dir), (error: unknown) => {
      return error instanceof ModelLoadError && error.path === dir && /tokenizer\.json/.test(error.message) && /spiece\.model/.test(error.message);
    });
  });

  for (const [label, content] of [
    ['not JSON', '{"model": '],
    ['JSON but no tokenizer', '{"model": {"type": "NoSuchModel"}, "added_tokens": []}'],
    ['an array', '[]'],
  ] as const) {
    it(`names tokenizer.json when it is ${label}`, async () => {
      const dir = await modelDir({ 'tokenizer.json': content, 'tokenizer_config.json': fileOf('siglip2-tiny', 'tokenizer_config.json') });
      await assert.rejects(loadSiglipTokenizer(dir), (error: unknown) => {
        return error instanceof ModelLoadError && error.path === path.join(dir, 'tokenizer.json') && error.message.includes('tokenizer.json');
      });
    });
  }

  for (const [label, content] of [
    ['text', new TextEncoder().encode('this is not a sentencepiece model')],
    ['cut short', spiece.subarray(0, 1000)],
    ['empty', new Uint8Array(0)],
    // well-formed, with every piece the config names, but <unk> is a normal piece: sentencepiece itself refuses it
    ['a model without an unknown piece', modelProto(['<unk>', '</s>', 'a'])],
  ] as const) {
    it(`names spiece.model when it is ${label}`, async () => {
      const dir = await modelDir({ 'spiece.model': content });
      await assert.rejects(loadSiglipTokenizer(dir), (error: unknown) => {
        const file = path.join(dir, 'spiece.model');
        return error instanceof ModelLoadError && error.path === file && /is not a (usable )?SentencePiece model/.test(error.message);
      });
    });
  }

  it('names tokenizer_config.json and the field for a value that is not allowed', async () => {
    const dir = await modelDir({ 'spiece.model': spiece, 'tokenizer_config.json': JSON.stringify({ padding_side: 'middle', do_lower_case: 'yes' }) });
    await assert.rejects(loadSiglipTokenizer(dir), (error: unknown) => {
      return (
        error instanceof ConfigError &&
        error.path === path.join(dir, 'tokenizer_config.json') &&
        error.message.includes('padding_side') &&
        error.message.includes('do_lower_case')
      );
    });
    const broken = await modelDir({ 'spiece.model': spiece, 'tokenizer_config.json': '{"do_lower_case": tru' });
    await assert.rejects(loadSiglipTokenizer(broken), (error: unknown) => error instanceof ConfigError && error.message.includes('not valid JSON'));
  });

  it('runs spiece.model for SiglipTokenizer even beside a tokenizer.json, and refuses it for another class', async () => {
    const both = await modelDir({
      'spiece.model': spiece,
      'tokenizer.json': fileOf('siglip2-tiny', 'tokenizer.json'),
      'tokenizer_config.json': fileOf('siglip-tiny', 'tokenizer_config.json'),
    });
    assert.ok((await loadSiglipTokenizer(both)) instanceof SentencePieceTokenizer);
    const t5 = await modelDir({ 'spiece.model': spiece, 'tokenizer_config.json': JSON.stringify({ tokenizer_class: 'T5Tokenizer' }) });
    await assert.rejects(loadSiglipTokenizer(t5), (error: unknown) => error instanceof ConfigError && error.message.includes('T5Tokenizer'));
  });

  it('uses SiglipTokenizer defaults for a spiece.model without tokenizer_config.json', async () => {
    const dir = await modelDir({ 'spiece.model': spiece });
    const golden = readGolden('siglip-tiny');
    assert.deepEqual(rowsOf((await loadSiglipTokenizer(dir)).tokenize(golden.texts, CONTEXT_LENGTH), CONTEXT_LENGTH), golden.input_ids);
  });
});
