import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runFuzzTarget } from './runFuzzTarget.js';

/** A tiny vision tower and a matmul graph, mutated, opened as the onnx engine opens a model (combined-graph split, onnxruntime session, graph checks). (See runFuzzTarget for the rules, the regression files and the environment variables.) */
describe('fuzz: ONNX graphs', () => {
  for (const target of ['onnx']) {
    it(`${target}: every mutated input gives a result or a StroopError, in time and memory`, async (t) => {
      const report = await runFuzzTarget(target);
      t.diagnostic(report.summary);
      assert.equal(report.problems.length, 0, report.problems.join('\n\n'));
    });
  }
});
