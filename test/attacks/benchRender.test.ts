import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benchRender } from '../../src/attacks/benchRender.js';
import { AttackError } from '../../src/errors/AttackError.js';

describe('benchRender', () => {
  it('times a sticker preset on 224 x 224 images and reports images/s', () => {
    const result = benchRender({ count: 50, warmup: 2 });
    assert.deepEqual([result.preset, result.width, result.height, result.images, result.unrenderable], ['openai-sticker', 224, 224, 50, 0]);
    assert.ok(result.seconds > 0);
    assert.ok(Math.abs(result.imagesPerSecond - 50 / result.seconds) < 1e-6);
    assert.ok(result.cpuSeconds > 0 && result.baseline === undefined);
  });

  it('can time bare node-canvas on the same images for comparison', () => {
    const result = benchRender({ count: 10, warmup: 1, baseline: true });
    assert.equal(result.baseline?.images, 10);
    assert.ok((result.baseline?.imagesPerSecond ?? 0) > 0);
  });

  it('rejects a bad count and an unknown preset', () => {
    assert.throws(() => benchRender({ count: 0 }), (e: unknown) => e instanceof AttackError && /whole number >= 1/.test(e.message));
    assert.throws(() => benchRender({ preset: 'nope', count: 1 }), (e: unknown) => e instanceof AttackError && /Valid presets/.test(e.message));
  });
});
