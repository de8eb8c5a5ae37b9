import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { WorkerEngine } from '../../src/engines/worker/WorkerEngine.js';
import { EngineError } from '../../src/errors/EngineError.js';
import { StroopError } from '../../src/errors/StroopError.js';
import { loadClipModel } from '../../src/model/loadClipModel.js';
import { fixturePath } from '../helpers/paths.js';
import { runEngineContract } from './engineContract.js';

// The onnx engine on its own thread must be the onnx engine: same goldens, same errors.
runEngineContract('onnx in a worker thread', {
  create: (model) => WorkerEngine.open({ model: model.dir, engine: 'onnx', device: 'cpu' }, model.config),
});

describe('WorkerEngine', () => {
  it('rethrows a failure to open on the main thread as the same stroop error, message intact', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-worker-'));
    try {
      for (const file of ['config.json', 'preprocessor_config.json']) fs.copyFileSync(fixturePath('clip-tiny', file), path.join(dir, file));
      const model = await loadClipModel(fixturePath('clip-tiny'), { weights: 'logit-scale' });
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

  it('refuses to embed once disposed, with an EngineError', async () => {
    const model = await loadClipModel(fixturePath('clip-tiny'), { weights: 'logit-scale' });
    const engine = await WorkerEngine.open({ model: model.dir, engine: 'onnx', device: 'cpu' }, model.config);
    const { imageSize, numChannels } = model.config.vision;
    const first = await engine.embedImages(new Float32Array(numChannels * imageSize * imageSize), 1);
    assert.equal(first.rows, 1);
    engine.dispose();
    engine.dispose();
    await assert.rejects(engine.embedImages(new Float32Array(numChannels * imageSize * imageSize), 1), EngineError);
  });
});
