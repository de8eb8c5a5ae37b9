import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collapseWhitespace, stripWhitespace } from '../../src/tokenizer/pythonWhitespace.js';

// The `regex` module's \s is Unicode White_Space; str.strip() uses str.isspace(), which also
// counts U+001C..U+001F; neither counts U+FEFF, U+180E, U+200B or U+2060 (JS's \s counts U+FEFF).
describe('Python whitespace semantics', () => {
  it('collapses runs of every White_Space character to one space', () => {
    const white = '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2005\u200a\u2028\u2029\u202f\u205f\u3000';
    assert.equal(collapseWhitespace(`a${white}b`), 'a b');
    for (const char of white) assert.equal(collapseWhitespace(`a${char}${char}b`), 'a b', JSON.stringify(char));
  });

  it('does not collapse the information separators U+001C..U+001F (regex \\s excludes them)', () => {
    assert.equal(collapseWhitespace('a\u001c\u001d\u001e\u001fb'), 'a\u001c\u001d\u001e\u001fb');
  });

  it('treats U+FEFF, U+180E, U+200B and U+2060 as no whitespace', () => {
    for (const char of ['\ufeff', '\u180e', '\u200b', '\u2060']) {
      assert.equal(collapseWhitespace(`a${char}b`), `a${char}b`, JSON.stringify(char));
      assert.equal(stripWhitespace(`${char}a${char}`), `${char}a${char}`, JSON.stringify(char));
    }
  });

  it('strips what str.isspace() counts, U+001C..U+001F included', () => {
    assert.equal(stripWhitespace('\u001c\u001f \u0085\u3000a b\u00a0\u2029\t'), 'a b');
    assert.equal(stripWhitespace(''), '');
    assert.equal(stripWhitespace(' \n '), '');
  });
});
