import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors/errors.js';
import { parseModelRef } from '../../src/hub/modelRef.js';

const noDirs = () => false;

describe('parseModelRef', () => {
  it('hub ids, with and without a revision', () => {
    assert.deepEqual(parseModelRef('openai/clip-vit-base-patch32', noDirs), { kind: 'hub', id: 'openai/clip-vit-base-patch32', revision: 'main', explicitRevision: false });
    assert.deepEqual(parseModelRef('laion/CLIP-ViT-B-32-laion2B-s34B-b79K@v1.0', noDirs), { kind: 'hub', id: 'laion/CLIP-ViT-B-32-laion2B-s34B-b79K', revision: 'v1.0', explicitRevision: true });
    assert.equal((parseModelRef('Xenova/clip-vit-base-patch32@refs/pr/3', noDirs) as { revision: string }).revision, 'refs/pr/3');
  });

  it('paths are local: leading . / ~, or an existing directory', () => {
    assert.deepEqual(parseModelRef('./models/x', noDirs), { kind: 'local', dir: './models/x' });
    assert.deepEqual(parseModelRef('/abs/dir', noDirs), { kind: 'local', dir: '/abs/dir' });
    assert.deepEqual(parseModelRef('~/m', noDirs), { kind: 'local', dir: path.join(os.homedir(), 'm') });
    assert.deepEqual(parseModelRef('models/clip', (p) => p === 'models/clip'), { kind: 'local', dir: 'models/clip' });
    assert.equal(parseModelRef('models/clip', noDirs).kind, 'hub');
  });

  for (const bad of ['', 'clip', 'a/b/c', 'a b/c', 'a/b@', 'a/b@x y', 'a/b@../x', 'a/b@/x', 'a--b/c', 'a/b.git', '-a/b', 'a/b-', `a/${'x'.repeat(100)}`]) {
    it(`refuses ${JSON.stringify(bad)} with the allowed forms`, () => {
      assert.throws(() => parseModelRef(bad, noDirs), (e: unknown) => e instanceof UsageError && e.option === '--model' && /org\/name\[@revision\]/.test(e.message));
    });
  }
});
