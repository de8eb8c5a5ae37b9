import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, ModelLoadError } from '../../../src/errors/errors.js';
import { loadClipConfigFile, readClipConfig } from '../../../src/families/clip/clipConfig.js';
import { loadPreprocessorConfigFile } from '../../../src/model/preprocessorConfig.js';
import { fixturePath } from '../../helpers/paths.js';
import { makeTempDir } from '../../model/safetensorsTestFiles.js';

function fixtureJson(fixture: string): Record<string, Record<string, unknown>> {
  return JSON.parse(readFileSync(fixturePath(fixture, 'config.json'), 'utf8')) as Record<string, Record<string, unknown>>;
}

function assertConfigError(run: () => unknown, ...fragments: RegExp[]): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    for (const fragment of fragments) assert.match(error.message, fragment);
    return true;
  });
}

// The table in test/fixtures/README.md.
const readmeTable = [
  { fixture: 'clip-tiny', vocab: 1514, bos: 1512, eos: 1513, projection: 32, image: 224, patch: 32, vision: [64, 2, 1], text: [64, 2, 4] },
  { fixture: 'clip-tiny-p16', vocab: 2014, bos: 2012, eos: 2013, projection: 48, image: 64, patch: 16, vision: [128, 3, 2], text: [96, 3, 6] },
] as const;

describe('readClipConfig on the fixtures', () => {
  for (const row of readmeTable) {
    it(`${row.fixture} matches the fixture README table`, () => {
      const config = readClipConfig(fixtureJson(row.fixture), 'config.json');
      assert.equal(config.text.vocabSize, row.vocab);
      assert.equal(config.text.bosTokenId, row.bos);
      assert.equal(config.text.eosTokenId, row.eos);
      assert.equal(config.projectionDim, row.projection);
      assert.equal(config.vision.imageSize, row.image);
      assert.equal(config.vision.patchSize, row.patch);
      assert.deepEqual([config.vision.hiddenSize, config.vision.numHiddenLayers, config.vision.numAttentionHeads], row.vision);
      assert.deepEqual([config.text.hiddenSize, config.text.numHiddenLayers, config.text.numAttentionHeads], row.text);
      // golden/README.md: MLP width 4x, QuickGELU, eps 1e-5, context 77, pad 1, 3 channels.
      assert.equal(config.text.intermediateSize, 4 * row.text[0]);
      assert.equal(config.vision.intermediateSize, 4 * row.vision[0]);
      for (const tower of [config.text, config.vision]) {
        assert.equal(tower.hiddenAct, 'quick_gelu');
        assert.equal(tower.layerNormEps, 1e-5);
      }
      assert.equal(config.text.maxPositionEmbeddings, 77);
      assert.equal(config.text.padTokenId, 1);
      assert.equal(config.vision.numChannels, 3);
      assert.equal(config.logitScaleInitValue, 2.6592);
    });
  }
});

describe('readClipConfig defaults', () => {
  it("fills an empty config with transformers' ViT-B/32 defaults", () => {
    const config = readClipConfig({}, 'empty.json');
    assert.deepEqual(config, {
      family: 'clip',
      projectionDim: 512,
      logitScaleInitValue: 2.6592,
      text: {
        hiddenSize: 512,
        intermediateSize: 2048,
        numAttentionHeads: 8,
        numHiddenLayers: 12,
        hiddenAct: 'quick_gelu',
        layerNormEps: 1e-5,
        vocabSize: 49408,
        maxPositionEmbeddings: 77,
        bosTokenId: 49406,
        eosTokenId: 49407,
        padTokenId: 1,
      },
      vision: {
        hiddenSize: 768,
        intermediateSize: 3072,
        numAttentionHeads: 12,
        numHiddenLayers: 12,
        hiddenAct: 'quick_gelu',
        layerNormEps: 1e-5,
        imageSize: 224,
        patchSize: 32,
        numChannels: 3,
      },
    });
  });

  it('fills single missing fields and keeps the rest', () => {
    const json = fixtureJson('clip-tiny');
    delete json['text_config']!['layer_norm_eps'];
    delete json['vision_config']!['hidden_act'];
    delete json['projection_dim'];
    const config = readClipConfig(json, 'config.json');
    assert.equal(config.text.layerNormEps, 1e-5);
    assert.equal(config.vision.hiddenAct, 'quick_gelu');
    assert.equal(config.projectionDim, 512);
    assert.equal(config.text.vocabSize, 1514);
  });

  it('lets a legacy text_config_dict replace text_config, as transformers does', () => {
    const json = { ...fixtureJson('clip-tiny'), text_config_dict: { hidden_size: 256, num_attention_heads: 4 } };
    const config = readClipConfig(json, 'config.json');
    assert.equal(config.text.hiddenSize, 256);
    assert.equal(config.text.vocabSize, 49408); // default from the dict, not text_config's 1514
    assert.equal(config.vision.hiddenSize, 64);
  });
});

describe('readClipConfig errors', () => {
  const base = fixtureJson('clip-tiny');
  const withText = (fields: object): object => ({ ...base, text_config: { ...base['text_config'], ...fields } });
  const withVision = (fields: object): object => ({ ...base, vision_config: { ...base['vision_config'], ...fields } });

  it('lists every bad field with the allowed values', () => {
    assertConfigError(
      () => readClipConfig(withText({ hidden_act: 'swish', num_hidden_layers: 2.5 }), 'models/x/config.json'),
      /models\/x\/config\.json/,
      /text_config\.hidden_act: expected one of quick_gelu, gelu, gelu_new, gelu_pytorch_tanh, relu \(got "swish"\)/,
      /text_config\.num_hidden_layers: expected a positive integer \(got 2\.5\)/,
    );
  });

  it('requires hidden_size divisible by the heads and image_size by the patch', () => {
    assertConfigError(() => readClipConfig(withText({ num_attention_heads: 5 }), 'c.json'), /text_config\.num_attention_heads: hidden_size 64 is not divisible by num_attention_heads 5/);
    assertConfigError(() => readClipConfig(withVision({ patch_size: 30 }), 'c.json'), /vision_config\.patch_size: image_size 224 is not divisible by patch_size 30/);
  });

  it('requires the special token ids inside the vocabulary', () => {
    assertConfigError(() => readClipConfig(withText({ eos_token_id: 1514 }), 'c.json'), /eos_token_id 1514 must be below vocab_size 1514/);
  });

  it('names the legacy dict when the bad value is there', () => {
    assertConfigError(() => readClipConfig({ ...base, vision_config_dict: { image_size: -1 } }, 'c.json'), /vision_config_dict\.image_size: expected a positive integer \(got -1\)/);
  });

  it('refuses non-CLIP configs and non-objects', () => {
    assertConfigError(() => readClipConfig({ ...base, model_type: 'siglip' }, 'c.json'), /model_type: expected "clip"/, /got "siglip"/);
    assertConfigError(() => readClipConfig([1], 'c.json'), /expected a JSON object/);
    assertConfigError(() => readClipConfig({ ...base, text_config: 'small' }, 'c.json'), /text_config/);
  });
});

describe('config file loaders', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  before(async () => {
    temp = await makeTempDir();
  });
  after(async () => {
    await temp.remove();
  });

  it('load the fixture files', async () => {
    assert.equal((await loadClipConfigFile(fixturePath('clip-tiny-p16'))).text.eosTokenId, 2013);
    assert.equal((await loadPreprocessorConfigFile(fixturePath('clip-tiny-p16'))).cropWidth, 64);
  });

  it('name the missing file and the expected layout', async () => {
    await assert.rejects(loadClipConfigFile(temp.dir), (error: unknown) => {
      assert.ok(error instanceof ModelLoadError);
      assert.match(error.message, /config\.json not found in model directory/);
      assert.match(error.message, /Hugging Face CLIP model directory holds config\.json, preprocessor_config\.json/);
      assert.equal(error.path, path.join(temp.dir, 'config.json'));
      return true;
    });
    await assert.rejects(loadPreprocessorConfigFile(temp.dir), (error: unknown) => error instanceof ModelLoadError && /preprocessor_config\.json not found/.test(error.message));
  });

  it('report a file that is not JSON, or not a valid config, as a ConfigError with its path', async () => {
    await writeFile(path.join(temp.dir, 'config.json'), '{"projection_dim": 32,');
    await assert.rejects(loadClipConfigFile(temp.dir), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /config\.json is not valid JSON/);
      return true;
    });
    await writeFile(path.join(temp.dir, 'preprocessor_config.json'), '{"resample": 0}');
    await assert.rejects(loadPreprocessorConfigFile(temp.dir), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.path, path.join(temp.dir, 'preprocessor_config.json'));
      assert.match(error.message, /resample 0 \(nearest\) is not supported; allowed: 3 \(bicubic\)/);
      return true;
    });
  });
});
