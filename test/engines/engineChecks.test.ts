import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkEmbeddings, checkScoringRule } from '../../src/engines/engineChecks.js';
import { createOnnxEngine } from '../../src/engines/onnx/OnnxEngine.js';
import { createTfjsEngine } from '../../src/engines/tfjs/TfjsEngine.js';
import { WorkerEngine } from '../../src/engines/worker/WorkerEngine.js';
import { ConfigError, EngineError, ModelLoadError } from '../../src/errors/errors.js';
import { loadModel } from '../../src/families/loadModel.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';
import { patchedModel } from './patchedModel.js';

const namesScalar = (tensor: string, value: string) => (error: unknown) =>
  error instanceof ModelLoadError && error.message.includes(tensor) && error.message.includes(value);

describe('a model whose scoring scalars are not finite', () => {
  const nanScale = patchedModel('clip-tiny', { logit_scale: () => NaN });

  it('is refused by the tfjs engine, naming logit_scale and its value', async () => {
    const model = await loadModel(nanScale);
    await assert.rejects(createTfjsEngine(model, { device: 'cpu' }), namesScalar('logit_scale', 'NaN'));
  });

  it('is refused by the onnx engine, in a worker thread too (same error class)', async () => {
    const model = await loadModel(nanScale, { weights: 'scoring' });
    await assert.rejects(createOnnxEngine(model, { device: 'cpu' }), namesScalar('logit_scale', 'NaN'));
    await assert.rejects(WorkerEngine.open({ model: nanScale, engine: 'onnx', device: 'cpu' }, model.config), namesScalar('logit_scale', 'NaN'));
  });

  it('refuses a logit scale that overflows exp(), and a SigLIP logit bias that is infinite', async () => {
    const huge = await loadModel(patchedModel('clip-tiny', { logit_scale: () => 1000 }));
    await assert.rejects(createTfjsEngine(huge, { device: 'cpu' }), namesScalar('logit_scale', 'Infinity'));
    const siglip = await loadModel(patchedModel('siglip-tiny', { logit_bias: () => -Infinity }));
    await assert.rejects(createTfjsEngine(siglip, { device: 'cpu' }), namesScalar('logit_bias', '-Infinity'));
  });

  it('names config.json when the scalars came from its initial values', async () => {
    const model = await loadModel(fixturePath('clip-tiny'), { weights: 'scoring' });
    const rule = { kind: 'softmax', logitScale: Infinity } as const;
    assert.throws(() => checkScoringRule(rule, model, { kind: 'config' }), (e: unknown) => e instanceof ConfigError && /config\.json/.test(e.message) && /Infinity/.test(e.message));
    assert.throws(() => checkScoringRule(rule, model, { kind: 'onnx', graph: 'g.onnx' }), (e: unknown) => e instanceof ModelLoadError && e.path === 'g.onnx');
    assert.doesNotThrow(() => checkScoringRule({ kind: 'sigmoid', logitScale: 10, logitBias: -10 }, model, { kind: 'weights' }));
  });

  it('stroop classify exits 2 naming the tensor, instead of printing NaN%', async () => {
    for (const engine of ['tfjs', 'onnx']) {
      const r = await runCli(['classify', path.join(repoRoot, 'datasets', 'tiny', 'red circle', '0.png'), '--model', nanScale, '--engine', engine, '--labels', 'a,b']);
      assert.equal(r.code, 2, `${engine}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /logit_scale is NaN/);
      assert.doesNotMatch(r.stdout, /NaN%/);
    }
  });
});

describe('non-finite embeddings', () => {
  it('checkEmbeddings names the tower, the row and the first non-finite value', () => {
    const data = Float32Array.from([1, 2, 3, 4, Infinity, NaN]);
    assert.throws(() => checkEmbeddings({ rows: 3, dim: 2, data }, 'text', 'x'), (e: unknown) => e instanceof EngineError && /text tower/.test(e.message) && /row 2 of 3, value 0 of 2 is Infinity/.test(e.message));
    assert.doesNotThrow(() => checkEmbeddings({ rows: 2, dim: 2, data: data.subarray(0, 4) }, 'vision', 'x'));
  });

  it('a tfjs text tower with NaN weights is refused with an EngineError naming the text tower', async () => {
    const model = await loadModel(patchedModel('clip-tiny', { 'text_projection.weight': (v, i) => (i === 0 ? NaN : v) }));
    const engine = await createTfjsEngine(model, { device: 'cpu' });
    try {
      const ids = new Int32Array(model.config.text.maxPositionEmbeddings).fill(model.config.text.eosTokenId);
      await assert.rejects(engine.embedTexts(ids, 1), (e: unknown) => e instanceof EngineError && /text tower/.test(e.message) && /NaN/.test(e.message));
    } finally {
      engine.dispose();
    }
  });
});

describe('fixtures of these tests', () => {
  it('patchedModel leaves the fixture itself alone', () => {
    const dir = patchedModel('clip-tiny', { logit_scale: () => 7 });
    assert.notDeepEqual(fs.readFileSync(path.join(dir, 'model.safetensors')), fs.readFileSync(fixturePath('clip-tiny', 'model.safetensors')));
    assert.ok(fs.existsSync(path.join(dir, 'onnx', 'vision_model.onnx')) && !fs.existsSync(path.join(dir, 'golden')));
    assert.ok(dir.startsWith(os.tmpdir()));
  });
});
