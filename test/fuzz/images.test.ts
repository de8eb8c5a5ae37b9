import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runFuzzTarget } from './runFuzzTarget.js';

/** Mutated PNG (CRCs repaired in half the cases), JPEG and GIF files through decodeImage. (See runFuzzTarget for the rules, the regression files and the environment variables.) */
describe('fuzz: image decoders', () => {
  for (const target of ['png', 'jpeg', 'gif']) {
    it(`${target}: every mutated input gives a result or a StroopError, in time and memory`, async (t) => {
      const report = await runFuzzTarget(target);
      t.diagnostic(report.summary);
      assert.equal(report.problems.length, 0, report.problems.join('\n\n'));
    });
  }
});
