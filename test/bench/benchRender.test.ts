import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { benchRender } from '../../src/bench/benchRender.js';
import { AttackError } from '../../src/errors/errors.js';

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

describe('benchRender rounds', () => {
  it('alternates renderer and bare-canvas rounds and reports the median round and the median ratio', () => {
    const result = benchRender({ count: 6, warmup: 1, rounds: 3, baseline: true });
    assert.deepEqual([result.rounds, result.images, result.baseline?.images, result.unrenderable], [3, 6, 6, 0]);
    assert.ok(result.ratio !== undefined && Number.isFinite(result.ratio) && result.ratio > 0);
    assert.ok(Math.abs(result.imagesPerSecond - 6 / result.seconds) < 1e-6, 'the reported rate is one round, not a mix');
  });

  it('reports no ratio without a baseline, and rejects a bad round count', () => {
    const result = benchRender({ count: 3, warmup: 0, rounds: 2 });
    assert.equal(result.ratio, undefined);
    assert.equal(result.rounds, 2);
    for (const rounds of [0, 1.5]) {
      assert.throws(() => benchRender({ count: 1, rounds }), (e: unknown) => e instanceof AttackError && /rounds must be a whole number >= 1/.test(e.message));
    }
  });
});
