import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EmbeddingEngine } from '../../src/engines/embeddingEngine.js';
import type { EmbeddingMatrix } from '../../src/zeroshot/zeroShotClassification.js';
import { RunError } from '../../src/errors/errors.js';
import { clipArchitectures } from '../../src/families/clip/writeClipCheckpoint.js';
import type { ClipConfig } from '../../src/families/clip/clipConfig.js';
import { LazyEngine } from '../../src/run/LazyEngine.js';

const config = clipArchitectures['vit-b-32'] as ClipConfig;

function fakeEngine(logitScale: number, disposed: { count: number }): EmbeddingEngine {
  const matrix = (rows: number): EmbeddingMatrix => ({ rows, dim: 2, data: new Float32Array(rows * 2).fill(rows) });
  return {
    engine: 'onnx',
    backend: 'cpu fp32',
    config,
    scoring: { kind: 'softmax', logitScale },
    embedImages: async (_pixels, count) => matrix(count),
    embedTexts: async (_ids, count) => matrix(count),
    dispose: () => {
      disposed.count += 1;
    },
  };
}

describe('LazyEngine', () => {
  it('opens the real engine once, on the first embed call, and disposes it', async () => {
    let opens = 0;
    const disposed = { count: 0 };
    const lazy = new LazyEngine(config, { engine: 'onnx', backend: 'cpu fp32', scoring: { kind: 'softmax', logitScale: 100 } }, async () => (opens++, fakeEngine(100, disposed)), '/m');
    assert.deepEqual(lazy.scoring, { kind: 'softmax', logitScale: 100 });
    assert.equal(lazy.opened, false);
    assert.equal(opens, 0, 'nothing opens before an embed call');
    const [a, b] = await Promise.all([lazy.embedImages(new Float32Array(0), 3), lazy.embedTexts(new Int32Array(0), 2)]);
    assert.equal(a.rows, 3);
    assert.equal(b.rows, 2);
    assert.equal(opens, 1, 'concurrent first calls share one open');
    assert.equal(lazy.opened, true);
    lazy.dispose();
    lazy.dispose();
    assert.equal(disposed.count, 1);
  });

  it('refuses an engine that disagrees with the remembered scoring rule', async () => {
    const disposed = { count: 0 };
    const lazy = new LazyEngine(config, { engine: 'onnx', backend: 'cpu fp32', scoring: { kind: 'softmax', logitScale: 100 } }, async () => fakeEngine(50, disposed), '/m');
    await assert.rejects(lazy.embedImages(new Float32Array(0), 1), (e: unknown) => e instanceof RunError && /"logitScale":50/.test(e.message));
    lazy.dispose();
    assert.equal(disposed.count, 1, 'the refused engine is still freed');
  });
});
