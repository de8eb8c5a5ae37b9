import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, ModelLoadError } from '../../src/errors/errors.js';
import { loadModel } from '../../src/families/loadModel.js';
import { familyOfConfigJson, modelFamilies } from '../../src/families/modelFamilies.js';
import { readSiglipConfig } from '../../src/families/siglip/siglipConfig.js';
import { fixturePath } from '../helpers/paths.js';

function copyFixture(fixture: string, edit: (dir: string) => void = () => undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-family-'));
  for (const file of fs.readdirSync(fixturePath(fixture))) {
    const from = fixturePath(fixture, file);
    if (fs.statSync(from).isFile()) fs.copyFileSync(from, path.join(dir, file));
  }
  edit(dir);
  return dir;
}

const editJson = (file: string, change: (json: Record<string, unknown>) => void) => {
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  change(json);
  fs.writeFileSync(file, JSON.stringify(json));
};

describe('model families', () => {
  it('tells the family from config.json model_type; a config without one is CLIP', () => {
    assert.equal(familyOfConfigJson({ model_type: 'clip' }, 'c.json').id, 'clip');
    assert.equal(familyOfConfigJson({}, 'c.json').id, 'clip');
    assert.equal(familyOfConfigJson({ model_type: 'siglip' }, 'c.json').id, 'siglip');
  });

  it('refuses families it does not implement, naming what it found and what is supported', () => {
    const refusals: [unknown, RegExp][] = [
      [{ model_type: 'siglip2', architectures: ['Siglip2Model'] }, /model_type "siglip2" \(architectures: Siglip2Model\) is not a model family stroop implements: SigLIP 2 NaFlex/],
      [{ model_type: 'siglip_vision_model' }, /vision tower alone/],
      [{ model_type: 'eva_clip' }, /model_type "eva_clip" is not a model family/],
      [{ model_type: 7 }, /model_type 7/],
    ];
    for (const [json, message] of refusals) {
      assert.throws(() => familyOfConfigJson(json, 'c.json'), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, message);
        assert.match(error.message, /Supported model_type values: clip \(CLIP: CLIPModel, e\.g\. openai\/clip-vit-base-patch32\); siglip \(SigLIP: SiglipModel, e\.g\. google\/siglip-base-patch16-224\)/);
        return true;
      });
    }
  });

  it('loadModel refuses a NaFlex SigLIP 2 checkpoint and an OpenCLIP-native one clearly', async () => {
    const naflex = copyFixture('siglip2-tiny', (dir) => editJson(path.join(dir, 'config.json'), (j) => (j.model_type = 'siglip2')));
    await assert.rejects(loadModel(naflex), (e: unknown) => e instanceof ConfigError && /NaFlex/.test(e.message) && e.message.includes(naflex));
    const openClip = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-openclip-'));
    fs.writeFileSync(path.join(openClip, 'open_clip_config.json'), '{}');
    fs.writeFileSync(path.join(openClip, 'open_clip_model.safetensors'), '');
    await assert.rejects(loadModel(openClip), (e: unknown) => e instanceof ModelLoadError && /OpenCLIP-native checkpoint/.test(e.message) && /Supported:/.test(e.message));
  });

  it('reads every size of a SigLIP config from the file, with transformers defaults for the rest', () => {
    const config = readSiglipConfig({ model_type: 'siglip', text_config: { vocab_size: 1000, hidden_size: 48, num_attention_heads: 3 }, vision_config: { hidden_size: 48, num_attention_heads: 4 } }, 'c.json');
    assert.equal(config.family, 'siglip');
    assert.equal(config.projectionDim, 48);
    assert.deepEqual([config.text.vocabSize, config.text.maxPositionEmbeddings, config.text.projectionSize, config.text.hiddenAct], [1000, 64, 48, 'gelu_pytorch_tanh']);
    assert.deepEqual([config.vision.imageSize, config.vision.patchSize, config.vision.layerNormEps], [224, 16, 1e-6]);
  });

  it('refuses a SigLIP config whose towers cannot meet, or that has no pooling head', () => {
    const bad = (json: unknown, message: RegExp) =>
      assert.throws(() => readSiglipConfig(json, 'c.json'), (e: unknown) => e instanceof ConfigError && message.test(e.message) && e.message.includes('c.json'));
    bad({ model_type: 'siglip', text_config: { hidden_size: 64 }, vision_config: { hidden_size: 96 } }, /text embedding width 64 must equal the image embedding width \(vision_config.hidden_size 96\)/);
    bad({ model_type: 'siglip', vision_config: { image_size: 100, patch_size: 16 } }, /image_size 100 is not divisible by patch_size 16/);
    bad({ model_type: 'siglip', vision_config: { vision_use_head: false } }, /vision_use_head must be true/);
    bad({ model_type: 'siglip', text_config: { hidden_size: 64, num_attention_heads: 5 }, vision_config: { hidden_size: 64 } }, /not divisible by num_attention_heads 5/);
  });

  it('checks that the preprocessing gives the vision tower its input size', async () => {
    const mismatched = copyFixture('siglip-tiny', (dir) => editJson(path.join(dir, 'preprocessor_config.json'), (j) => (j.size = { height: 112, width: 112 })));
    await assert.rejects(loadModel(mismatched), (e: unknown) => e instanceof ConfigError && /gives 112x112, but the vision tower's image_size in config.json is 224/.test(e.message));
    const cropped = copyFixture('siglip-tiny', (dir) => editJson(path.join(dir, 'preprocessor_config.json'), (j) => Object.assign(j, { do_center_crop: true, crop_size: 200 })));
    await assert.rejects(loadModel(cropped), (e: unknown) => e instanceof ConfigError && /gives 200x200/.test(e.message));
    const unresized = copyFixture('siglip-tiny', (dir) => editJson(path.join(dir, 'preprocessor_config.json'), (j) => (j.do_resize = false)));
    await assert.rejects(loadModel(unresized), (e: unknown) => e instanceof ConfigError && /gives no fixed output size/.test(e.message));
  });

  it('loads SigLIP weights naming a missing tensor, and the scoring scalars alone', async () => {
    const model = await loadModel(fixturePath('siglip-tiny'), { weights: 'scoring' });
    assert.deepEqual([...model.weights.keys()].sort(), ['logit_bias', 'logit_scale']);
    const rule = modelFamilies.siglip.scoringRule(model.weights, model.config);
    assert.deepEqual(rule.missing, []);
    assert.equal(rule.rule.kind, 'sigmoid');
    const untrained = modelFamilies.siglip.scoringRule(new Map(), model.config);
    assert.deepEqual(untrained.missing, ['logit_scale', 'logit_bias']);
    assert.ok(untrained.rule.kind === 'sigmoid' && Math.abs(untrained.rule.logitScale - 10) < 1e-12 && untrained.rule.logitBias === -10, JSON.stringify(untrained.rule));
  });
});
