import { evaluateGates } from '../../src/gates/gates.js';
import { summarizeOutcomes } from '../../src/metrics/runMetrics.js';
import type { Outcome } from '../../src/results/outcome.js';
import type { RunSummary } from '../../src/reports/runSummary.js';
import type { SuiteThresholds } from '../../src/suite/suite.js';

/** Labels that try to break out of HTML, XML, Markdown tables and attributes. */
export const hostileLabels = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "a|b`c`*d*\n# e & 'f' @g"] as const;

/** A run summary around hand-built outcomes, with made-up provenance (nothing here comes from a real run). */
export function summaryOf(outcomes: readonly Outcome[], thresholds?: SuiteThresholds, perClass = false): RunSummary {
  const metrics = summarizeOutcomes(outcomes);
  return {
    summaryVersion: 1,
    stroopVersion: '9.9.9',
    gitCommit: '0123456789abcdef0123456789abcdef01234567',
    suite: 'hostile',
    protocol: { name: 'zero-shot', description: 'the protocol <b>of</b> the fixture' },
    planHash: 'f'.repeat(64),
    shard: { index: 1, count: 1 },
    generatedAt: '2025-01-02T03:04:05.000Z',
    models: Object.fromEntries(
      Object.keys(metrics.models).map((id) => [
        id,
        { id, ref: `/models/${id}`, dir: `/models/${id}`, files: [{ file: 'model.safetensors', bytes: 10, sha256: 'abcdef0123456789'.repeat(4) }], engine: 'onnx', backend: 'cpu', dtype: 'fp32', logitScale: 100, preprocessor: {} },
      ]),
    ),
    datasets: [{ id: 'd', spec: { root: '/data' }, classes: 'labels' }],
    classes: { d: [] },
    prompts: ['a photo of a {}.'],
    attacks: [...new Set(outcomes.map((o) => o.attackId).filter((a) => a !== 'clean'))].map((id) => ({ id, n: 1, seed: 7, source: `/presets/${id}.json` })),
    renderer: { canvas: 'x' },
    decoders: null,
    host: { platform: 'linux', arch: 'x64', node: 'v20', cpus: 2 },
    thresholds: thresholds ?? null,
    gates: evaluateGates(metrics, thresholds, { perClass }),
    metrics,
    typeComparison: null,
  };
}
