import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/errors/errors.js';
import { compareRuns } from '../../src/metrics/runComparison.js';
import { compareSummaries } from '../../src/reports/compare/compareSummaries.js';
import { findSummaryDifferences } from '../../src/reports/compare/findSummaryDifferences.js';
import { loadComparedRun } from '../../src/reports/compare/loadComparedRun.js';
import type { Outcome } from '../../src/results/outcome.js';
import type { RunSummary } from '../../src/reports/runSummary.js';
import { scored } from '../metrics/outcomeBuilders.js';
import { summaryOf } from './summaryFixture.js';

/** n samples of class 0, clean right; the first `wrong` attacked rows predicted class 1. */
function log(n: number, wrong: number): Outcome[] {
  return Array.from({ length: n }, (_, i): Outcome[] => [
    scored({ sampleId: `s${i}`, trueIndex: 0, clean: [0, 1] }),
    scored({ sampleId: `s${i}`, trueIndex: 0, clean: [0, 1], attacked: i < wrong ? [1, 0] : [0, 1], attackId: 'a' }),
  ]).flat();
}

function compare(before: Outcome[], after: Outcome[], paired: boolean, alpha = 0.05) {
  return compareSummaries({
    baseline: { name: 'b', summary: summaryOf(before) },
    candidate: { name: 'c', summary: summaryOf(after) },
    paired: paired ? compareRuns(before, after) : null,
    alpha,
    differences: [],
  });
}

const tmpFile = (name: string, text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-cmp-')), name);
  fs.writeFileSync(file, text);
  return file;
};

describe('compareSummaries', () => {
  it('paired: a drop is a regression only when McNemar p < alpha', () => {
    // 6 discordant pairs one way: p = 2 * 0.5^6 = 0.03125; 5: p = 0.0625.
    const six = compare(log(20, 0), log(20, 6), true);
    const row = six.rows.find((r) => r.attack === 'a');
    assert.ok(Math.abs((row?.attackedAcc1?.pValue ?? 1) - 2 * 0.5 ** 6) < 1e-12, String(row?.attackedAcc1?.pValue));
    assert.equal(row?.attackedAcc1?.pairs, 20);
    assert.ok(Math.abs((row?.attackedAcc1?.change ?? 0) + 0.3) < 1e-12);
    assert.deepEqual(six.regressions.map((r) => r.attack), ['a']);
    assert.deepEqual(compare(log(20, 0), log(20, 5), true).regressions, []);
    assert.deepEqual(compare(log(20, 0), log(20, 6), true, 0.01).regressions, []);
    assert.deepEqual(compare(log(20, 6), log(20, 0), true).regressions, [], 'an improvement is never a regression');
  });

  it('unpaired: a regression only when the Wilson intervals are apart', () => {
    const far = compare(log(20, 0), log(20, 15), false);
    assert.equal(far.paired, false);
    assert.equal(far.rows.find((r) => r.attack === 'a')?.attackedAcc1?.pValue, null);
    assert.deepEqual(far.regressions.map((r) => r.attack), ['a'], '100% [83.9, 100] vs 25% [11.2, 46.9]');
    assert.deepEqual(compare(log(20, 0), log(20, 6), false).regressions, [], '100% [83.9, 100] vs 70% [48.1, 85.5]: the intervals overlap');
  });
});

describe('findSummaryDifferences', () => {
  const base = summaryOf(log(4, 1));
  type Loose = Record<string, unknown> & { models: Record<string, Record<string, unknown> & { files: { sha256: string }[] }> };
  const edit = (change: (s: Loose) => void): RunSummary => {
    const copy = structuredClone(base) as unknown as Loose;
    change(copy);
    return copy as unknown as RunSummary;
  };
  const severities = (s: RunSummary) => findSummaryDifferences(base, s).map((d) => [d.field, d.severity]);

  it('finds nothing between a summary and itself', () => {
    assert.deepEqual(findSummaryDifferences(base, base), []);
  });

  it('rates each difference: model files info, runtime and renderer warnings, version, classes, prompts and attack recipes meaningless, no common model incomparable', () => {
    assert.deepEqual(severities(edit((s) => void (s.models['m']!.files[0]!.sha256 = '1'.repeat(64)))), [['models', 'info']]);
    assert.deepEqual(severities(edit((s) => void (s.models['m']!['backend'] = 'cuda'))), [['models', 'warning']]);
    assert.deepEqual(severities(edit((s) => void (s['renderer'] = { canvas: 'y' }))), [['renderer', 'warning']]);
    assert.deepEqual(severities(edit((s) => void (s['stroopVersion'] = '1.0.0'))), [['stroopVersion', 'meaningless']]);
    assert.deepEqual(severities(edit((s) => void (s['classes'] = { d: ['cat', 'dog'] }))), [['classes', 'meaningless']]);
    assert.deepEqual(severities(edit((s) => void (s['prompts'] = ['a {}']))), [['prompts', 'meaningless']]);
    assert.deepEqual(severities(edit((s) => void (s['attacks'] = [{ id: 'a', n: 1, seed: 8, source: '/presets/a.json' }]))), [['attacks', 'meaningless']]);
    assert.deepEqual(severities(edit((s) => void (s['models'] = { other: s.models['m']! }))), [['models', 'incomparable']]);
  });

  it('says what differs in words', () => {
    const [d] = findSummaryDifferences(base, edit((s) => void (s['stroopVersion'] = '1.0.0')));
    assert.equal(d?.message, 'stroop 9.9.9 vs 1.0.0: attack rendering and metrics may differ between versions; re-run the baseline with one version.');
  });
});

describe('loadComparedRun', () => {
  const usage = (file: string, message: RegExp) => assert.throws(() => loadComparedRun(file, 'candidate'), (e: unknown) => e instanceof UsageError && message.test(e.message));

  it('refuses invalid JSON, a foreign file, another summary version and a run without rows, naming the file', () => {
    usage(tmpFile('bad.json', '{"summaryVersion": 1,'), /The candidate .*bad\.json is not valid JSON/);
    usage(tmpFile('foreign.json', JSON.stringify({ summaryVersion: 1, name: 'x' })), /foreign\.json is not a stroop summary\.json: stroopVersion: /);
    const summary = summaryOf(log(2, 0));
    usage(tmpFile('v2.json', JSON.stringify({ ...summary, summaryVersion: 2 })), /has summaryVersion 2 \/ metricsVersion 2 \(stroop 9\.9\.9\); this stroop reads version 1 \/ 2/);
    usage(tmpFile('empty.json', JSON.stringify({ ...summary, metrics: { ...summary.metrics, counts: { ...summary.metrics.counts, total: 0 } } })), /summarises a run with no results \(0 rows\)/);
    usage(path.join(os.tmpdir(), 'no-such-stroop-summary.json'), /does not exist/);
  });

  it('reads a summary, or a directory holding one, and finds its result log', () => {
    const file = tmpFile('summary.json', JSON.stringify(summaryOf(log(2, 0))));
    assert.equal(loadComparedRun(path.dirname(file), 'baseline').logFile, null);
    fs.writeFileSync(path.join(path.dirname(file), 'results.jsonl'), log(2, 0).map((o) => `${JSON.stringify(o)}\n`).join(''));
    const loaded = loadComparedRun(file, 'baseline');
    assert.equal(loaded.logFile, path.join(path.dirname(file), 'results.jsonl'));
    assert.equal(loaded.summary.suite, 'hostile');
  });
});
