import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ModelLoadError } from '../../src/errors/ModelLoadError.js';
import { loadClipTokenizer } from '../../src/tokenizer/loadClipTokenizer.js';
import { fixturePath } from '../helpers/paths.js';

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
