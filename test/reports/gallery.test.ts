import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveAttackRef } from '../../src/attacks/presets/loadPreset.js';
import { reproduceAttackSpec } from '../../src/reports/gallery/reproduceAttackSpec.js';
import { selectGalleryRows } from '../../src/reports/gallery/gallery.js';
import type { Outcome, ScoredOutcome } from '../../src/results/outcome.js';
import type { RunManifest } from '../../src/results/runManifest.js';
import { scored, topK } from '../metrics/outcomeBuilders.js';

/** An attacked row of sample `id` (true class 0) whose attacked top-1 is `top` with probability `p`, the true class left with `pTrue`. */
function attacked(id: string, top: number, pTrue: number, extra: Partial<ScoredOutcome> = {}): ScoredOutcome {
  const base = scored({ sampleId: id, trueIndex: 0, clean: [0, 1, 2], attacked: [top, 0], attackId: 'a', targetIndex: 1 });
  const attackedTop = topK(top, 0).map((c, i) => ({ ...c, probability: i === 0 ? 1 - pTrue : pTrue }));
  return { ...base, clean: base.clean.map((c, i) => ({ ...c, probability: i === 0 ? 0.9 : 0.05 })), attacked: attackedTop, ...extra };
}

describe('selectGalleryRows', () => {
  it('keeps rows the attack turned wrong: targeted hits first, then by the true class probability lost', () => {
    const log: Outcome[] = [
      attacked('untargeted', 2, 0.1),
      attacked('weak-hit', 1, 0.4),
      attacked('strong-hit', 1, 0.05),
      scored({ sampleId: 'still-right', trueIndex: 0, clean: [0, 1], attacked: [0, 1], attackId: 'a' }),
      scored({ sampleId: 'clean-wrong', trueIndex: 0, clean: [1, 0], attacked: [2, 0], attackId: 'a' }),
      scored({ sampleId: 'clean-row', trueIndex: 0, clean: [0, 1] }),
    ];
    const rows = selectGalleryRows(log, 8);
    assert.deepEqual(rows.map((r) => [r.sampleId, r.targeted]), [['strong-hit', true], ['weak-hit', true], ['untargeted', false]]);
    assert.ok(Math.abs((rows[0]?.score ?? 0) - (2 + 0.9 - 0.05)) < 1e-12);
  });

  it('shows one row per (sample, attack), at most perModel per model, models sorted; 0 gives none', () => {
    const log: Outcome[] = [
      attacked('s', 1, 0.1, { variant: '0/0/1' }),
      attacked('s', 1, 0.2, { variant: '0/0/2' }),
      attacked('t', 1, 0.3),
      attacked('u', 1, 0.4),
      attacked('s', 1, 0.1, { model: 'b' }),
    ];
    const rows = selectGalleryRows(log, 2);
    assert.deepEqual(rows.map((r) => [r.model, r.sampleId, r.variant]), [['b', 's', '0'], ['m', 's', '0/0/1'], ['m', 't', '0']]);
    assert.deepEqual(selectGalleryRows(log, 0), []);
  });

  it('gives the same rows whatever the log order', () => {
    const log: Outcome[] = Array.from({ length: 30 }, (_, i) => attacked(`s${i % 17}`, 1 + (i % 2), (i % 7) / 10, { variant: `${i}` }));
    assert.deepEqual(selectGalleryRows([...log].reverse(), 5), selectGalleryRows(log, 5));
  });
});

describe('reproduceAttackSpec', () => {
  const sticker = resolveAttackRef('openai-sticker');
  const manifest = {
    plan: { attacks: [{ id: 'a', attack: sticker, n: 1, seed: 3 }], datasets: [{ id: 'd', spec: { root: '/nowhere' }, classes: 'labels' }] },
    classes: { d: ['cat', 'dog', 'car'] },
  } as unknown as RunManifest;
  const row = { attackId: 'a', sampleId: 'd/x.png', variant: '0/0/0', trueLabel: 'cat', specHash: null };

  it('re-expands the preset with the draw seed and finds the spec of the row variant', () => {
    const result = reproduceAttackSpec(manifest, row);
    assert.equal(result.kind, 'spec');
    if (result.kind === 'spec') {
      assert.equal(result.spec.origin?.path, '0/0');
      assert.ok(['dog', 'car'].includes(result.spec.text), 'a wrong class, as randomWrongClass draws');
    }
  });

  it('says why when the plan cannot give the scored spec', () => {
    const reason = (r: ReturnType<typeof reproduceAttackSpec>) => (r.kind === 'unavailable' ? r.reason : 'reproduced');
    assert.match(reason(reproduceAttackSpec(manifest, { ...row, attackId: 'gone' })), /attack 'gone' is not in the run's plan/);
    assert.match(reason(reproduceAttackSpec(manifest, { ...row, variant: 'x' })), /variant 'x' names no draw/);
    assert.match(reason(reproduceAttackSpec(manifest, { ...row, variant: '0/5/0' })), /not among the preset's specs/);
    assert.match(reason(reproduceAttackSpec(manifest, { ...row, sampleId: 'other/x.png' })), /no class list/);
    assert.match(reason(reproduceAttackSpec(manifest, { ...row, specHash: '0'.repeat(64) })), /spec hash differs/);
  });
});
