import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantizeRangeForCpu, weightLimitOf } from '../../src/export/quantizeRange.js';

describe('quantizeRangeForCpu', () => {
  it('full range with VNNI or off x86, reduced on x86 without VNNI or with unknown flags', () => {
    const flags = (...names: string[]) => new Set(['sse4_2', 'avx2', ...names]);
    assert.equal(quantizeRangeForCpu('x64', flags('avx512f', 'avx512_vnni')).range, 'full');
    assert.equal(quantizeRangeForCpu('x64', flags('avx_vnni')).range, 'full');
    assert.equal(quantizeRangeForCpu('x64', flags('avx512f')).range, 'reduced');
    assert.equal(quantizeRangeForCpu('x64', null).range, 'reduced');
    assert.equal(quantizeRangeForCpu('arm64').range, 'full');
    assert.match(quantizeRangeForCpu('x64', flags()).reason, /no VNNI/);
  });

  it('maps a range to the largest int8 magnitude', () => {
    assert.deepEqual([weightLimitOf('full'), weightLimitOf('reduced')], [127, 63]);
  });
});
