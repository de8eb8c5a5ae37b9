import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundledFonts, fontFamilies } from '../../../src/attacks/fonts/fontCatalog.js';
import { familiesCovering, findMissingGlyphs } from '../../../src/attacks/fonts/glyphCoverage.js';

describe('glyph coverage (read from the fonts\' cmap tables)', () => {
  it('covers printable ASCII in every face', () => {
    const ascii = Array.from({ length: 95 }, (_v, i) => String.fromCharCode(32 + i)).join('');
    for (const font of bundledFonts) assert.deepEqual(findMissingGlyphs(ascii, font.family, font.weight), [], font.file);
  });

  it('knows which scripts each face covers', () => {
    assert.deepEqual(findMissingGlyphs('Ελληνικά Русский עברית', 'Liberation Sans', 'normal'), []);
    assert.deepEqual(findMissingGlyphs('العربية', 'DejaVu Sans', 'normal'), []);
    assert.deepEqual(findMissingGlyphs('Жук', 'Dancing Script', 'normal'), ['Ж', 'у', 'к']);
    assert.deepEqual(findMissingGlyphs('漢字 and 漢', 'DejaVu Sans', 'normal'), ['漢', '字']);
  });

  it('ignores line breaks and default-ignorable code points', () => {
    assert.deepEqual(findMissingGlyphs('a\nb\u200d\ufe0f', 'Comic Neue', 'normal'), []);
  });

  it('suggests the faces that cover a text', () => {
    assert.deepEqual(familiesCovering('العربية'), ['DejaVu Sans']);
    assert.deepEqual(familiesCovering('漢字'), []);
    assert.deepEqual(familiesCovering('iPod'), [...fontFamilies]);
  });
});
