// Rasterising an emoji (librsvg) before the first attack render must not change the attack's
// pixels: librsvg initialises fontconfig, and the renderer's bundled fonts must already be
// registered by then, or every attack drawn later in the process falls back to a host font.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const built = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

/** The hash of one attack rendered in a fresh process, after an SVG with text when `svgFirst`. */
function attackHash(svgFirst: boolean): string {
  const script = `
    const { renderSvg } = await import(${JSON.stringify(path.join(built, 'emoji', 'renderSvg.js'))});
    const { renderAttack } = await import(${JSON.stringify(path.join(built, 'attacks', 'render', 'renderAttack.js'))});
    const { parseAttackSpec } = await import(${JSON.stringify(path.join(built, 'attacks', 'attackSpec.js'))});
    const { solidRgbaImage } = await import(${JSON.stringify(path.join(built, 'image', 'rgbaImage.js'))});
    if (${svgFirst}) await renderSvg('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><text x="1" y="12">A</text></svg>', 32, 'probe');
    const out = renderAttack(solidRgbaImage(112, 112), parseAttackSpec({ text: 'iPod', font: { family: 'Liberation Sans' } }), 0);
    process.stdout.write(out.hash);`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

test('an attack drawn after an emoji was rasterised has the same pixels as one drawn first', () => {
  const fresh = attackHash(false);
  assert.match(fresh, /^[0-9a-f]{64}$/);
  assert.equal(attackHash(true), fresh);
});
