import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { provenanceParts } from '../../src/reports/format.js';
import { summaryOf } from './summaryFixture.js';
import { scored } from '../metrics/outcomeBuilders.js';

describe('provenanceParts', () => {
  it('names each model runtime once: the dtype is added only when the backend does not already say it', () => {
    const summary = summaryOf([scored({ sampleId: 's', trueIndex: 0, clean: [0, 1], model: 'a' }), scored({ sampleId: 's', trueIndex: 0, clean: [0, 1], model: 'b' })]);
    const models = {
      a: { ...summary.models['a']!, engine: 'onnx', backend: 'cpu q8', dtype: 'q8' },
      b: { ...summary.models['b']!, engine: 'tfjs', backend: 'wasm', dtype: 'fp32' },
    };
    const parts = provenanceParts({ ...summary, models });
    assert.deepEqual(parts.models.map((m) => m.runtime), ['onnx/cpu q8', 'tfjs/wasm fp32']);
  });
});
