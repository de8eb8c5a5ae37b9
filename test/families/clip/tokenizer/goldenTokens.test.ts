import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanText } from '../../../../src/families/clip/tokenizer/cleanText.js';
import { loadClipTokenizer } from '../../../../src/families/clip/tokenizer/ClipTokenizer.js';
import { fixturePath } from '../../../helpers/paths.js';
import { readGoldenTokens, tokenizerFixtures } from './goldenTokens.js';

// Golden ids come from OpenAI's clip.tokenize (commit d05afc4) with ftfy 6.3.1; they must match exactly.
for (const fixture of tokenizerFixtures) {
  describe(`golden tokens: ${fixture}`, async () => {
    const golden = readGoldenTokens(fixture);
    const tokenizer = await loadClipTokenizer(fixturePath(fixture));

    it('reads vocabulary size and special ids from the files', () => {
      assert.equal(tokenizer.vocabSize, golden.vocabSize);
      assert.equal(tokenizer.sotTokenId, golden.sotTokenId);
      assert.equal(tokenizer.eotTokenId, golden.eotTokenId);
    });

    it('covers all 53 strings', () => {
      assert.equal(golden.entries.length, 53);
    });

    for (const entry of golden.entries) {
      it(`matches ${JSON.stringify(entry.text).slice(0, 60)}`, () => {
        assert.equal(cleanText(entry.text), entry.cleaned, 'cleaned text');
        assert.deepEqual(tokenizer.encode(entry.text), entry.bpeIds, 'bpe ids');
        assert.deepEqual(Array.from(tokenizer.tokenize(entry.text, golden.contextLength)), entry.inputIds, 'input ids');
      });
    }

    it('tokenizes all strings as one batch, row by row', () => {
      const texts = golden.entries.map((entry) => entry.text);
      const batch = tokenizer.tokenize(texts);
      assert.equal(batch.length, texts.length * golden.contextLength);
      golden.entries.forEach((entry, row) => {
        const ids = batch.subarray(row * golden.contextLength, (row + 1) * golden.contextLength);
        assert.deepEqual(Array.from(ids), entry.inputIds, JSON.stringify(entry.text));
      });
    });
  });
}
