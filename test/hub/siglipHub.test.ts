import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { embedPromptTexts } from '../../src/embed/embedPromptTexts.js';
import { createTfjsEngine } from '../../src/engines/tfjs/TfjsEngine.js';
import { loadModel, loadModelTokenizer } from '../../src/families/loadModel.js';
import { filesForEngine } from '../../src/hub/filesForEngine.js';
import { resolveModelRef } from '../../src/hub/resolveModelRef.js';
import { maxAbsDiff, readGoldenEmbeddings } from '../helpers/goldens.js';
import { fixturePath } from '../helpers/paths.js';
import { listTree, setUpHub, siglip2Repo, siglipRepo, type HubTest } from './hubTestSetup.js';

const tfjsFiles = (files: readonly string[]) => filesForEngine('tfjs', 'fp32', files);

describe('SigLIP repositories from the local fake hub', () => {
  let t: HubTest;
  beforeEach(async () => (t = await setUpHub()));
  afterEach(async () => t.dispose());

  const cases = [
    { repo: siglipRepo, fixture: 'siglip-tiny', tokenizer: 'spiece.model' },
    { repo: siglip2Repo, fixture: 'siglip2-tiny', tokenizer: 'tokenizer.json' },
  ] as const;

  for (const { repo, fixture, tokenizer } of cases) {
    it(`${repo}: fetches config, preprocessing, ${tokenizer} and the weights only; the model loads and embeds like the fixture`, async () => {
      const resolved = await resolveModelRef(repo, { files: tfjsFiles, env: t.env, fetch: t.fetch });
      const expected = ['config.json', 'model.safetensors', 'preprocessor_config.json', tokenizer, 'tokenizer_config.json'].sort();
      assert.deepEqual([...resolved.downloaded].sort(), expected);
      assert.deepEqual(await listTree(resolved.dir), expected);
      for (const file of expected) assert.deepEqual(await readFile(path.join(resolved.dir, file)), await readFile(fixturePath(fixture, file)), file);
      for (const url of t.fetched) assert.equal(new URL(url).hostname, '127.0.0.1', url);

      const model = await loadModel(resolved.dir);
      assert.equal(model.config.family, 'siglip');
      const engine = await createTfjsEngine(model, { device: 'cpu' });
      try {
        const golden = readGoldenEmbeddings(fixture);
        const texts = await embedPromptTexts(engine, await loadModelTokenizer(model), golden.texts);
        assert.ok(maxAbsDiff(texts.data, golden.text_embeds.flat()) <= 1e-4);
      } finally {
        engine.dispose();
      }

      const again = await resolveModelRef(repo, { files: tfjsFiles, env: { ...t.env, HF_HUB_OFFLINE: '1' }, fetch: t.fetch });
      assert.equal(again.dir, resolved.dir);
    });
  }
});
