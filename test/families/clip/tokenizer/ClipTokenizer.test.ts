import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ModelLoadError, UsageError } from '../../../../src/errors/errors.js';
import { ClipTokenizer, loadClipTokenizer } from '../../../../src/families/clip/tokenizer/ClipTokenizer.js';
import { fixturePath } from '../../../helpers/paths.js';
import { readGoldenTokens, type GoldenTokenEntry } from './goldenTokens.js';

/** What clip.tokenize returns for golden BPE ids at another context length (OpenAI's rule). */
function expectedRow(entry: GoldenTokenEntry, sot: number, eot: number, contextLength: number): number[] {
  const ids = [sot, ...entry.bpeIds, eot];
  if (ids.length > contextLength) {
    ids.length = contextLength;
    ids[contextLength - 1] = eot;
  }
  return [...ids, ...new Array<number>(contextLength - ids.length).fill(0)];
}

describe('ClipTokenizer.tokenize', () => {
  const golden = readGoldenTokens('clip-tiny');
  const longEntry = golden.entries.find((entry) => entry.truncated);
  let tokenizer: ClipTokenizer;
  before(async () => {
    tokenizer = await loadClipTokenizer(fixturePath('clip-tiny'));
  });

  it('cuts a long text to the context length and ends it with eot (golden)', () => {
    assert.ok(longEntry, 'the golden file has a truncated entry');
    assert.ok(longEntry.bpeIds.length + 2 > 77);
    const ids = tokenizer.tokenize(longEntry.text);
    assert.deepEqual(Array.from(ids), longEntry.inputIds);
    assert.equal(ids[76], golden.eotTokenId);
  });

  it('follows the same rule at other context lengths', () => {
    for (const contextLength of [2, 3, 8, 16, 100]) {
      for (const entry of golden.entries) {
        const row = Array.from(tokenizer.tokenize(entry.text, contextLength));
        assert.deepEqual(row, expectedRow(entry, golden.sotTokenId, golden.eotTokenId, contextLength), `${contextLength}: ${entry.text}`);
      }
    }
  });

  it('with truncate = false rejects a text that is too long, naming it', () => {
    assert.ok(longEntry);
    assert.throws(
      () => tokenizer.tokenize(['apple', longEntry.text], 77, false),
      (error: unknown) =>
        error instanceof UsageError && error.message.includes('This is a deliberately long caption') && /77/.test(error.message),
    );
    const apple = golden.entries.find((entry) => entry.text === 'apple');
    assert.ok(apple);
    assert.deepEqual(Array.from(tokenizer.tokenize('apple', 77, false)), apple.inputIds);
  });

  it('accepts a text that fills the context exactly with truncate = false', () => {
    const entry = golden.entries.find((e) => e.text === 'a photo of a granny smith.');
    assert.ok(entry);
    const exact = entry.bpeIds.length + 2;
    assert.deepEqual(Array.from(tokenizer.tokenize(entry.text, exact, false)), [golden.sotTokenId, ...entry.bpeIds, golden.eotTokenId]);
    assert.throws(() => tokenizer.tokenize(entry.text, exact - 1, false), UsageError);
  });

  it('rejects context lengths below 2 or not integers', () => {
    for (const bad of [0, 1, 2.5, -77, Number.NaN]) {
      assert.throws(() => tokenizer.tokenize('apple', bad), UsageError, String(bad));
    }
  });

  it('returns an empty array for no texts', () => {
    assert.equal(tokenizer.tokenize([]).length, 0);
  });

  it('maps the literal special-token strings to the special ids', () => {
    assert.deepEqual(tokenizer.encode('<|startoftext|><|endoftext|>'), [golden.sotTokenId, golden.eotTokenId]);
    assert.deepEqual(tokenizer.encode('<|ENDOFTEXT|>'), [golden.eotTokenId]);
  });
});

describe('ClipTokenizer.fromFiles', () => {
  const byteSymbols = (): string[] => {
    const symbols: string[] = [];
    for (let b = 0x21; b <= 0x7e; b++) symbols.push(String.fromCharCode(b));
    return symbols;
  };

  it('rejects a vocabulary without the special tokens', () => {
    const vocabJson = JSON.stringify(Object.fromEntries(byteSymbols().map((s, i) => [s, i])));
    assert.throws(
      () => ClipTokenizer.fromFiles({ vocabJson, mergesTxt: '#version: 0.2\n' }),
      (error: unknown) => error instanceof ModelLoadError && error.message.includes('<|startoftext|>'),
    );
  });

  it('rejects malformed vocab.json and merges.txt, naming the file and line', () => {
    assert.throws(() => ClipTokenizer.fromFiles({ vocabJson: '{"a": 0,', mergesTxt: '' }), /vocab\.json is not valid JSON/);
    assert.throws(() => ClipTokenizer.fromFiles({ vocabJson: '["a"]', mergesTxt: '' }), /JSON object/);
    assert.throws(() => ClipTokenizer.fromFiles({ vocabJson: '{"a": 0, "b": 0}', mergesTxt: '' }), /ids must be distinct/);
    assert.throws(
      () => ClipTokenizer.fromFiles({ vocabJson: '{"a": 0}', mergesTxt: '#version: 0.2\na b\nabc\n' }),
      (error: unknown) => error instanceof ModelLoadError && /merges\.txt line 3/.test(error.message),
    );
  });

  it('rejects merges whose result is not in the vocabulary', async () => {
    const { readFile } = await import('node:fs/promises');
    const vocabJson = await readFile(fixturePath('clip-tiny', 'vocab.json'), 'utf8');
    const mergesTxt = `${await readFile(fixturePath('clip-tiny', 'merges.txt'), 'utf8')}q z\n`;
    assert.throws(() => ClipTokenizer.fromFiles({ vocabJson, mergesTxt }), /"qz".*merge 1001/);
  });
});

describe('loadClipTokenizer', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'stroop-tokenizer-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names vocab.json and the Hugging Face layout when it is missing', async () => {
    await copyFile(fixturePath('clip-tiny', 'merges.txt'), path.join(dir, 'merges.txt'));
    await assert.rejects(loadClipTokenizer(dir), (error: unknown) => {
      assert.ok(error instanceof ModelLoadError);
      assert.equal(error.path, path.join(dir, 'vocab.json'));
      assert.match(error.message, /vocab\.json not found/);
      assert.match(error.message, /Hugging Face layout/);
      return true;
    });
  });

  it('names merges.txt when it is missing', async () => {
    await rm(path.join(dir, 'merges.txt'));
    await copyFile(fixturePath('clip-tiny', 'vocab.json'), path.join(dir, 'vocab.json'));
    await assert.rejects(loadClipTokenizer(dir), (error: unknown) => {
      assert.ok(error instanceof ModelLoadError);
      assert.equal(error.path, path.join(dir, 'merges.txt'));
      assert.match(error.message, /merges\.txt not found/);
      return true;
    });
  });

  it('names the file at fault when one is malformed', async () => {
    await writeFile(path.join(dir, 'merges.txt'), '#version: 0.2\ni n\nnot a merge\n');
    await assert.rejects(loadClipTokenizer(dir), (error: unknown) => {
      assert.ok(error instanceof ModelLoadError);
      assert.equal(error.path, path.join(dir, 'merges.txt'));
      assert.match(error.message, /line 3/);
      return true;
    });
  });

  it('loads a complete directory', async () => {
    await copyFile(fixturePath('clip-tiny', 'merges.txt'), path.join(dir, 'merges.txt'));
    const tokenizer = await loadClipTokenizer(dir);
    assert.equal(tokenizer.vocabSize, 1514);
    assert.equal(tokenizer.eotTokenId, 1513);
  });
});
