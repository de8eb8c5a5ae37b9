import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { clipTokenizerDir } from '../../src/families/clip/writeClipCheckpoint.js';
import { ClipTokenizer } from '../../src/families/clip/tokenizer/ClipTokenizer.js';
import { reducedClipTokenizer } from '../../src/train/reducedClipTokenizer.js';

const full = ClipTokenizer.fromFiles({
  vocabJson: fs.readFileSync(path.join(clipTokenizerDir, 'vocab.json'), 'utf8'),
  mergesTxt: fs.readFileSync(path.join(clipTokenizerDir, 'merges.txt'), 'utf8'),
});
const texts = ['a man in the car', 'the red house', 'it is not the one', 'a photo of the apple.', 'an emoji of the hot air balloon.', 'the saxophone.', 'Crème brûlée, 42 times!', 'a drawing of the pineapple.'];

describe('reducedClipTokenizer', () => {
  it('keeps the byte symbols, the first K merges and the two special tokens', async () => {
    const reduced = await reducedClipTokenizer(1000, 32);
    assert.equal(reduced.vocabSize, 1514);
    assert.equal(reduced.bosTokenId, 1512);
    assert.equal(reduced.eosTokenId, 1513);
    const merges = (reduced.files['merges.txt'] ?? '').trim().split('\n');
    assert.equal(merges.length, 1001); // the version header and 1000 merges
    assert.equal((JSON.parse(reduced.files['tokenizer_config.json'] ?? '{}') as { model_max_length?: unknown }).model_max_length, 32);
  });

  it("tokenizes any text, and exactly as CLIP's full BPE wherever CLIP's tokens are among the kept ones", async () => {
    const merges = 1500;
    const reduced = await reducedClipTokenizer(merges, 32);
    const tokenizer = ClipTokenizer.fromFiles({ vocabJson: reduced.files['vocab.json'] ?? '', mergesTxt: reduced.files['merges.txt'] ?? '' });
    let comparable = 0;
    for (const text of texts) {
      const ids = tokenizer.encode(text);
      assert.ok(ids.every((id) => id >= 0 && id < 512 + merges), text);
      const fullIds = full.encode(text);
      // BPE merges a token only from tokens made by lower-ranked merges, so when every token
      // of the full tokenization is within the kept merges, the reduced one must agree.
      if (fullIds.every((id) => id < 512 + merges)) {
        comparable++;
        assert.deepEqual(ids, fullIds, text);
      } else {
        assert.ok(ids.length > fullIds.length, `${text}: without some merges the text splits into more pieces`);
      }
    }
    assert.ok(comparable >= 2, 'the sample texts include some fully covered by the kept merges');
  });

  it('rejects a merge count outside what CLIP has', async () => {
    await assert.rejects(reducedClipTokenizer(-1, 32), /merges must be a whole number in \[0, 48894\]/);
    await assert.rejects(reducedClipTokenizer(1.5, 32), /merges must be a whole number/);
  });
});
