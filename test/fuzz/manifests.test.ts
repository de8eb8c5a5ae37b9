import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runFuzzTarget } from './runFuzzTarget.js';

/** CSV and JSON Lines manifests, mutated, through ManifestParser whole and in 7-character pieces (the same rows or error either way). (See runFuzzTarget for the rules, the regression files and the environment variables.) */
describe('fuzz: dataset manifests', () => {
  for (const target of ['csv', 'jsonl']) {
    it(`${target}: every mutated input gives a result or a StroopError, in time and memory`, async (t) => {
      const report = await runFuzzTarget(target);
      t.diagnostic(report.summary);
      assert.equal(report.problems.length, 0, report.problems.join('\n\n'));
    });
  }
});
