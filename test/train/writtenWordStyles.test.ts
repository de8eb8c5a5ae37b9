import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../src/attacks/createRng.js';
import { expandPreset } from '../../src/attacks/presets/expandPreset.js';
import { loadPreset } from '../../src/attacks/presets/loadPreset.js';
import { overlayWordSpec, presetWordSpec, stickerWordSpec, trainingWordSpec, writtenWordSpec } from '../../src/train/writtenWordStyles.js';

describe('trainingWordSpec', () => {
  it('without shares is the paper label, drawing exactly what writtenWordSpec draws (v1 stream)', () => {
    for (const variety of [0, 0.5, 1]) {
      const a = createRng(3, 'w');
      const b = createRng(3, 'w');
      assert.deepEqual(trainingWordSpec('dog', a, variety), writtenWordSpec('dog', b, variety));
      assert.equal(a.next(), b.next(), 'the streams stay in step');
    }
  });

  it('at variety 0 is always the plain label; at variety 1 the literature styles come in their shares', () => {
    const shares = { overlay: 0.35, sticker: 0.25 };
    const styleOf = (spec: ReturnType<typeof trainingWordSpec>) => (spec.sticker === null ? 'overlay' : 'label or sticker');
    for (let i = 0; i < 50; i++) assert.notEqual(styleOf(trainingWordSpec('dog', createRng(i, 'w'), 0, shares)), 'overlay');
    const counts = { overlay: 0, other: 0 };
    for (let i = 0; i < 400; i++) {
      if (styleOf(trainingWordSpec('dog', createRng(i, 'w'), 1, shares)) === 'overlay') counts.overlay++;
      else counts.other++;
    }
    assert.ok(counts.overlay > 100 && counts.overlay < 180, `overlay words: ${counts.overlay} of 400 (expected about 140)`);
  });
});

describe("v4's styles: the presets' own draws", () => {
  it('write the word as the shipped preset writes its attack from the same seed', () => {
    for (const name of ['defense-prefix', 'openai-sticker'] as const) {
      for (let i = 0; i < 10; i++) {
        const seed = createRng(i, 'p').int(0, 2 ** 31 - 1);
        const spec = presetWordSpec('hot air balloon', name, createRng(i, 'p'));
        const [attack] = expandPreset({ ...loadPreset(name), text: { strategy: 'fixed', text: 'hot air balloon' } }, { label: 'x', classes: ['x', 'y'], seed });
        assert.deepEqual(spec, attack);
      }
    }
  });

  it('come in their shares whatever the variety; the rest are paper labels of that variety', () => {
    const shares = { overlay: 0.35, sticker: 0.3, drawnAs: 'presets' } as const;
    for (const variety of [0, 1]) {
      const counts = { overlay: 0, sticker: 0, label: 0 };
      for (let i = 0; i < 400; i++) {
        const spec = trainingWordSpec('dog', createRng(i, 'v4'), variety, shares);
        if (spec.sticker === null) counts.overlay++;
        else if (spec.font.family === 'Comic Neue' && spec.size.value === 0.12) counts.sticker++;
        else counts.label++;
      }
      assert.ok(Math.abs(counts.overlay - 140) < 40 && Math.abs(counts.sticker - 120) < 40, `variety ${variety}: ${JSON.stringify(counts)}`);
    }
  });
});

describe('the literature styles', () => {
  it('overlay words are 14-40 px with a 1 px outline in another of the eight colours, at a random position', () => {
    for (let i = 0; i < 40; i++) {
      const spec = overlayWordSpec('alarm clock', createRng(i, 'o'));
      assert.equal(spec.size.unit, 'px');
      assert.ok(spec.size.value >= 14 && spec.size.value <= 40);
      assert.equal(spec.stroke.widthPx, 1);
      assert.notEqual(spec.fill, spec.stroke.colour);
      assert.equal(spec.placement.kind, 'random');
      assert.equal(spec.sticker, null);
    }
  });

  it('stickers are 10-16% of the short side, on a label, tilted at most 10 degrees', () => {
    for (let i = 0; i < 40; i++) {
      const spec = stickerWordSpec('dog', createRng(i, 's'));
      assert.equal(spec.size.unit, 'shortSide');
      assert.ok(spec.size.value >= 0.1 && spec.size.value <= 0.16);
      assert.ok(spec.sticker !== null);
      assert.ok(Math.abs(spec.rotationDeg) <= 10);
    }
  });
});
