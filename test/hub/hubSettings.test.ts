import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors/errors.js';
import { readHubSettings } from '../../src/hub/hubSettings.js';

describe('readHubSettings', () => {
  it('cache: HF_HUB_CACHE, else $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub', async () => {
    const noToken = { HF_TOKEN_PATH: '/nonexistent/token' };
    assert.equal((await readHubSettings({ ...noToken, HF_HUB_CACHE: '/c', HF_HOME: '/h' })).cacheDir, '/c');
    assert.equal((await readHubSettings({ ...noToken, HUGGINGFACE_HUB_CACHE: '/legacy', HF_HOME: '/h' })).cacheDir, '/legacy');
    assert.equal((await readHubSettings({ ...noToken, HF_HOME: '/h', XDG_CACHE_HOME: '/x' })).cacheDir, '/h/hub');
    assert.equal((await readHubSettings({ ...noToken, XDG_CACHE_HOME: '/x' })).cacheDir, '/x/huggingface/hub');
    assert.equal((await readHubSettings(noToken)).cacheDir, path.join(os.homedir(), '.cache', 'huggingface', 'hub'));
    assert.equal((await readHubSettings({ ...noToken, HF_HUB_CACHE: '/c' }, { cacheDir: '/opt' })).cacheDir, '/opt');
  });

  it('endpoint: HF_ENDPOINT without trailing slash, default huggingface.co; a non-URL is a UsageError', async () => {
    assert.equal((await readHubSettings({ HF_HOME: '/h' })).endpoint, 'https://huggingface.co');
    assert.equal((await readHubSettings({ HF_HOME: '/h', HF_ENDPOINT: 'https://hf-mirror.com/' })).endpoint, 'https://hf-mirror.com');
    await assert.rejects(readHubSettings({ HF_HOME: '/h', HF_ENDPOINT: 'hf-mirror.com' }), UsageError);
    await assert.rejects(readHubSettings({ HF_HOME: '/h', HF_ENDPOINT: 'ftp://x' }), UsageError);
  });

  it('offline: HF_HUB_OFFLINE accepts 1/on/yes/true, and --offline wins', async () => {
    for (const v of ['1', 'ON', 'yes', 'True']) assert.equal((await readHubSettings({ HF_HOME: '/h', HF_HUB_OFFLINE: v })).offline, true, v);
    for (const v of ['0', '', 'false']) assert.equal((await readHubSettings({ HF_HOME: '/h', HF_HUB_OFFLINE: v })).offline, false, v);
    assert.equal((await readHubSettings({ HF_HOME: '/h' }, { offline: true })).offline, true);
  });

  it('token: HF_TOKEN, else the token file huggingface-cli login writes', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'stroop-hf-'));
    try {
      assert.equal((await readHubSettings({ HF_HOME: home })).token, undefined);
      await writeFile(path.join(home, 'token'), 'hf_from_file\n');
      assert.equal((await readHubSettings({ HF_HOME: home })).token, 'hf_from_file');
      assert.equal((await readHubSettings({ HF_HOME: home, HF_TOKEN: 'hf_env' })).token, 'hf_env');
      assert.equal((await readHubSettings({ HF_HOME: home, HF_TOKEN: 'hf_env' }, { token: 'hf_flag' })).token, 'hf_flag');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
