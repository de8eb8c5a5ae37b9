import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { htmlUnescape } from '../../../../src/families/clip/tokenizer/htmlUnescape.js';

// Expected values are the outputs of Python 3.11's html.unescape on the same inputs.
const PYTHON_CASES: readonly (readonly [input: string, expected: string])[] = [
  ['&amp;', '&'],
  ['&amp', '&'],
  ['&AMP;', '&'],
  ['&ampx', '&x'],
  ['&notin;', '\u2209'],
  ['&notit;', '\u00acit;'],
  ['&not', '\u00ac'],
  ['&copy2024', '\u00a92024'],
  ['&#65;', 'A'],
  ['&#x41;', 'A'],
  ['&#X41', 'A'],
  ['&#65', 'A'],
  ['&#0;', '\ufffd'],
  ['&#x0d;', '\r'],
  ['&#128;', '\u20ac'],
  ['&#x81;', '\u0081'],
  ['&#x9d;', '\u009d'],
  ['&#xD800;', '\ufffd'],
  ['&#x110000;', '\ufffd'],
  ['&#1234567890123;', '\ufffd'],
  ['&#1;', ''],
  ['&#x1c;', ''],
  ['&#x7f;', ''],
  ['&#xfffe;', ''],
  ['&#x10ffff;', ''],
  ['&#xfdd0;', ''],
  ['&#x1F600;', '\u{1f600}'],
  ['&#;', '&#;'],
  ['&#x;', '&#x;'],
  ['&unknown;', '&unknown;'],
  ['&lt &gt', '< >'],
  ['a & b', 'a & b'],
  ['&amp;lt;', '&lt;'],
  ['&nbsp;x', '\u00a0x'],
  ['&Eacute;cole', '\u00c9cole'],
  ['&eacute', '\u00e9'],
  ['&EACUTE;', '&EACUTE;'],
  ['&fjlig;', 'fj'],
  ['&NotEqualTilde;', '\u2242\u0338'],
];

describe('htmlUnescape (Python html.unescape)', () => {
  for (const [input, expected] of PYTHON_CASES) {
    it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      assert.equal(htmlUnescape(input), expected);
    });
  }

  it('decodes one level per call, as CLIP relies on when it calls it twice', () => {
    assert.equal(htmlUnescape('&amp;lt;b&amp;gt;'), '&lt;b&gt;');
    assert.equal(htmlUnescape(htmlUnescape('&amp;lt;b&amp;gt;')), '<b>');
    assert.equal(htmlUnescape(htmlUnescape('&amp;amp;amp;')), '&amp;');
  });

  it('returns text without & unchanged', () => {
    const text = 'no references here; <b>#65</b>';
    assert.equal(htmlUnescape(text), text);
  });
});
