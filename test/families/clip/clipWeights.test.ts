import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ModelLoadError } from '../../../src/errors/errors.js';
import { expectedClipWeightShapes, loadClipConfigFile, readClipConfig, type ClipConfig } from '../../../src/families/clip/clipConfig.js';
import { loadClipWeights } from '../../../src/families/clip/clipWeights.js';
import type { WeightMap, WeightTensor } from '../../../src/model/weightMap.js';
import { writeSafetensors } from '../../../src/model/writeSafetensors.js';
import { fixturePath, modelFixtures } from '../../helpers/paths.js';
import { assertWeightMapsIdentical, buildSafetensorsBytes, makeTempDir } from '../../model/safetensorsTestFiles.js';

/** Name -> shape from a safetensors header, parsed here without the code under test. */
function headerShapes(file: string): Map<string, number[]> {
  const bytes = readFileSync(file);
  const length = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + length).toString('utf8')) as Record<string, { shape: number[] }>;
  delete header['__metadata__'];
  return new Map(Object.entries(header).map(([name, entry]) => [name, entry.shape]));
}

describe('expectedClipWeightShapes', () => {
  for (const fixture of modelFixtures) {
    it(`lists exactly the tensors of ${fixture}/model.safetensors, with their shapes`, () => {
      const config = readClipConfig(JSON.parse(readFileSync(fixturePath(fixture, 'config.json'), 'utf8')), fixture);
      const expected = expectedClipWeightShapes(config);
      const actual = headerShapes(fixturePath(fixture, 'model.safetensors'));
      assert.deepEqual([...expected.keys()].sort(), [...actual.keys()].sort());
      for (const [name, shape] of expected) assert.deepEqual(shape, actual.get(name), name);
    });
  }

  it('gives ViT-B/32 its well-known shapes', () => {
    const shapes = expectedClipWeightShapes(readClipConfig({}, 'defaults'));
    assert.deepEqual(shapes.get('vision_model.embeddings.position_embedding.weight'), [50, 768]);
    assert.deepEqual(shapes.get('vision_model.embeddings.patch_embedding.weight'), [768, 3, 32, 32]);
    assert.deepEqual(shapes.get('text_model.embeddings.token_embedding.weight'), [49408, 512]);
    assert.deepEqual(shapes.get('visual_projection.weight'), [512, 768]);
    assert.deepEqual(shapes.get('text_projection.weight'), [512, 512]);
    assert.deepEqual(shapes.get('vision_model.encoder.layers.11.mlp.fc1.weight'), [3072, 768]);
    assert.deepEqual(shapes.get('logit_scale'), []);
    // 16 tensors per layer, 12 + 12 layers, 4 text + 7 vision + 3 shared others.
    assert.equal(shapes.size, 16 * 24 + 4 + 7 + 3);
    assert.equal(shapes.has('vision_model.pre_layrnorm.weight'), true);
  });
});

async function rejectsWith(promise: Promise<unknown>, ...fragments: RegExp[]): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ModelLoadError, `expected ModelLoadError, got ${String(error)}`);
    for (const fragment of fragments) assert.match(error.message, fragment);
    return true;
  });
}

let temp: { dir: string; remove: () => Promise<void> };
let counter = 0;

/** A new model directory under the temp dir holding `files` (name -> bytes or a fixture file to copy). */
async function modelDir(files: Record<string, Uint8Array | string>): Promise<string> {
  const dir = path.join(temp.dir, `model-${counter++}`);
  await mkdir(dir);
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === 'string') await copyFile(content, path.join(dir, name));
    else await writeFile(path.join(dir, name), content);
  }
  return dir;
}

before(async () => {
  temp = await makeTempDir();
});
after(async () => {
  await temp.remove();
});

describe('loadClipWeights on the fixtures', () => {
  for (const fixture of modelFixtures) {
    it(`${fixture}: model.safetensors and openai_state_dict.safetensors give identical weights`, async () => {
      const config = await loadClipConfigFile(fixturePath(fixture));
      const hf = await loadClipWeights(fixturePath(fixture), config);
      const openAiDir = await modelDir({ 'openai_state_dict.safetensors': fixturePath(fixture, 'openai_state_dict.safetensors') });
      const converted = await loadClipWeights(openAiDir, config);
      assert.equal(hf.size, fixture === 'clip-tiny' ? 78 : 110);
      assertWeightMapsIdentical(converted, hf);
    });
  }
});

describe('loadClipWeights layouts', () => {
  let config: ClipConfig;
  let reference: WeightMap;
  before(async () => {
    config = await loadClipConfigFile(fixturePath('clip-tiny'));
    reference = await loadClipWeights(fixturePath('clip-tiny'), config);
  });

  it('loads a checkpoint split into two shards plus an index identically', async () => {
    const names = [...reference.keys()];
    const halves = [names.slice(0, 40), names.slice(40)];
    const shardNames = ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'];
    const files: Record<string, Uint8Array> = {};
    const weightMap: Record<string, string> = {};
    halves.forEach((half, index) => {
      files[shardNames[index]!] = writeSafetensors(new Map(half.map((name) => [name, reference.get(name)!])));
      for (const name of half) weightMap[name] = shardNames[index]!;
    });
    const index = { metadata: { total_size: 0 }, weight_map: weightMap };
    files['model.safetensors.index.json'] = new TextEncoder().encode(JSON.stringify(index));
    const dir = await modelDir(files);
    assertWeightMapsIdentical(await loadClipWeights(dir, config), reference);

    const withoutShard = await modelDir({ 'model.safetensors.index.json': files['model.safetensors.index.json'], [shardNames[0]!]: files[shardNames[0]!]! });
    await rejectsWith(loadClipWeights(withoutShard, config), /model-00002-of-00002\.safetensors not found/);
    const escaping = { weight_map: { ...weightMap, logit_scale: '../model.safetensors' } };
    const escapingDir = await modelDir({ 'model.safetensors.index.json': new TextEncoder().encode(JSON.stringify(escaping)) });
    await rejectsWith(loadClipWeights(escapingDir, config), /weight_map\['logit_scale'\] must be a shard file name/);
  });

  for (const [dtype, third, relative] of [['F16', 0.333251953125, 2 ** -11], ['BF16', 0.333984375, 2 ** -8]] as const) {
    it(`reads an ${dtype} copy back within ${dtype} rounding`, async () => {
      const weights = new Map<string, WeightTensor>(reference);
      weights.set('logit_scale', { shape: [], data: Float32Array.of(1 / 3) });
      const dir = await modelDir({ 'model.safetensors': writeSafetensors(weights, { dtype }) });
      const loaded = await loadClipWeights(dir, config);
      assert.equal(loaded.get('logit_scale')!.data[0], third); // rounded by hand
      let worst = 0;
      for (const [name, tensor] of reference) {
        if (name === 'logit_scale') continue;
        const back = loaded.get(name)!.data;
        assert.deepEqual(loaded.get(name)!.shape, tensor.shape);
        tensor.data.forEach((value, i) => {
          const error = Math.abs(back[i]! - value);
          worst = Math.max(worst, error / Math.abs(value));
          if (!(error <= Math.max(Math.abs(value) * relative, 2 ** -25))) assert.fail(`${name}[${i}]: ${value} -> ${back[i]}`);
        });
      }
      assert.ok(worst > 0, 'the copy should actually be rounded');
    });
  }

  it('tolerates wrapper prefixes and ignores extra tensors, even of integer dtypes', async () => {
    const renamed = new Map<string, WeightTensor>();
    for (const [name, tensor] of reference) renamed.set(name.startsWith('vision_model.') ? `model.${name}` : name, tensor);
    renamed.set('text_model.embeddings.position_ids', { shape: [1, 77], data: new Float32Array(77) });
    const written = writeSafetensors(renamed, { metadata: { format: 'pt' } });
    // Append an I64 tensor nobody needs to the written file.
    const headerLength = Number(new DataView(written.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(written.subarray(8, 8 + headerLength))) as Record<string, unknown>;
    const data = written.subarray(8 + headerLength);
    header['vision_model.embeddings.position_ids'] = { dtype: 'I64', shape: [1, 50], data_offsets: [data.length, data.length + 400] };
    const withInts = new Uint8Array(data.length + 400);
    withInts.set(data);
    const dir = await modelDir({ 'model.safetensors': buildSafetensorsBytes(header, withInts) });
    assertWeightMapsIdentical(await loadClipWeights(dir, config), reference);
  });

  it('refuses a needed tensor of an integer dtype, naming tensor, dtype and allowed dtypes', async () => {
    const header = { logit_scale: { dtype: 'I32', shape: [], data_offsets: [0, 4] } };
    const dir = await modelDir({ 'model.safetensors': buildSafetensorsBytes(header, new Uint8Array(4)) });
    await rejectsWith(loadClipWeights(dir, config), /'logit_scale'/, /I32/, /allowed: F32, F16, BF16, F64/, /model\.safetensors/);
  });

  it('names tensor, file, expected and found shape for a wrong shape', async () => {
    const weights = new Map<string, WeightTensor>(reference);
    const token = reference.get('text_model.embeddings.token_embedding.weight')!;
    weights.set('text_model.embeddings.token_embedding.weight', { shape: [1513, 64], data: token.data.subarray(0, 1513 * 64) });
    const dir = await modelDir({ 'model.safetensors': writeSafetensors(weights) });
    await rejectsWith(
      loadClipWeights(dir, config),
      /Tensor 'text_model\.embeddings\.token_embedding\.weight'/,
      new RegExp(`in ${path.join(dir, 'model.safetensors').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
      /has shape \[1513, 64\], expected \[1514, 64\]/,
    );
  });

  it('names missing tensors and their shapes', async () => {
    const weights = new Map<string, WeightTensor>(reference);
    weights.delete('vision_model.pre_layrnorm.bias');
    const dir = await modelDir({ 'model.safetensors': writeSafetensors(weights) });
    await rejectsWith(loadClipWeights(dir, config), /1 tensor is missing from .*model\.safetensors: 'vision_model\.pre_layrnorm\.bias' \(expected shape \[64\]\)/);
  });
});

describe('loadClipWeights without usable weights', () => {
  let config: ClipConfig;
  before(async () => {
    config = await loadClipConfigFile(fixturePath('clip-tiny'));
  });

  it('refuses pickle-only directories and says how to convert', async () => {
    const dir = await modelDir({ 'config.json': fixturePath('clip-tiny', 'config.json'), 'pytorch_model.bin': new Uint8Array(16) });
    await rejectsWith(loadClipWeights(dir, config), /only PyTorch pickle checkpoints \(pytorch_model\.bin\)/, /safe_serialization=True/, /safetensors\.torch import save_file/);
    const openAi = await modelDir({ 'ViT-B-32.pt': new Uint8Array(16) });
    await rejectsWith(loadClipWeights(openAi, config), /ViT-B-32\.pt/, /openai_state_dict\.safetensors/);
  });

  it('says what it looked for in a directory with no weights', async () => {
    const dir = await modelDir({});
    await rejectsWith(loadClipWeights(dir, config), /No weights file/, /model\.safetensors, model\.safetensors\.index\.json/, /openai_state_dict\.safetensors/);
    await rejectsWith(loadClipWeights(path.join(dir, 'nope'), config), /does not exist/, /Hugging Face CLIP model directory/);
  });

  it('reports a truncated weights file', async () => {
    const bytes = writeSafetensors(new Map([['logit_scale', { shape: [], data: Float32Array.of(1) }]]));
    const dir = await modelDir({ 'model.safetensors': bytes.subarray(0, bytes.length - 2) });
    await rejectsWith(loadClipWeights(dir, config), /file is truncated: header says \d+ bytes, file has \d+/);
  });
});
