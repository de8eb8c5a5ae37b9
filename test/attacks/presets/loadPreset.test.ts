import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadPreset, resolveAttackRef } from '../../../src/attacks/presets/loadPreset.js';
import { AttackError } from '../../../src/errors/errors.js';

describe('loading presets', () => {
  const base = { name: 'p', description: 'd', source: 's', text: { strategy: 'fixed', text: 'iPod' } };

  it('lists the valid presets for an unknown name', () => {
    assert.throws(() => loadPreset('defence-prefix'), (e: unknown) => e instanceof AttackError && /Unknown preset 'defence-prefix'\. Valid presets: defense-prefix, dyslexify, grid/.test(e.message));
  });

  it('--attack takes a preset name, a preset file or a spec file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-attacks-'));
    try {
      fs.writeFileSync(path.join(dir, 'spec.json'), JSON.stringify({ text: 'iPod', fill: 'red' }));
      fs.writeFileSync(path.join(dir, 'mine.json'), JSON.stringify(base));
      fs.writeFileSync(path.join(dir, 'broken.json'), '{ not json');
      assert.equal(resolveAttackRef('grid').kind, 'preset');
      const spec = resolveAttackRef(path.join(dir, 'spec.json'));
      assert.ok(spec.kind === 'spec' && spec.spec.fill === 'red');
      assert.equal(resolveAttackRef(path.join(dir, 'mine.json')).kind, 'preset');
      assert.throws(() => resolveAttackRef(path.join(dir, 'broken.json')), (e: unknown) => e instanceof AttackError && /Cannot read attack file/.test(e.message));
      assert.throws(() => resolveAttackRef('nope'), (e: unknown) => e instanceof AttackError && /Unknown preset 'nope' and no such \.json file\. Valid presets: /.test(e.message));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
