import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createTfjsEngine } from '../../../src/engines/tfjs/TfjsEngine.js';
import { loadModel, loadModelTokenizer } from '../../../src/families/loadModel.js';
import { readSiglipConfig } from '../../../src/families/siglip/siglipConfig.js';
import {
  siglipArchitectures,
  siglipConfigJson,
  writeSiglipCheckpoint,
  type SiglipArchitecture,
} from '../../../src/families/siglip/writeSiglipCheckpoint.js';
import { runCli } from '../../helpers/runCli.js';

/** siglip2-b-16's layout shrunk to seconds of work (the full one is 1.5 GB of float32). */
function shrunk(name: 'siglip-b-16' | 'siglip2-b-16', vocabSize: number): SiglipArchitecture {
  const full = siglipArchitectures[name]!;
  const small = { hiddenSize: 32, intermediateSize: 64, numAttentionHeads: 2, numHiddenLayers: 1 };
  return {
    tokenizer: full.tokenizer,
    config: {
      ...full.config,
      projectionDim: 32,
      text: { ...full.config.text, ...small, vocabSize, projectionSize: 32 },
      vision: { ...full.config.vision, ...small, imageSize: 32 },
    },
  };
}

describe('SigLIP random-weight checkpoints', () => {
  it("know Google's base architectures (sizes from their config.json files)", () => {
    const b16 = siglipArchitectures['siglip-b-16']!.config;
    assert.deepEqual([b16.vision.hiddenSize, b16.vision.patchSize, b16.text.vocabSize, b16.text.maxPositionEmbeddings], [768, 16, 32000, 64]);
    assert.equal(siglipArchitectures['siglip2-b-16']!.config.text.vocabSize, 256000);
  });

  it('config.json round-trips through readSiglipConfig', () => {
    for (const { config } of Object.values(siglipArchitectures)) assert.deepEqual(readSiglipConfig(siglipConfigJson(config), 'c.json'), config);
  });

  for (const [name, tokenizerFile] of [['siglip-b-16', 'spiece.model'], ['siglip2-b-16', 'tokenizer.json']] as const) {
    it(`${name} (shrunk): loads back, tokenizes with its stand-in ${tokenizerFile} and embeds`, async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-siglip-ckpt-'));
      const architecture = shrunk(name, 600);
      const files = await writeSiglipCheckpoint(out, architecture, 3);
      assert.ok(files.includes(tokenizerFile) && files.includes('model.safetensors'));
      const model = await loadModel(out);
      assert.deepEqual(model.config, architecture.config);
      assert.equal(model.weights.get('logit_bias')?.data[0], -10);
      const ids = (await loadModelTokenizer(model)).tokenize(['a photo of a dog'], 64);
      const engine = await createTfjsEngine(model, { device: 'cpu' });
      try {
        const [texts, images] = [await engine.embedTexts(ids, 1), await engine.embedImages(new Float32Array(3 * 32 * 32).fill(0.1), 1)];
        assert.deepEqual([texts.dim, images.dim], [32, 32]);
        assert.ok(texts.data.every(Number.isFinite) && images.data.every(Number.isFinite));
      } finally {
        engine.dispose();
      }
    });
  }

  it('stroop init lists the SigLIP architectures and refuses a non-empty --out', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-init-siglip-'));
    fs.writeFileSync(path.join(out, 'keep.txt'), 'x');
    const busy = await runCli(['init', '--config', 'siglip2-b-16', '--out', out]);
    assert.equal(busy.code, 2);
    assert.match(busy.stderr, /not empty/);
    const unknown = await runCli(['init', '--config', 'siglip-z', '--out', path.join(out, 'new')]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /siglip-b-16/);
    assert.match(unknown.stderr, /siglip2-b-16/);
  });
});
