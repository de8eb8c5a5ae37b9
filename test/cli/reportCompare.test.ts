import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { nearTieLead } from '../../src/metrics/runComparison.js';
import type { SummaryComparison } from '../../src/reports/compare/compareSummaries.js';
import { runCli } from '../helpers/runCli.js';
import { forceFlips, makeHostileRun, type HostileRun } from '../reports/hostileRun.js';

const read = (file: string) => fs.readFileSync(file, 'utf8');
const readJson = (file: string) => JSON.parse(read(file)) as Record<string, unknown>;
const reportFiles = ['summary.json', 'summary.csv', 'samples.csv', 'summary.md', 'junit.xml', 'report.html'];

function copyRun(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

/** Writes a summary.json with one field changed, in a directory of its own (no result log). */
function editedSummary(dir: string, name: string, edit: (s: Record<string, unknown>) => void): string {
  const summary = readJson(path.join(dir, 'summary.json'));
  edit(summary);
  const out = path.join(path.dirname(dir), name);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary));
  return path.join(out, 'summary.json');
}

// One run serves every test: its gates are re-judged in place; report and compare work on copies.
let run: HostileRun;
before(async () => {
  run = await makeHostileRun('gates', ['--min-attacked-acc', '1']);
});

describe('stroop run gates', () => {

  it('exits 1 when a flag gate is breached, naming the gate and its numbers, with all reports written', () => {
    assert.equal(run.run.code, 1, run.run.stderr);
    assert.match(run.run.stderr, /stroop: gate breached: tiny \/ sticker: minAttackedAcc failed: attacked top-1 \d+\.\d% \[95% CI [\d.]+%, [\d.]+%\] \(n=12\), allowed >= 100\.0%/);
    assert.match(run.run.stdout, /gates: 0 passed, 1 failed/);
    for (const file of reportFiles) assert.ok(fs.statSync(path.join(run.runDir, file)).size > 0, file);
    const summary = readJson(path.join(run.runDir, 'summary.json'));
    assert.deepEqual(summary['thresholds'], { minAttackedAcc: 1, perAttack: {} });
    assert.equal((summary['gates'] as unknown[]).length, 1);
  });

  it('re-judges without re-running: a suite with thresholds, or other flags, keep the plan hash, so the run resumes', async () => {
    // The suite's own thresholds (a per-attack gate), then a flag overriding it.
    fs.appendFileSync(run.suiteFile, 'thresholds:\n  maxDrop: 0.5\n  perAttack:\n    sticker:\n      minAttackedAcc: 0.99\n');
    const fromSuite = await runCli(['run', run.suiteFile, '--out', run.runDir], { env: run.env });
    assert.equal(fromSuite.code, 1, fromSuite.stderr);
    assert.match(fromSuite.stdout, /0 rows written, 26 already done/);
    assert.match(fromSuite.stderr, /minAttackedAcc failed: .* allowed >= 99\.0%/);
    assert.deepEqual((readJson(path.join(run.runDir, 'run.json'))['plan'] as Record<string, unknown>)['thresholds'], { maxDrop: 0.5, perAttack: { sticker: { minAttackedAcc: 0.99 } } });
    const overridden = await runCli(['run', run.suiteFile, '--out', run.runDir, '--min-attacked-acc', '0'], { env: run.env });
    assert.equal(overridden.code, 0, overridden.stderr);
    assert.match(overridden.stdout, /gates: 2 passed, 0 failed/);
  });

  it('exits 2 for a gate flag outside [0, 1]', async () => {
    const bad = await runCli(['run', run.suiteFile, '--out', run.runDir, '--max-drop', '10']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--max-drop must be a fraction in \[0, 1\] \(0\.1 = 10%\), got 10/);
  });
});

describe('stroop report', () => {
  it('rewrites every report of a run directory and exits 2 for a directory with no run or no results', async () => {
    const copy = copyRun(run.runDir, path.join(run.dir, 'report'));
    for (const file of reportFiles) fs.rmSync(path.join(copy, file));
    const report = await runCli(['report', copy, '--max-drop', '1'], { env: run.env });
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stdout, /gates: 2 passed, 0 failed/, 'the plan keeps the last run\'s minAttackedAcc; --max-drop replaces its maxDrop');
    for (const file of reportFiles) assert.ok(fs.existsSync(path.join(copy, file)), file);
    assert.match(read(path.join(copy, 'summary.md')), /2 error rows\*\* \(load 2\)/, 'error rows are counted');

    const empty = path.join(run.dir, 'empty');
    fs.mkdirSync(empty);
    const [noRun, missing] = await Promise.all([runCli(['report', empty]), runCli(['report', path.join(run.dir, 'nope')])]);
    assert.equal(noRun.code, 2);
    assert.match(noRun.stderr, /is not a stroop run directory: it has no run\.json/);
    fs.copyFileSync(path.join(run.runDir, 'run.json'), path.join(empty, 'run.json'));
    fs.writeFileSync(path.join(empty, 'results.jsonl'), '');
    const noResults = await runCli(['report', empty]);
    assert.equal(noResults.code, 2);
    assert.match(noResults.stderr, /has no results: results\.jsonl is missing or empty/);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope is not a directory/);
  });
});

describe('stroop compare', () => {
  let baseline: string;
  let candidate: string;
  let dir: string;
  before(async () => {
    dir = run.dir;
    // Baseline: every attacked row right. Candidate: the same run with every attacked row taken by the text.
    baseline = copyRun(run.runDir, path.join(dir, 'baseline'));
    candidate = copyRun(run.runDir, path.join(dir, 'candidate'));
    forceFlips(path.join(baseline, 'results.jsonl'), () => false);
    assert.equal(forceFlips(path.join(candidate, 'results.jsonl'), () => true), 12);
    const reports = await Promise.all([baseline, candidate].map((d) => runCli(['report', d], { env: run.env })));
    assert.deepEqual(reports.map((r) => r.code), [0, 1], "the candidate's 100-point drop breaches the maxDrop 0.5 kept in run.json");
  });

  it('a run compared with itself: paired, p = 1 everywhere, exit 0', async () => {
    const same = await runCli(['compare', path.join(baseline, 'summary.json'), baseline]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /Paired over samples scored in both runs; McNemar exact p-values, alpha 0\.05/);
    assert.match(same.stdout, /No significant regression\./);
    assert.equal((same.stdout.match(/p=1\.000/g) ?? []).length, 2, 'clean and sticker');
    assert.equal((same.stdout.match(/same top-1 100\.0% \(12\/12\)/g) ?? []).length, 2, 'every prediction agrees with itself');
  });

  it('a significant attacked-accuracy regression: McNemar p from the paired logs, exit 1', async () => {
    const result = await runCli(['compare', baseline, candidate, '--json']);
    assert.equal(result.code, 1, result.stderr);
    const comparison = JSON.parse(result.stdout) as SummaryComparison;
    assert.equal(comparison.paired, true);
    assert.deepEqual(comparison.regressions.map((r) => [r.model, r.attack]), [['tiny', 'sticker']]);
    const sticker = comparison.regressions[0]?.attackedAcc1;
    // 12 discordant pairs, all one way: exact two-sided p = 2 * 0.5^12.
    assert.equal(sticker?.pairs, 12);
    assert.ok(Math.abs((sticker?.pValue ?? 1) - 2 * 0.5 ** 12) < 1e-12, String(sticker?.pValue));
    assert.equal(sticker?.change, -1);
    const clean = comparison.rows.find((r) => r.attack === 'clean');
    assert.deepEqual([clean?.cleanAcc1.pValue, clean?.cleanAcc1.regression], [1, false]);
    // Every pair disagrees; the near ties among them are the baseline rows whose top-1 led by a logit gap under nearTieLead.
    const baselineRows = fs.readFileSync(path.join(baseline, 'results.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { kind: string; attackId: string; attacked?: { probability: number }[] });
    const nearTies = baselineRows.filter((r) => r.kind === 'scored' && r.attackId === 'sticker' && Math.log((r.attacked?.[0]?.probability ?? 0) / (r.attacked?.[1]?.probability ?? 1)) < nearTieLead).length;
    assert.equal(sticker?.nearTieDisagreements, nearTies);
    const text = await runCli(['compare', baseline, candidate]);
    assert.match(text.stdout, new RegExp(`attacked top-1 {2}100\\.0% .* -> 0\\.0% .* −100\\.0 pts p=4\\.9e-4 \\(12 pairs\\), same top-1 0\\.0% \\(0/12; ${nearTies} of the 12 others near ties\\) {2}REGRESSION`));
  });

  it('--pair compares a model with one of another id, and names the ids a run has when one is missing (exit 2)', async () => {
    const paired = await runCli(['compare', baseline, candidate, '--pair', 'tiny=tiny', '--json']);
    assert.equal(paired.code, 1, paired.stderr);
    assert.deepEqual((JSON.parse(paired.stdout) as SummaryComparison).regressions.map((r) => [r.model, r.attack]), [['tiny', 'sticker']]);
    const missing = await runCli(['compare', baseline, candidate, '--pair', 'tiny=q8']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--pair: the candidate .*summary\.json has no model 'q8'; its models are 'tiny'/);
  });

  it('without result logs: says p-values are unavailable and compares Wilson intervals', async () => {
    const lone = editedSummary(candidate, 'lone', () => {});
    const result = await runCli(['compare', baseline, lone]);
    assert.match(result.stdout, /p-values unavailable: a results\.jsonl is missing/);
    assert.equal(result.code, 1, '100% (n=12) vs 0% (n=12): the intervals are far apart');
    assert.ok(!/p=/.test(result.stdout));
  });

  it('says what differs: other model files are the point (info), other classes are meaningless without --force (exit 2)', async () => {
    const files = editedSummary(candidate, 'files', (s) => {
      const models = s['models'] as Record<string, { files: { sha256: string }[] }>;
      for (const f of models['tiny']?.files ?? []) f.sha256 = '0'.repeat(64);
    });
    const classes = editedSummary(candidate, 'classes', (s) => {
      (s['classes'] as Record<string, string[]>)['h'] = ['a', 'b', 'c'];
    });
    const [withFiles, refused, forced] = await Promise.all([
      runCli(['compare', baseline, files]),
      runCli(['compare', baseline, classes]),
      runCli(['compare', baseline, classes, '--force']),
    ]);
    assert.equal(withFiles.code, 1);
    assert.match(withFiles.stdout, /info +model 'tiny': files differ .* - what a comparison is for/);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /would not mean much: dataset 'h': class lists differ \(3 vs 3; added a, b, c; removed .*\).* Pass --force/);
    assert.equal(forced.code, 1, forced.stderr);
    assert.match(forced.stdout, /meaningless +dataset 'h': class lists differ/);
  });

  it('exits 2 on bad input: a missing file, a run without results, a bad --alpha', async () => {
    const emptyLog = copyRun(candidate, path.join(dir, 'emptylog'));
    fs.writeFileSync(path.join(emptyLog, 'results.jsonl'), '');
    const cases: [string[], RegExp][] = [
      [['compare', path.join(dir, 'nope.json'), candidate], /The baseline .*nope\.json does not exist/],
      [['compare', baseline, emptyLog], /has no results: results\.jsonl is empty/],
      [['compare', baseline, candidate, '--alpha', '1.5'], /--alpha must lie in \(0, 1\)/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    cases.forEach(([args, message], i) => {
      assert.equal(results[i]?.code, 2, `${args.join(' ')}: ${results[i]?.stderr}`);
      assert.match(results[i]?.stderr ?? '', message);
    });
  });
});
