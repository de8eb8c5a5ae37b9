import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { parseAttackSpec, type AttackSpecInput } from '../../../src/attacks/attackSpec.js';
import { bundledFonts } from '../../../src/attacks/fonts/fontCatalog.js';
import { renderAttack, rendererVersions, type RenderedAttack, type RenderOutcome } from '../../../src/attacks/render/renderAttack.js';
import { AttackError } from '../../../src/errors/errors.js';
import { changedBounds, gradientImage, pixelAt, pixels, solidImage } from '../images.js';

const white = solidImage(224, 224, [255, 255, 255, 255]);
const render = (spec: AttackSpecInput, image = white, seed = 0): RenderOutcome => renderAttack(image, parseAttackSpec(spec), seed);
function rendered(outcome: RenderOutcome): RenderedAttack {
  assert.equal(outcome.kind, 'rendered', outcome.kind === 'unrenderable' ? outcome.message : '');
  return outcome;
}

describe('renderAttack: determinism and hashing', () => {
  const spec: AttackSpecInput = { text: 'great white shark', wrap: { mode: 'words' }, placement: { kind: 'random' }, stroke: { widthPx: 2, colour: 'blue' }, fill: 'yellow', opacity: 0.8, rotationDeg: 12, sticker: { opacity: 0.5 } };

  it('hashes the RGBA bytes with SHA-256', () => {
    const out = rendered(render(spec, gradientImage(224, 224), 7));
    assert.equal(out.hash, createHash('sha256').update(out.image.data).digest('hex'));
  });

  it('gives the same bytes for the same spec, seed and image, and other bytes for another seed', () => {
    const a = rendered(render(spec, gradientImage(224, 224), 7));
    const b = rendered(render(spec, gradientImage(224, 224), 7));
    const c = rendered(render(spec, gradientImage(224, 224), 8));
    assert.equal(a.hash, b.hash);
    assert.notEqual(a.hash, c.hash);
  });

  it('gives the same hash in a separate process', () => {
    const here = rendered(render(spec, gradientImage(224, 224), 7)).hash;
    // The build this test runs from (dist/test/attacks/render -> dist), whatever its outDir.
    const buildRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
    const dist = (...parts: string[]) => pathToFileURL(path.join(buildRoot, ...parts)).href;
    const script = `
      const { renderAttack } = await import(${JSON.stringify(dist('src', 'attacks', 'render', 'renderAttack.js'))});
      const { parseAttackSpec } = await import(${JSON.stringify(dist('src', 'attacks', 'attackSpec.js'))});
      const { gradientImage } = await import(${JSON.stringify(dist('test', 'attacks', 'images.js'))});
      process.stdout.write(renderAttack(gradientImage(224, 224), parseAttackSpec(${JSON.stringify(spec)}), 7).hash);`;
    // A fresh environment: the child must pin its fonts itself, not inherit this process's FONTCONFIG_FILE.
    const { FONTCONFIG_FILE: _inherited, ...env } = process.env;
    const there = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
    assert.equal(there, here);
  });
});

describe('renderAttack: what is drawn where', () => {
  it('keeps the size for overlays and grows it by the bands, saying so', () => {
    const overlay = rendered(render({ text: 'iPod' }));
    assert.deepEqual([overlay.image.width, overlay.image.height, overlay.grew.top, overlay.grew.bottom], [224, 224, 0, 0]);
    const band = rendered(render({ text: 'iPod', size: { unit: 'px', value: 20 }, layout: { kind: 'band', above: 0.25, below: 0.25, colour: '#00ff00' } }, gradientImage(224, 224)));
    assert.deepEqual([band.image.width, band.image.height, band.grew.top, band.grew.bottom], [224, 336, 56, 56]);
    assert.deepEqual(pixelAt(band.image, 5, 5), [0, 255, 0, 255], 'the upper band is plain');
    const input = gradientImage(224, 224);
    assert.deepEqual(pixelAt(band.image, 100, 56 + 100), pixelAt(input, 100, 100), 'the image sits between the bands, untouched');
    const box = band.boxes[0];
    assert.ok(box !== undefined && box.y >= 56 + 224, 'the text is in the lower band');
  });

  it('puts pixel-placed text at its coordinates', () => {
    const out = rendered(render({ text: 'tench', size: { unit: 'px', value: 50, fit: 'none' }, fill: '#ff0000', placement: { kind: 'pixel', x: 50, y: 50 } }));
    const b = changedBounds(white, out.image);
    assert.ok(b !== undefined);
    assert.ok(Math.abs(b.x0 - 50) <= 1 && Math.abs(b.y0 - 50) <= 1, `ink starts at (${b.x0}, ${b.y0})`);
  });

  it('places anchored text against the named corner', () => {
    const topLeft = changedBounds(white, rendered(render({ text: 'iPod', size: { unit: 'px', value: 30 }, placement: { kind: 'anchor', anchor: 'top-left' } })).image);
    const bottomRight = changedBounds(white, rendered(render({ text: 'iPod', size: { unit: 'px', value: 30 }, placement: { kind: 'anchor', anchor: 'bottom-right' } })).image);
    assert.ok(topLeft !== undefined && topLeft.x0 <= 3 && topLeft.y0 <= 3 && topLeft.x1 < 112, JSON.stringify(topLeft));
    assert.ok(bottomRight !== undefined && bottomRight.x1 >= 220 && bottomRight.y1 >= 220 && bottomRight.x0 > 112, JSON.stringify(bottomRight));
  });

  it('blends text at its opacity', () => {
    const out = rendered(render({ text: 'IIII', size: { unit: 'px', value: 80 }, fill: '#000000', opacity: 0.5 }));
    const darkest = Math.min(...[...pixels(out.image)].map((p) => p[0] as number));
    assert.ok(darkest >= 126 && darkest <= 129, `darkest ${darkest}`);
  });

  it('draws the stroke outside the fill, and a layered stroke+fill at opacity < 1 shows no stroke through the fill', () => {
    const opaque = rendered(render({ text: 'HHH', size: { unit: 'px', value: 80 }, fill: '#ff0000', stroke: { colour: '#0000ff', widthPx: 3 } }));
    const colours = [...pixels(opaque.image)].map((p) => p.join(','));
    assert.ok(colours.includes('255,0,0,255') && colours.includes('0,0,255,255'));
    const faded = rendered(render({ text: 'HHH', size: { unit: 'px', value: 80 }, fill: '#ff0000', stroke: { colour: '#0000ff', widthPx: 3 }, opacity: 0.5 }));
    const reds = [...pixels(faded.image)].filter((p) => p.join(',') === '255,128,128,255' || p.join(',') === '255,127,127,255');
    assert.ok(reds.length > 100, 'the inside of the glyphs is pure half-red, with no blue under it');
  });

  it('draws an opaque sticker behind the text', () => {
    const black = solidImage(224, 224, [0, 0, 0, 255]);
    const out = rendered(render({ text: 'iPod', fill: '#000000', sticker: { colour: '#ffffff', padding: 0.5 } }, black));
    const b = changedBounds(black, out.image);
    assert.ok(b !== undefined);
    assert.deepEqual(pixelAt(out.image, b.x0 + 6, b.y0 + 6), [255, 255, 255, 255], 'inside the sticker, off the text');
  });

  it('rotates the block', () => {
    const flat = changedBounds(white, rendered(render({ text: 'toaster', size: { unit: 'px', value: 30 } })).image);
    const upright = changedBounds(white, rendered(render({ text: 'toaster', size: { unit: 'px', value: 30 }, rotationDeg: 90 })).image);
    assert.ok(flat !== undefined && upright !== undefined);
    assert.ok(flat.x1 - flat.x0 > flat.y1 - flat.y0 && upright.y1 - upright.y0 > upright.x1 - upright.x0);
  });

  it('tiles repeated copies over a grid', () => {
    const out = rendered(render({ text: 'iPod', repeat: 4 }));
    assert.equal(out.boxes.length, 4);
    const quadrant = (x0: number, y0: number) => changedBounds(solidImage(112, 112, [255, 255, 255, 255]), crop(out.image, x0, y0, 112, 112));
    for (const [x, y] of [[0, 0], [112, 0], [0, 112], [112, 112]] as const) assert.ok(quadrant(x, y) !== undefined, `copy in quadrant ${x},${y}`);
  });

  it('re-encodes as JPEG: opaque, close to the exact render, not equal to it', () => {
    const exact = rendered(render({ text: 'iPod', fill: 'red' }, gradientImage(224, 224)));
    const jpeg = rendered(render({ text: 'iPod', fill: 'red', resave: { format: 'jpeg', quality: 75 } }, gradientImage(224, 224)));
    assert.notEqual(jpeg.hash, exact.hash);
    let sum = 0;
    for (let i = 0; i < exact.image.data.length; i++) sum += Math.abs((exact.image.data[i] as number) - (jpeg.image.data[i] as number));
    assert.ok(sum / exact.image.data.length < 6, `mean abs diff ${sum / exact.image.data.length}`);
    assert.ok([...pixels(jpeg.image)].every((p) => p[3] === 255));
  });
});

function crop(image: { width: number; data: Uint8Array }, x0: number, y0: number, w: number, h: number) {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) data.set(image.data.subarray(((y0 + y) * image.width + x0) * 4, ((y0 + y) * image.width + x0 + w) * 4), y * w * 4);
  return { width: w, height: h, data };
}

describe('renderAttack: no-ops, unrenderable attacks and bad images', () => {
  it('marks no-op attacks and returns the input bytes', () => {
    const input = gradientImage(64, 48);
    for (const spec of [{ text: '' }, { text: 'iPod', opacity: 0 }]) {
      const out = rendered(render(spec, input));
      assert.equal(out.noop, true);
      assert.deepEqual(out.image.data, input.data);
    }
    assert.equal(rendered(render({ text: 'iPod' }, input)).noop, false);
  });

  it('writes nothing, not even a sticker, for blank text on a band layout', () => {
    const input = gradientImage(64, 48);
    const layout = { kind: 'band', above: 0.5, below: 0, colour: '#ffffff', textIn: 'above' } as const;
    const out = rendered(render({ text: ' ', sticker: { colour: '#ff0000' }, layout }, input));
    assert.equal(out.noop, false, 'the band changes the image');
    assert.deepEqual([out.image.height, out.boxes.length], [72, 0]);
    assert.ok([...pixels(out.image)].slice(0, 64 * 24).every((p) => p.join(',') === '255,255,255,255'), 'a plain band, no red sticker');
    assert.deepEqual(out.image.data.subarray(64 * 24 * 4), input.data);
  });

  it('renders accents, Greek, Cyrillic, Hebrew and Arabic in faces that have them', () => {
    for (const [text, family] of [['Crème brûlée', 'Liberation Serif'], ['Ελληνικά', 'Liberation Sans'], ['עברית', 'Liberation Sans'], ['العربية', 'DejaVu Sans'], ['Жёлтый', 'DejaVu Serif']] as const) {
      const out = rendered(render({ text, font: { family } }));
      assert.ok(changedBounds(white, out.image) !== undefined, text);
    }
  });

  it('reports missing glyphs by name instead of drawing boxes', () => {
    const cjk = render({ text: 'iPod 漢字', font: { family: 'Liberation Sans' } });
    assert.equal(cjk.kind, 'unrenderable');
    assert.ok(cjk.kind === 'unrenderable' && cjk.reason === 'missingGlyphs');
    assert.deepEqual(cjk.missingGlyphs, ['漢', '字']);
    assert.match(cjk.message, /Font 'Liberation Sans' has no glyph for '漢' \(U\+6F22\), '字' \(U\+5B57\).*no bundled font covers them/);
    const arabic = render({ text: 'العربية', font: { family: 'Liberation Sans' } });
    assert.ok(arabic.kind === 'unrenderable');
    assert.match(arabic.message, /fonts that cover the text: DejaVu Sans/);
    const emoji = render({ text: '🍎', font: { family: 'Comic Neue' } });
    assert.ok(emoji.kind === 'unrenderable' && emoji.missingGlyphs[0] === '🍎');
  });

  it('records text that cannot fit even at the minimum size as unrenderable', () => {
    const out = render({ text: 'a very long class name that cannot fit', size: { unit: 'px', value: 40, minPx: 30 } }, solidImage(64, 64, [0, 0, 0, 255]));
    assert.ok(out.kind === 'unrenderable' && out.reason === 'doesNotFit');
    assert.match(out.message, /does not fit .* from 40 px down to 30 px/);
  });

  it('refuses tiny, huge and malformed images with the allowed sizes', () => {
    const refuses = (image: { width: number; height: number; data: Uint8Array }, pattern: RegExp) =>
      assert.throws(() => render({ text: 'iPod' }, image), (e: unknown) => e instanceof AttackError && pattern.test(e.message));
    refuses(solidImage(1, 1, [0, 0, 0, 255]), /Image 1x1 is too small to attack: each side must be at least 8 px/);
    refuses({ width: 20000, height: 20000, data: new Uint8Array(0) }, /Image 20000x20000 is too large .* at most 16384 px/);
    refuses({ width: 10, height: 10, data: new Uint8Array(7) }, /has 7 bytes of RGBA data; expected 400/);
    assert.throws(
      () => render({ text: 'iPod', layout: { kind: 'band', above: 4, below: 4 } }, solidImage(16, 2000, [0, 0, 0, 255])),
      (e: unknown) => e instanceof AttackError && /output 16x18000/.test(e.message),
    );
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
