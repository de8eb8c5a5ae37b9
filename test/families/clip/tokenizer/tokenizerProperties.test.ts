import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loadClipTokenizer, type ClipTokenizer } from '../../../../src/families/clip/tokenizer/ClipTokenizer.js';
import { fixturePath } from '../../../helpers/paths.js';

/** Any UTF-16 string, lone surrogates included. */
const anyUtf16 = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
  .map((codes) => String.fromCharCode(...codes));

/** Text mixing words, CLIP-relevant punctuation, entities, mojibake pieces and arbitrary code points. */
const textish = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'photo', ' ', '  ', "'s", "'LL", '<|endoftext|>', '&amp;', '&#x41;', 'Ã©', 'â€œ', 'ﬁ', 'Ｆ', '\u0301', '\r\n', '\u3000', '3.14', '😀'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('tokenizer properties', () => {
  let tokenizer: ClipTokenizer;
  before(async () => {
    tokenizer = await loadClipTokenizer(fixturePath('clip-tiny'));
  });

  it('any text becomes exactly contextLength valid ids: sot first, an eot, zeros after it', () => {
    fc.assert(
      fc.property(fc.oneof(anyUtf16, textish), fc.integer({ min: 2, max: 80 }), (text, contextLength) => {
        const ids = Array.from(tokenizer.tokenize(text, contextLength));
        assert.equal(ids.length, contextLength);
        assert.equal(ids[0], tokenizer.sotTokenId);
        // the text itself may spell <|endoftext|>, so the appended eot is the last one
        const end = ids.lastIndexOf(tokenizer.eotTokenId);
        assert.ok(end > 0, 'contains eot');
        assert.ok(ids.every((id) => Number.isInteger(id) && id >= 0 && id < tokenizer.vocabSize));
        assert.ok(ids.slice(end + 1).every((id) => id === 0), 'zero padding after the last eot');
        const bpe = tokenizer.encode(text);
        const kept = Math.min(bpe.length, contextLength - 2);
        assert.deepEqual(ids.slice(1, 1 + kept), bpe.slice(0, kept), 'the text ids follow sot');
      }),
    );
  });

  it('encode never throws and yields ids in the vocabulary', () => {
    fc.assert(
      fc.property(fc.oneof(anyUtf16, textish, fc.string({ unit: 'grapheme', maxLength: 30 })), (text) => {
        const ids = tokenizer.encode(text);
        assert.ok(ids.every((id) => Number.isInteger(id) && id >= 0 && id < tokenizer.vocabSize));
      }),
    );
  });

  it('a batch is the rows of its texts tokenized one by one', () => {
    fc.assert(
      fc.property(fc.array(textish, { maxLength: 5 }), (texts) => {
        const batch = tokenizer.tokenize(texts);
        texts.forEach((text, row) => {
          assert.deepEqual(Array.from(batch.subarray(row * 77, (row + 1) * 77)), Array.from(tokenizer.tokenize(text)));
        });
      }),
    );
  });
});
