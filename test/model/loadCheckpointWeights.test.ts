import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ModelLoadError } from '../../src/errors/errors.js';
import { loadModel } from '../../src/families/loadModel.js';
import { loadCheckpointTensor } from '../../src/model/loadCheckpointWeights.js';
import { readSafetensorsTensor } from '../../src/model/readSafetensors.js';
import { readGoldenEmbeddings } from '../helpers/goldens.js';
import { fixturePath, modelFixtures } from '../helpers/paths.js';

describe('reading logit_scale alone', () => {
  for (const fixture of modelFixtures) {
    it(`finds the golden logit_scale in ${fixture}'s HF and OpenAI files`, async () => {
      const golden = readGoldenEmbeddings(fixture).logit_scale;
      const hf = await loadCheckpointTensor(fixturePath(fixture), 'logit_scale');
      assert.deepEqual(hf?.shape, []);
      assert.ok(Math.abs((hf?.data[0] ?? NaN) - golden) < 1e-6);
      const openAi = await readSafetensorsTensor(fixturePath(fixture, 'openai_state_dict.safetensors'), 'logit_scale');
      assert.equal(openAi?.data[0], hf?.data[0]);
    });
  }

  it('loadModel with weights: logit-scale holds only that tensor; an ONNX-only dir gives none', async () => {
    const model = await loadModel(fixturePath('clip-tiny'), { weights: 'scoring' });
    assert.deepEqual([...model.weights.keys()], ['logit_scale']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-onnx-only-'));
    for (const f of ['config.json', 'preprocessor_config.json']) fs.copyFileSync(fixturePath('clip-tiny', f), path.join(dir, f));
    const onnxOnly = await loadModel(dir, { weights: 'scoring' });
    assert.equal(onnxOnly.weights.size, 0);
    await assert.rejects(loadModel(dir), ModelLoadError);
  });

  it('returns undefined for an absent tensor and refuses a truncated file', async () => {
    assert.equal(await readSafetensorsTensor(fixturePath('clip-tiny', 'model.safetensors'), 'no_such_tensor'), undefined);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-trunc-'));
    const bytes = fs.readFileSync(fixturePath('clip-tiny', 'model.safetensors'));
    fs.writeFileSync(path.join(dir, 'model.safetensors'), bytes.subarray(0, 200));
    await assert.rejects(readSafetensorsTensor(path.join(dir, 'model.safetensors'), 'logit_scale'), (e: unknown) => e instanceof ModelLoadError && /header length/.test(e.message));
  });
});
