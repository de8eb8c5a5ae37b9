import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../src/attacks/createRng.js';
import { overlayWordSpec, stickerWordSpec, trainingWordSpec, writtenWordSpec } from '../../src/train/writtenWordStyles.js';

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
