import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanText } from '../../../../src/families/clip/tokenizer/cleanText.js';
import { fixText } from '../../../../src/families/clip/tokenizer/ftfy/fixText.js';
import { htmlUnescape } from '../../../../src/families/clip/tokenizer/htmlUnescape.js';
import { readGoldenTokens } from './goldenTokens.js';

// The golden strings that ftfy.fix_text or html.unescape change (the ones a tokenizer without
// ftfy gets wrong). All 13 are matched; each is asserted on its own.
describe('the 13 golden strings ftfy or html.unescape change', () => {
  const changed = readGoldenTokens('clip-tokenizer').entries.filter(
    (entry) => entry.ftfyChanged || entry.htmlUnescapeChanged,
  );

  it('are 13', () => {
    assert.equal(changed.length, 13);
  });

  for (const entry of changed) {
    it(`fixes ${JSON.stringify(entry.text)}`, () => {
      assert.equal(fixText(entry.text), entry.ftfyFixed, 'ftfy.fix_text');
      const unescaped = htmlUnescape(htmlUnescape(entry.ftfyFixed));
      assert.equal(unescaped !== entry.ftfyFixed, entry.htmlUnescapeChanged, 'html.unescape changes it');
      assert.equal(cleanText(entry.text), entry.cleaned, 'cleaned');
    });
  }

  it('ftfy leaves the 41 strings it does not change as they are', () => {
    const golden = readGoldenTokens('clip-tokenizer').entries.filter((entry) => !entry.ftfyChanged);
    assert.equal(golden.length, 41);
    for (const entry of golden) assert.equal(fixText(entry.text), entry.text, JSON.stringify(entry.text));
  });
});
