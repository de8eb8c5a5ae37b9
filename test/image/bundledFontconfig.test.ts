import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';

/** The compiled module of a source file, as a URL a child process can import. */
const moduleUrl = (source: string): string => pathToFileURL(path.join(repoRoot, 'dist', 'src', source)).href;

/**
 * Renders one attack in a fresh node process after `before` (a statement that may create a
 * canvas) and prints the render's hash. fontconfig reads its configuration once per process,
 * at the first canvas, so only a fresh process shows whether that came too early.
 */
function hashAfter(before: string): string {
  const script = `
    const { renderAttack } = await import(${JSON.stringify(moduleUrl('attacks/render/renderAttack.js'))});
    const { parseAttackSpec } = await import(${JSON.stringify(moduleUrl('attacks/attackSpec.js'))});
    const { solidRgbaImage } = await import(${JSON.stringify(moduleUrl('image/rgbaImage.js'))});
    ${before}
    const spec = parseAttackSpec({ text: 'soccer ball', font: { family: 'DejaVu Serif', weight: 'normal' }, size: { unit: 'px', value: 26 }, fill: 'yellow', stroke: { colour: 'blue', widthPx: 1 } }, 'test');
    process.stdout.write(renderAttack(solidRgbaImage(112, 112), spec, 1).hash);
  `;
  const env = { ...process.env };
  delete env['FONTCONFIG_FILE'];
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, env, encoding: 'utf8' });
}

const jpeg = path.join(repoRoot, 'test', 'fixtures', 'conformance', 'pillow', 'exif_gps_typeerror.jpg');

describe('the bundled fontconfig comes before the first canvas', () => {
  it('an attack renders the same whatever the process drew before it: a JPEG decoded, a scene composed, an image put on a canvas', () => {
    const alone = hashAfter('');
    const afterJpeg = hashAfter(`const { readImageFile } = await import(${JSON.stringify(moduleUrl('image/decodeImage.js'))}); await readImageFile(${JSON.stringify(jpeg)});`);
    const afterScene = hashAfter(`
      const { composeScene } = await import(${JSON.stringify(moduleUrl('scene/artworkScene.js'))});
      const { createRng } = await import(${JSON.stringify(moduleUrl('attacks/createRng.js'))});
      composeScene(solidRgbaImage(64, 64, [200, 10, 10]), { size: 64, artworkScale: [0.5, 0.9], mirror: true, colourJitter: 0.5, backgroundRate: 0.8, rotationDeg: 15, overhang: 0, recolourMonochrome: true }, createRng(1, 'x'));`);
    const afterCanvas = hashAfter(`const { rgbaToCanvas } = await import(${JSON.stringify(moduleUrl('image/rgbaCanvas.js'))}); rgbaToCanvas(solidRgbaImage(8, 8)).getContext('2d').fillText('x', 1, 5);`);
    assert.match(alone, /^[0-9a-f]{64}$/);
    assert.deepEqual([afterJpeg, afterScene, afterCanvas], [alone, alone, alone]);
  });

  it('the check can fail: a canvas created behind stroop\'s back, before the configuration, changes the render', () => {
    assert.notEqual(hashAfter("const { createCanvas } = await import('canvas'); createCanvas(8, 8).getContext('2d').fillText('x', 1, 5);"), hashAfter(''));
  });

  it('every module of src that creates a canvas points fontconfig at the bundled configuration', () => {
    const files = fs.readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const creating = files.filter((f) => /createCanvas\(/.test(fs.readFileSync(path.join(repoRoot, 'src', f), 'utf8')));
    assert.ok(creating.length >= 5, `found ${creating.join(', ')}`);
    for (const file of creating) {
      const text = fs.readFileSync(path.join(repoRoot, 'src', file), 'utf8');
      assert.ok(/useBundledFontconfig\(\)|registerBundledFonts\(\)/.test(text), `${file} creates a canvas without useBundledFontconfig() first`);
    }
  });
});
