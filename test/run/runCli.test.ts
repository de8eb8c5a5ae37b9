import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PAUSE_AFTER_ROWS_ENV } from '../../src/results/resultLog.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { cliBinary, runCli } from '../helpers/runCli.js';

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
  it('a run killed with SIGKILL at a fixed row and re-run gives the same reports as an uninterrupted run; meanwhile a second run into its directory exits 2 naming it', async () => {
    const dir = tmp('kill');
    const suite = writeSuite(dir);
    const env = { STROOP_CACHE_DIR: path.join(dir, 'cache'), CI: 'true' };
    const whole = await runCli(['run', suite, '--out', path.join(dir, 'whole')], { env });
    assert.equal(whole.code, 0, whole.stderr);
    const read = (d: string, f: string) => fs.readFileSync(path.join(dir, d, f), 'utf8');
    const totalRows = read('whole', 'results.jsonl').split('\n').length - 1;
    const pauseAt = Math.max(1, Math.floor(totalRows / 3));

    // The test hook makes the run stop after exactly pauseAt rows, fsynced, and wait to be killed: no race.
    const killedOut = path.join(dir, 'killed');
    const killedEnv = { STROOP_CACHE_DIR: path.join(dir, 'cache-killed'), CI: 'true' };
    const child = spawn(process.execPath, [cliBinary, 'run', suite, '--out', killedOut], { env: { ...process.env, ...killedEnv, [PAUSE_AFTER_ROWS_ENV]: String(pauseAt) }, stdio: 'ignore' });
    let exited = false;
    const closed = new Promise((r) => child.on('close', () => r((exited = true))));
    const log = path.join(killedOut, 'results.jsonl');
    const rowsIn = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').length - 1 : 0);
    try {
      const deadline = Date.now() + 120_000;
      while (rowsIn() < pauseAt && !exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(exited, false, 'the paused run is still running');

      const second = await runCli(['run', suite, '--out', killedOut], { env: killedEnv });
      assert.equal(second.code, 2, second.stderr);
      assert.ok(second.stderr.includes(`pid ${child.pid}`) && second.stderr.includes(path.join(killedOut, '.stroop.lock')), second.stderr);
      assert.equal(rowsIn(), pauseAt, 'the second run wrote nothing');
    } finally {
      child.kill('SIGKILL');
      await closed;
    }
    assert.equal(rowsIn(), pauseAt, 'killed with exactly the rows before the pause');
    const resumed = await runCli(['run', suite, '--out', killedOut], { env: killedEnv });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, new RegExp(`${totalRows - pauseAt} rows written, ${pauseAt} already done`));
    assert.equal(read('killed', 'samples.csv'), read('whole', 'samples.csv'));
    const metrics = (d: string) => (JSON.parse(read(d, 'summary.json')) as { metrics: unknown }).metrics;
    assert.deepEqual(metrics('killed'), metrics('whole'));
    assert.equal(fs.existsSync(path.join(killedOut, '.stroop.lock')), false, 'the stale lock was taken over and released');
  });

  it('stroop report recovers a run directory whose rows were all appended twice, and still refuses conflicting rows', async () => {
    const dir = tmp('dup');
    const suite = writeSuite(dir);
    const out = path.join(dir, 'out');
    const env = { STROOP_CACHE_DIR: path.join(dir, 'cache'), CI: 'true' };
    assert.equal((await runCli(['run', suite, '--out', out], { env })).code, 0);
    const read = (f: string) => fs.readFileSync(path.join(out, f), 'utf8');
    const [samples, summary] = [read('samples.csv'), JSON.parse(read('summary.json')) as { metrics: unknown }];
    // What two runs writing at once left behind: every row twice, the two streams interleaved by batch.
    const lines = read('results.jsonl').trimEnd().split('\n');
    const doubled = lines.flatMap((line, i) => (i % 5 === 4 ? [line, ...lines.slice(i - 4, i + 1)] : [line])).concat(lines.slice(lines.length - (lines.length % 5)));
    fs.writeFileSync(path.join(out, 'results.jsonl'), `${doubled.join('\n')}\n`);
    assert.equal(doubled.length, 2 * lines.length);
    const report = await runCli(['report', out], { env });
    assert.equal(report.code, 0, report.stderr);
    assert.equal(read('samples.csv'), samples);
    assert.deepEqual((JSON.parse(read('summary.json')) as { metrics: unknown }).metrics, summary.metrics);

    const changed = JSON.parse(lines[0] as string) as { kind: string; message?: string };
    fs.appendFileSync(path.join(out, 'results.jsonl'), `${JSON.stringify({ ...changed, kind: 'error', stage: 'load', message: 'other' })}\n`);
    const conflicting = await runCli(['report', out], { env });
    assert.equal(conflicting.code, 3, conflicting.stderr);
    assert.match(conflicting.stderr, /Duplicate outcome/);
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
