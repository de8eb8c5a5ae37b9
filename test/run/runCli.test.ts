import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `stroop-${name}-`));

function writeSuite(dir: string): string {
  const file = path.join(dir, 'suite.yaml');
  fs.writeFileSync(
    file,
    [
      'name: killtest',
      'models:',
      `  - path: ${fixturePath('clip-tiny')}`,
      '    engine: tfjs',
      'datasets:',
      `  - root: ${path.join(repoRoot, 'datasets', 'tiny')}`,
      'attacks:',
      '  - preset: grid',
      'batch: 2',
      '',
    ].join('\n'),
  );
  return file;
}

describe('stroop run', () => {
  it('a run killed with SIGKILL and re-run gives the same reports as an uninterrupted run', async () => {
    const dir = tmp('kill');
    const suite = writeSuite(dir);
    const env = { STROOP_CACHE_DIR: path.join(dir, 'cache'), CI: 'true' };
    const whole = await runCli(['run', suite, '--out', path.join(dir, 'whole')], { env });
    assert.equal(whole.code, 0, whole.stderr);

    const killedOut = path.join(dir, 'killed');
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'src', 'cli', 'main.js'), 'run', suite, '--out', killedOut], {
      env: { ...process.env, STROOP_CACHE_DIR: path.join(dir, 'cache-killed'), CI: 'true' },
      stdio: 'ignore',
    });
    const log = path.join(killedOut, 'results.jsonl');
    const deadline = Date.now() + 60_000;
    while (!(fs.existsSync(log) && fs.statSync(log).size > 5000) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    const partialRows = fs.readFileSync(log, 'utf8').split('\n').length - 1;
    const resumed = await runCli(['run', suite, '--out', killedOut], { env: { STROOP_CACHE_DIR: path.join(dir, 'cache-killed'), CI: 'true' } });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /already done/);
    const read = (d: string, f: string) => fs.readFileSync(path.join(dir, d, f), 'utf8');
    assert.ok(partialRows > 0 && partialRows < read('whole', 'samples.csv').split('\n').length - 2, `killed mid-run (${partialRows} rows)`);
    assert.equal(read('killed', 'samples.csv'), read('whole', 'samples.csv'));
    const metrics = (d: string) => (JSON.parse(read(d, 'summary.json')) as { metrics: unknown }).metrics;
    assert.deepEqual(metrics('killed'), metrics('whole'));
  });

  it('exits 2 naming the problem for a bad --shard, a missing suite and --resume with nothing to resume', async () => {
    const dir = tmp('bad');
    const suite = writeSuite(dir);
    const cases: [string[], RegExp][] = [
      [['run', suite, '--shard', '5/4'], /--shard must be i\/n/],
      [['run', path.join(dir, 'nope.yaml')], /nope\.yaml/],
      [['run', suite, '--resume', '--out', path.join(dir, 'empty')], /no run to resume/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });
});
