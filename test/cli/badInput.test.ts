import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveAttackRef } from '../../src/attacks/presets/loadPreset.js';
import type { AttackRef } from '../../src/attacks/presets/loadPreset.js';
import { readResultLog } from '../../src/results/resultLog.js';
import type { RunPlan } from '../../src/results/runPlan.js';
import { runSuite } from '../../src/run/runSuite.js';
import type { Outcome } from '../../src/results/outcome.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { cliBinary, runCli, type CliResult } from '../helpers/runCli.js';

// Readable by every user: one test runs the CLI as an unprivileged user.
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-bad-input-'));
fs.chmodSync(temp, 0o755);
after(() => fs.rmSync(temp, { recursive: true, force: true }));
let counter = 0;
const fresh = (name: string) => {
  const dir = path.join(temp, `${name}-${counter++}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};

const tiny = path.join(repoRoot, 'datasets', 'tiny');
/** One manifest row of each class of the tiny dataset (`path,label,split`). */
const tinyRows = fs.readFileSync(path.join(tiny, 'manifest.csv'), 'utf8').trim().split('\n').slice(1).filter((_, i) => i % 4 === 0);

/** A dataset of the first `n` of tinyRows (images copied), with its manifest; `extraRows` are appended to it. */
function dataset(n: number, extraRows: readonly string[] = []): string {
  const root = fresh('data');
  const rows = tinyRows.slice(0, n);
  for (const row of rows) {
    const image = row.split(',')[0] as string;
    fs.mkdirSync(path.dirname(path.join(root, image)), { recursive: true });
    fs.copyFileSync(path.join(tiny, image), path.join(root, image));
  }
  fs.writeFileSync(path.join(root, 'manifest.csv'), ['path,label,split', ...rows, ...extraRows, ''].join('\n'));
  return root;
}

/** A suite file over the clip-tiny fixture and `root`, with `attacks` (YAML lines). */
function suite(root: string, attacks: readonly string[], datasetLines: readonly string[] = []): string {
  const file = path.join(fresh('suite'), 'suite.yaml');
  const lines = ['name: bad-input', 'models:', `  - path: ${fixturePath('clip-tiny')}`, '    engine: onnx', 'datasets:', `  - root: ${JSON.stringify(root)}`, '    manifest: manifest.csv', ...datasetLines];
  fs.writeFileSync(file, [...lines, ...(attacks.length === 0 ? ['attacks: []'] : ['attacks:', ...attacks]), 'batch: 4', ''].join('\n'));
  return file;
}

const cacheEnv = () => ({ STROOP_CACHE_DIR: fresh('cache'), CI: 'true' });

/** 1-based line of the first line of `file` that contains `needle`. */
const lineOf = (file: string, needle: string) => fs.readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('bad attack texts are refused before a run (exit 2, file:line:column)', () => {
  it('a listed text with a tab: suite check and run both refuse it, and the run writes nothing', async () => {
    const file = suite(dataset(2), ['  - preset: defense-prefix', '    text: {strategy: list, items: ["ok", "a\\tb"]}']);
    const check = await runCli(['suite', 'check', file]);
    assert.equal(check.code, 2, check.stderr);
    assert.ok(check.stderr.includes(`${file}:${lineOf(file, 'a\\tb')}:`) && check.stderr.includes('attacks[0].text.items[1]: must not contain control characters'), check.stderr);
    const out = path.join(fresh('out'), 'run');
    const run = await runCli(['run', file, '--out', out], { env: cacheEnv() });
    assert.equal(run.code, 2, run.stderr);
    assert.ok(run.stderr.includes('attacks[0].text.items[1]'), run.stderr);
    assert.ok(!fs.existsSync(out), 'nothing ran');
  });

  it('a manifest label over 200 characters that everyWrongClass would write: suite check and run refuse it at the dataset', async () => {
    const long = 'z'.repeat(201);
    const file = suite(dataset(2, [`extra/0.png,${long},test`]), ['  - preset: defense-prefix', '    text: {strategy: everyWrongClass}']);
    const out = path.join(fresh('out'), 'run');
    for (const args of [['suite', 'check', file], ['run', file, '--out', out]]) {
      const r = await runCli(args, { env: cacheEnv() });
      assert.equal(r.code, 2, r.stderr);
      assert.ok(r.stderr.includes(`${file}:${lineOf(file, '  - root:')}:5: datasets[0].classes: class name "zzz`), r.stderr);
      assert.ok(r.stderr.includes('must be at most 200 characters'), r.stderr);
    }
    assert.ok(!fs.existsSync(out), 'nothing ran');
  });
});

describe('a bad draw fails only its own rows', () => {
  /** The defense-prefix preset with its text strategy replaced, as a preset file could give it (no suite check in between). */
  const withTexts = (items: string[]): AttackRef => {
    const ref = resolveAttackRef('defense-prefix');
    assert.ok(ref.kind === 'preset');
    return { ...ref, preset: { ...ref.preset, text: { strategy: 'list', items, pick: 'each' } } };
  };
  const planOf = (root: string, items: string[]): RunPlan => ({
    name: 'draws',
    models: [{ id: 'tiny', ref: fixturePath('clip-tiny'), engine: 'onnx', dtype: 'fp32', device: 'cpu' }],
    datasets: [{ id: 'd', spec: { root, manifest: 'manifest.csv' }, classes: 'labels' }],
    templates: ['a photo of a {}.'],
    attacks: [{ id: 'words', attack: withTexts(items), n: 2, seed: 3 }],
    batch: 4,
    topK: 3,
    shard: { index: 1, count: 1 },
  });
  const rowsOf = async (root: string, items: string[]): Promise<Outcome[]> => {
    const result = await runSuite(planOf(root, items), { outDir: fresh('out'), cacheDir: fresh('cache'), maxPixels: 1e8 });
    return [...readResultLog(result.logFile)];
  };

  it('a text with a tab errors its own rows; the clean rows and the other text are scored exactly as without it', async () => {
    const root = dataset(3);
    const rows = await rowsOf(root, ['ok', 'a\tb']);
    const reference = await rowsOf(root, ['ok', 'fine']);
    const key = (o: Outcome) => `${o.sampleId} ${o.attackId} ${o.variant}`;
    assert.equal(rows.length, 3 * (1 + 2 * 2));
    for (const o of rows) {
      const text = o.attackId === 'clean' ? 'clean' : o.variant.split('/')[1] === '0' ? 'ok' : 'bad';
      assert.equal(o.kind, text === 'bad' ? 'error' : 'scored', `${key(o)}: ${o.kind === 'error' ? o.message : ''}`);
      if (o.kind === 'error') assert.match(o.message, /invalid spec for text "a\\tb": text: must not contain control characters/);
      if (text !== 'bad') assert.deepEqual(o, reference.find((r) => key(r) === key(o)), `${key(o)} is the same row as in a run without the bad text`);
    }
  });
});

describe('exit codes for bad input', () => {
  it('a run whose rows are all errors exits 3, saying so; so does stroop report on its directory', async () => {
    const root = dataset(2);
    fs.rmSync(path.join(root, tinyRows[0]?.split(',')[0] as string));
    fs.rmSync(path.join(root, tinyRows[1]?.split(',')[0] as string));
    const out = path.join(fresh('out'), 'run');
    const r = await runCli(['run', suite(root, ['  - preset: openai-sticker']), '--out', out], { env: cacheEnv() });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /stroop: the run failed: no row was scored: 4 of its 4 rows are errors \(load 4\); the first: .*\(clean\): /);
    const report = await runCli(['report', out], { env: cacheEnv() });
    assert.equal(report.code, 3, report.stderr);
    assert.match(report.stderr, /stroop: the run failed: no row was scored: 4 of its 4 rows are errors/);
  });

  it('a NUL in a suite path: suite check and run exit 2 with file:line:column, not a raw TypeError', async () => {
    const file = suite(`${tiny}\u0000x`, []);
    for (const args of [['suite', 'check', file], ['run', file, '--out', path.join(fresh('out'), 'run')]]) {
      const r = await runCli(args, { env: cacheEnv() });
      assert.equal(r.code, 2, r.stderr);
      assert.ok(r.stderr.includes(`${file}:${lineOf(file, '  - root:')}:11: datasets[0].root: must not contain a NUL character`), r.stderr);
      assert.ok(!r.stderr.includes('TypeError') && !r.stderr.includes('ERR_INVALID_ARG'), r.stderr);
    }
  });

  it('a manifest listing one image with two labels: exit 2 naming both lines', async () => {
    const first = tinyRows[0] as string;
    const [image, , split] = first.split(',');
    const r = await runCli(['run', suite(dataset(2, [`${image},not-${first.split(',')[1]},${split}`]), []), '--out', path.join(fresh('out'), 'run')], { env: cacheEnv() });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`manifest\\.csv lines 2 and 4 both list the image '${image}', with label "[^"]+" and label "not-`));
  });

  it('an output folder that cannot be made (a file in the way): exit 2 naming it', async () => {
    const blocker = path.join(fresh('out'), 'file');
    fs.writeFileSync(blocker, 'x');
    const r = await runCli(['run', suite(dataset(1), []), '--out', path.join(blocker, 'run')], { env: cacheEnv() });
    assert.equal(r.code, 2, r.stderr);
    assert.ok(r.stderr.includes(`Cannot write the output directory ${path.join(blocker, 'run')} (ENOTDIR: not a directory); choose another --out`), r.stderr);
  });
});

/**
 * Runs the CLI as a user that file permissions apply to: this one, or (as root, whom they do not
 * bind) the unprivileged `nobody`. Undefined when neither can be done here, as when the checkout
 * sits in a folder `nobody` cannot enter (a `mktemp -d` clone is 0700).
 */
async function runUnprivileged(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult | undefined> {
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? { uid: 65534, gid: 65534 } : {};
  const canReadCli = await new Promise<boolean>((resolve) => {
    const probe = spawn(process.execPath, ['-e', 'require("node:fs").accessSync(process.argv[1], require("node:fs").constants.R_OK)', cliBinary], { cwd: temp, ...user });
    probe.on('error', () => resolve(false));
    probe.on('close', (code) => resolve(code === 0));
  });
  if (!canReadCli) return undefined;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliBinary, ...args], { cwd: temp, env: { ...process.env, ...env }, ...user });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('read-only folders', () => {
  const world = (dir: string, mode: number) => {
    fs.chmodSync(dir, mode);
    return dir;
  };

  it('a read-only output folder exits 2 naming it; a read-only cache folder runs uncached after one warning', async (t) => {
    const file = suite(dataset(2), ['  - preset: openai-sticker']);
    world(path.dirname(file), 0o755);
    const readOnly = world(fresh('read-only'), 0o555);
    const writable = world(fresh('writable'), 0o777);
    const blocked = await runUnprivileged(['run', file, '--out', path.join(readOnly, 'run')], { STROOP_CACHE_DIR: path.join(writable, 'cache') });
    if (blocked === undefined) return t.skip('cannot run the CLI as an unprivileged user here (or that user cannot read it)');
    assert.equal(blocked.code, 2, blocked.stderr);
    assert.match(blocked.stderr, new RegExp(`Cannot write the output directory ${path.join(readOnly, 'run')} \\(EACCES: permission denied\\); choose another --out`));

    const out = path.join(writable, 'run');
    const uncached = await runUnprivileged(['run', file, '--out', out], { STROOP_CACHE_DIR: readOnly });
    assert.ok(uncached !== undefined);
    assert.equal(uncached.code, 0, uncached.stderr);
    const warnings = uncached.stderr.split('\n').filter((l) => l.includes('cannot be written'));
    assert.deepEqual(warnings, [`stroop: warning: the cache directory ${readOnly} cannot be written (EACCES: permission denied); running uncached (nothing is reused or kept). Set STROOP_CACHE_DIR to a writable folder to cache.`]);
    assert.equal(fs.readFileSync(path.join(out, 'results.jsonl'), 'utf8').trim().split('\n').length, 2 * 2);
    assert.deepEqual(fs.readdirSync(readOnly), [], 'nothing was written into the read-only cache');
  });
});
