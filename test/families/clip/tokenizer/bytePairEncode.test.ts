import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { bytePairEncode, bytesToUnicode, parseVocabJson } from '../../../../src/families/clip/tokenizer/bytePairEncode.js';
import { fixturePath } from '../../../helpers/paths.js';

describe('bytesToUnicode', () => {
  const table = bytesToUnicode();

  it('maps printable bytes to themselves and the others above U+00FF (GPT-2: space -> Ġ)', () => {
    assert.equal(table.length, 256);
    assert.equal(table[0x41], 'A');
    assert.equal(table[0xe9], 'é');
    assert.equal(table[0x20], '\u0120');
    assert.equal(table[0x00], '\u0100');
    assert.equal(table[0xad], '\u0143');
    assert.equal(new Set(table).size, 256);
  });

  it('gives the symbols of vocabulary ids 0..255 in the order of the reference vocabulary', () => {
    // ids 0..255: the 188 printable bytes in byte order, then the 68 shifted ones (golden README)
    const vocab = parseVocabJson(readFileSync(fixturePath('clip-tokenizer', 'vocab.json'), 'utf8'));
    const printable = table.filter((symbol) => symbol.charCodeAt(0) < 0x100);
    const shifted = table.filter((symbol) => symbol.charCodeAt(0) >= 0x100);
    [...printable, ...shifted].forEach((symbol, id) => assert.equal(vocab.get(symbol), id, symbol));
  });
});

describe('bytePairEncode', () => {
  const ranks = new Map([
    ['a a', 0],
    ['aa a</w>', 1],
    ['b c', 2],
    ['a bc</w>', 3],
  ]);

  it('merges the lowest-ranked pair first, left to right without overlap', () => {
    // 'a a a</w>': (a,a) rank 0 merges once at the left -> aa a</w>, then (aa,a</w>) rank 1
    assert.deepEqual(bytePairEncode(['a', 'a', 'a</w>'], ranks), ['aaa</w>']);
    assert.deepEqual(bytePairEncode(['a', 'a', 'a', 'a</w>'], new Map([['a a', 0]])), ['aa', 'a', 'a</w>']);
  });

  it('stops when no adjacent pair has a rank', () => {
    assert.deepEqual(bytePairEncode(['x', 'y', 'z</w>'], ranks), ['x', 'y', 'z</w>']);
    assert.deepEqual(bytePairEncode(['a</w>'], ranks), ['a</w>']);
  });

  it('does not merge across a symbol boundary that was not ranked', () => {
    assert.deepEqual(bytePairEncode(['a', 'b', 'c</w>'], ranks), ['a', 'b', 'c</w>']);
    assert.deepEqual(bytePairEncode(['a', 'b', 'c'], ranks), ['a', 'bc']);
  });
});
