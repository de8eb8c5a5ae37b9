import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runFuzzTarget } from './runFuzzTarget.js';

/** safetensors files with mutated headers (the length field re-synced in half the cases) through readSafetensors. (See runFuzzTarget for the rules, the regression files and the environment variables.) */
describe('fuzz: safetensors files', () => {
  for (const target of ['safetensors']) {
    it(`${target}: every mutated input gives a result or a StroopError, in time and memory`, async (t) => {
      const report = await runFuzzTarget(target);
      t.diagnostic(report.summary);
      assert.equal(report.problems.length, 0, report.problems.join('\n\n'));
    });
  }
});
