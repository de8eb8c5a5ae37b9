import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { bundledFonts, fontFileHashes, fontsDir, resolveFontFamily } from '../../../src/attacks/fonts/fontCatalog.js';
import { AttackError } from '../../../src/errors/errors.js';

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
