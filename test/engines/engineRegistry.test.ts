import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createEngine, engineChoices, engineIds, resolveEngineId } from '../../src/engines/engineRegistry.js';
import { EngineError, UsageError } from '../../src/errors/errors.js';
import { loadModel } from '../../src/families/loadModel.js';
import { fixturePath } from '../helpers/paths.js';

describe('engineRegistry', () => {
  const noOnnx = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-registry-'));
  for (const file of fs.readdirSync(fixturePath('clip-tiny'))) {
    if (fs.statSync(fixturePath('clip-tiny', file)).isFile()) fs.copyFileSync(fixturePath('clip-tiny', file), path.join(noOnnx, file));
  }
  after(() => fs.rmSync(noOnnx, { recursive: true, force: true }));

  it('lists onnx and tfjs, and auto as a choice', () => {
    assert.deepEqual([...engineIds].sort(), ['onnx', 'tfjs']);
    assert.deepEqual(engineChoices, ['auto', 'onnx', 'tfjs']);
  });

  it('resolveEngineId: auto is onnx where ONNX graphs exist, else tfjs; explicit ids pass through', async () => {
    assert.equal(await resolveEngineId('auto', fixturePath('clip-tiny')), 'onnx');
    assert.equal(await resolveEngineId('auto', noOnnx), 'tfjs');
    assert.equal(await resolveEngineId('auto', ''), 'tfjs');
    assert.equal(await resolveEngineId('tfjs', fixturePath('clip-tiny')), 'tfjs');
    assert.equal(await resolveEngineId('onnx', noOnnx), 'onnx');
  });

  it('createEngine resolves auto on the model directory and refuses unknown ids', async () => {
    const withOnnx = await createEngine('auto', await loadModel(fixturePath('clip-tiny')), { device: 'cpu' });
    const without = await createEngine('auto', await loadModel(noOnnx), { device: 'cpu' });
    assert.deepEqual([withOnnx.engine, without.engine], ['onnx', 'tfjs']);
    withOnnx.dispose();
    without.dispose();
    const model = await loadModel(noOnnx);
    for (const id of ['onx', 'toString', '__proto__']) {
      await assert.rejects(createEngine(id, model, { device: 'cpu' }), (e: unknown) => e instanceof UsageError && e.message === `Unknown engine '${id}'. Valid engines: auto, onnx, tfjs.`);
    }
  });

  it('tfjs refuses --dtype fp16/q8 instead of ignoring it', async () => {
    const model = await loadModel(noOnnx);
    await assert.rejects(createEngine('tfjs', model, { device: 'cpu', dtype: 'q8' }), (e: unknown) => e instanceof EngineError && /--dtype q8 needs --engine onnx/.test(e.message));
  });
});
