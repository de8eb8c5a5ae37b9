import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { WorkerEngine } from '../../../src/engines/worker/WorkerEngine.js';
import { EngineError, StroopError } from '../../../src/errors/errors.js';
import { loadModel } from '../../../src/families/loadModel.js';
import { fixturePath, modelFixtures } from '../../helpers/paths.js';
import { runEngineContract } from '../engineContract.js';

// The onnx engine on its own thread must be the onnx engine: same goldens, same errors.
runEngineContract('onnx in a worker thread', {
  create: (model) => WorkerEngine.open({ model: model.dir, engine: 'onnx', device: 'cpu' }, model.config),
  fixtures: modelFixtures,
});

describe('WorkerEngine', () => {
  it('rethrows a failure to open on the main thread as the same stroop error, message intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-worker-'));
    try {
      for (const file of ['config.json', 'preprocessor_config.json']) fs.copyFileSync(fixturePath('clip-tiny', file), path.join(dir, file));
      const model = await loadModel(fixturePath('clip-tiny'), { weights: 'scoring' });
      await assert.rejects(WorkerEngine.open({ model: dir, engine: 'onnx', device: 'cpu' }, model.config), (error: Error) => {
        assert.ok(error instanceof StroopError, `${error.name}: ${error.message}`);
        assert.match(error.message, /onnx|ONNX/);
        assert.ok(error.message.includes(dir), error.message);
        return true;
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reuses its transfer buffers without mixing up requests or touching the caller input', async () => {
    const model = await loadModel(fixturePath('clip-tiny'), { weights: 'scoring' });
    const engine = await WorkerEngine.open({ model: model.dir, engine: 'onnx', device: 'cpu' }, model.config);
    try {
      const { imageSize, numChannels } = model.config.vision;
      const per = numChannels * imageSize * imageSize;
      const batch = (count: number, seed: number) => Float32Array.from({ length: count * per }, (_, i) => Math.sin(seed * 7919 + i) * 2);
      const [three, one, two] = [batch(3, 1), batch(1, 2), batch(2, 3)];
      const alone = [await engine.embedImages(three, 3), await engine.embedImages(one, 1), await engine.embedImages(two, 2)];
      // Now every request travels in a buffer an earlier, larger one left behind; in flight together too.
      const again = await Promise.all([engine.embedImages(two, 2), engine.embedImages(one, 1), engine.embedImages(three, 3)]);
      assert.deepEqual([again[2].data, again[1].data, again[0].data], alone.map((m) => m.data));
      assert.deepEqual(one, batch(1, 2), 'the caller keeps its input, unchanged');
    } finally {
      engine.dispose();
    }
  });

  it('refuses to embed once disposed, with an EngineError', async () => {
    const model = await loadModel(fixturePath('clip-tiny'), { weights: 'scoring' });
    const engine = await WorkerEngine.open({ model: model.dir, engine: 'onnx', device: 'cpu' }, model.config);
    const { imageSize, numChannels } = model.config.vision;
    const first = await engine.embedImages(new Float32Array(numChannels * imageSize * imageSize), 1);
    assert.equal(first.rows, 1);
    engine.dispose();
    engine.dispose();
    await assert.rejects(engine.embedImages(new Float32Array(numChannels * imageSize * imageSize), 1), EngineError);
  });
});
