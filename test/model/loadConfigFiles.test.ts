import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/ConfigError.js';
import { ModelLoadError } from '../../src/errors/ModelLoadError.js';
import { loadClipConfigFile } from '../../src/model/loadClipConfigFile.js';
import { loadPreprocessorConfigFile } from '../../src/model/loadPreprocessorConfigFile.js';
import { fixturePath } from '../helpers/paths.js';
import { makeTempDir } from './safetensorsTestFiles.js';

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
