import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

describe('the class set of a run', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-classes-'));
  const env = { STROOP_CACHE_DIR: path.join(dir, 'cache'), CI: 'true' };
  const smoke = path.join(repoRoot, 'attacks', 'suites', 'smoke.yaml');

  it('does not shrink with --max-samples: a capped run classifies over every label of the dataset', async () => {
    const out = path.join(dir, 'capped');
    const r = await runCli(['run', smoke, '--out', out, '--max-samples', '2'], { env });
    assert.equal(r.code, 0, r.stderr);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8')) as { classes: Record<string, string[]> };
    // datasets/tiny: 5 classes; its first 2 test samples are of fewer.
    assert.deepEqual(manifest.classes['tiny'], ['blue square', 'green triangle', 'purple heart', 'red circle', 'yellow star']);
  });

  it('refuses to resume a directory whose rows were scored over another class list, naming both sizes', async () => {
    const out = path.join(dir, 'changed');
    assert.equal((await runCli(['run', smoke, '--out', out, '--max-samples', '2'], { env })).code, 0);
    const file = path.join(out, 'run.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { classes: Record<string, string[]> };
    manifest.classes['tiny'] = ['blue square', 'red circle'];
    fs.writeFileSync(file, JSON.stringify(manifest));
    const again = await runCli(['run', smoke, '--out', out, '--max-samples', '2'], { env });
    assert.equal(again.code, 3, again.stderr);
    assert.match(again.stderr, /holds rows of dataset 'tiny' scored over 2 classes, but its classes are now 5/);
  });
});
