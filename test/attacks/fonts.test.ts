import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { bundledFonts, fontFamilies, fontsDir } from '../../src/attacks/fonts/fontCatalog.js';
import { fontFileHashes } from '../../src/attacks/fonts/fontFileHashes.js';
import { familiesCovering, findMissingGlyphs } from '../../src/attacks/fonts/glyphCoverage.js';
import { resolveFontFamily } from '../../src/attacks/fonts/resolveFontFamily.js';
import { rendererVersions } from '../../src/attacks/render/rendererVersions.js';
import { AttackError } from '../../src/errors/AttackError.js';

const readme = fs.readFileSync(path.join(fontsDir, 'README.md'), 'utf8');

describe('bundled fonts', () => {
  it('ship a sans, a serif, a monospace, a handwriting face and Arial/Times/Courier stand-ins', () => {
    for (const role of ['sans', 'serif', 'monospace', 'handwriting']) assert.ok(bundledFonts.some((f) => f.role === role), role);
    for (const face of ['Arial', 'Times New Roman', 'Courier New']) assert.ok(bundledFonts.some((f) => f.standInFor === face), face);
  });

  it('are listed in the README with the SHA-256 sha256sum gave, and their licences are present', () => {
    for (const font of fontFileHashes()) {
      const row = readme.split('\n').find((line) => line.startsWith(`| ${font.file} |`));
      assert.ok(row !== undefined, `${font.file} missing from README`);
      assert.ok(row.includes(font.sha256), `${font.file}: README hash differs from the file's`);
      const pkg = row.split('|')[5]?.trim() ?? '';
      assert.ok(fs.existsSync(path.join(fontsDir, 'licenses', `${pkg}.copyright`)), `licence of ${pkg}`);
    }
  });

  it('stay small (a few MB)', () => {
    const bytes = bundledFonts.reduce((n, f) => n + fs.statSync(path.join(fontsDir, f.file)).size, 0);
    assert.ok(bytes < 4_000_000, `${bytes} bytes`);
  });

  it('resolve aliases and reject unknown names with the valid list', () => {
    assert.equal(resolveFontFamily('ARIAL'), 'Liberation Sans');
    assert.equal(resolveFontFamily('courier'), 'Liberation Mono');
    assert.throws(() => resolveFontFamily('Papyrus'), (e: unknown) => e instanceof AttackError && /Unknown font 'Papyrus'\. Valid fonts: Liberation Sans/.test(e.message));
  });
});

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

describe('rendererVersions', () => {
  it('reports node-canvas, cairo and pango versions and every font hash', () => {
    const v = rendererVersions();
    for (const field of [v.canvas, v.cairo, v.pango]) assert.match(field, /^\d+\.\d+(\.\d+)?$/);
    assert.equal(v.fonts.length, bundledFonts.length);
    for (const font of v.fonts) assert.match(font.sha256, /^[0-9a-f]{64}$/);
  });
});
