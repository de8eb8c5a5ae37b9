import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandPreset } from '../../../src/attacks/presets/expandPreset.js';
import { listPresetNames, loadPreset } from '../../../src/attacks/presets/loadPreset.js';
import { renderAttack } from '../../../src/attacks/render/renderAttack.js';
import { gradientImage } from '../images.js';

const classes = ['apple', 'iPod', 'toaster', 'great white shark', 'Granny Smith', 'pear'];
const context = (seed: number) => ({ label: 'apple', classes, seed });
const issueRecipes = ['defense-prefix', 'dyslexify', 'grid', 'imagenet-atr', 'openai-sticker', 'self-gen-band'];

describe('shipped presets', () => {
  it('are the recipes the issue lists, each with its source', () => {
    assert.deepEqual(listPresetNames(), issueRecipes);
    for (const name of issueRecipes) assert.ok(loadPreset(name).source.length > 20, name);
  });

  for (const name of issueRecipes) {
    it(`${name}: renders on photos of several sizes, deterministically`, () => {
      for (const [seed, width, height] of [[1, 224, 224], [2, 320, 240], [3, 200, 300]] as const) {
        const specs = expandPreset(loadPreset(name), context(seed));
        const image = gradientImage(width, height);
        for (const spec of specs) {
          const out = renderAttack(image, spec, seed);
          assert.equal(out.kind, 'rendered', out.kind === 'unrenderable' ? `${name}: ${out.message}` : '');
          assert.ok(out.kind === 'rendered' && !out.noop);
          assert.equal(renderAttack(image, spec, seed).kind === 'rendered' && (renderAttack(image, spec, seed) as { hash: string }).hash, out.kind === 'rendered' && out.hash);
        }
      }
    });
  }

  it('defense-prefix: 3 faces, 8 colours, fill != stroke, 1 px stroke, 20-40 px start, random position, two-line names', () => {
    const fonts = new Set<string>();
    const fills = new Set<string>();
    for (let seed = 0; seed < 300; seed++) {
      const [spec] = expandPreset(loadPreset('defense-prefix'), context(seed));
      assert.ok(spec !== undefined);
      assert.notEqual(spec.fill, spec.stroke.colour);
      assert.equal(spec.stroke.widthPx, 1);
      assert.ok(spec.size.unit === 'px' && spec.size.value >= 20 && spec.size.value <= 40 && spec.size.fit === 'shrink' && spec.size.minPx === 1);
      assert.deepEqual(spec.placement, { kind: 'random' });
      assert.deepEqual(spec.wrap, { mode: 'words', maxLines: 2 });
      assert.notEqual(spec.text, 'apple');
      fonts.add(spec.font.family);
      fills.add(spec.fill);
    }
    assert.equal(fonts.size, 3);
    assert.deepEqual([...fills].sort(), ['black', 'blue', 'cyan', 'green', 'magenta', 'red', 'white', 'yellow']);
    const twoLines = renderAttack(gradientImage(224, 224), { ...expandPreset(loadPreset('defense-prefix'), context(0))[0]!, text: 'great white shark' }, 0);
    assert.ok(twoLines.kind === 'rendered');
    assert.deepEqual(twoLines.lines, ['great', 'white shark']);
  });

  it('imagenet-atr: Arial-like 50 px red at (50, 50), no stroke, JPEG', () => {
    const [spec] = expandPreset(loadPreset('imagenet-atr'), context(0));
    assert.ok(spec !== undefined);
    assert.equal(spec.font.family, 'Liberation Sans');
    assert.deepEqual([spec.size.unit, spec.size.value, spec.fill, spec.stroke.widthPx], ['px', 50, '#ff0000', 0]);
    assert.deepEqual(spec.placement, { kind: 'pixel', x: 50, y: 50 });
    assert.deepEqual(spec.resave, { format: 'jpeg', quality: 75 });
  });

  it('dyslexify: 3 fonts x 8 colours x 6 positions all occur', () => {
    const seen = { font: new Set<string>(), fill: new Set<string>(), place: new Set<string>() };
    for (let seed = 0; seed < 400; seed++) {
      const [spec] = expandPreset(loadPreset('dyslexify'), context(seed));
      seen.font.add(spec!.font.family);
      seen.fill.add(spec!.fill);
      seen.place.add(JSON.stringify(spec!.placement));
    }
    assert.deepEqual([seen.font.size, seen.fill.size, seen.place.size], [3, 8, 6]);
  });

  it('self-gen-band: white 25% bands above and below, 20 px black Liberation Sans in a band', () => {
    const [spec] = expandPreset(loadPreset('self-gen-band'), context(4));
    const out = renderAttack(gradientImage(224, 224), spec!, 4);
    assert.ok(out.kind === 'rendered');
    assert.deepEqual([out.image.height, out.grew.top, out.grew.bottom, out.fontSizePx], [336, 56, 56, 20]);
    assert.deepEqual(Array.from(out.image.data.subarray(0, 4)), [255, 255, 255, 255]);
  });

  it('openai-sticker: an opaque light label behind dark handwriting-style text', () => {
    const [spec] = expandPreset(loadPreset('openai-sticker'), context(5));
    assert.ok(spec !== undefined && spec.sticker !== null && spec.sticker.opacity === 1);
    assert.equal(spec.font.family, 'Comic Neue');
  });

  it('grid: 4 sizes x 4 opacities x 3 positions per text, other fields shared', () => {
    const specs = expandPreset(loadPreset('grid'), context(6));
    assert.equal(specs.length, 48);
    assert.equal(new Set(specs.map((s) => `${s.size.value}/${s.opacity}/${JSON.stringify(s.placement)}`)).size, 48);
    assert.equal(new Set(specs.map((s) => s.text)).size, 1);
    specs.forEach((s, i) => assert.deepEqual(s.origin, { generator: 'preset', name: 'grid', seed: 6, path: `0/${i}` }));
  });

  it('draws the same attack for the same seed', () => {
    for (const name of issueRecipes) assert.deepEqual(expandPreset(loadPreset(name), context(11)), expandPreset(loadPreset(name), context(11)));
  });
});
