import { cleanAttackId } from '../../metrics/indexOutcomes.js';
import { compareCodeUnits } from '../../util/compareCodeUnits.js';
import type { Outcome, ScoredClass, ScoredOutcome } from '../../results/outcome.js';
import type { GalleryRow } from './galleryItem.js';

/** Candidates kept per model before one row per (sample, attack) is chosen: enough for variety. */
const poolFactor = 8;

const probabilityOf = (top: readonly ScoredClass[], index: number) => top.find((c) => c.index === index)?.probability ?? 0;

function rowOf(o: ScoredOutcome): GalleryRow {
  const attackedTop = o.attacked[0] ?? null;
  const targeted = o.targetIndex !== null && o.targetIndex !== o.trueIndex && attackedTop?.index === o.targetIndex;
  const lost = probabilityOf(o.clean, o.trueIndex) - probabilityOf(o.attacked, o.trueIndex);
  return {
    model: o.model,
    attackId: o.attackId,
    sampleId: o.sampleId,
    variant: o.variant,
    trueLabel: o.trueLabel,
    attackText: o.attackText,
    specHash: o.specHash,
    renderHash: o.renderHash,
    cleanTop: o.clean[0] ?? null,
    attackedTop,
    targeted,
    score: (targeted ? 2 : 0) + lost,
  };
}

const byRank = (a: GalleryRow, b: GalleryRow) =>
  b.score - a.score || compareCodeUnits(a.sampleId, b.sampleId) || compareCodeUnits(a.attackId, b.attackId) || compareCodeUnits(a.variant, b.variant);

/**
 * The most successful attacks of a run, per model: scored attacked rows whose clean top-1 was
 * right and attacked top-1 wrong, targeted hits first, then by how much probability the true
 * class lost; at most one row per (sample, attack) and `perModel` rows per model. Models in
 * code-unit order. Reads the outcomes once, keeping a bounded pool. Pure and deterministic.
 */
export function selectGalleryRows(outcomes: Iterable<Outcome>, perModel: number): GalleryRow[] {
  if (perModel <= 0) return [];
  const poolSize = perModel * poolFactor;
  const pools = new Map<string, GalleryRow[]>();
  for (const o of outcomes) {
    if (o.kind !== 'scored' || o.attackId === cleanAttackId) continue;
    if (o.clean[0]?.index !== o.trueIndex || o.attacked[0]?.index === o.trueIndex) continue;
    const row = rowOf(o);
    const pool = pools.get(o.model) ?? [];
    pools.set(o.model, pool);
    if (pool.length === poolSize && byRank(row, pool[poolSize - 1] as GalleryRow) >= 0) continue;
    const at = pool.findIndex((r) => byRank(row, r) < 0);
    pool.splice(at < 0 ? pool.length : at, 0, row);
    if (pool.length > poolSize) pool.pop();
  }
  return [...pools.keys()].sort(compareCodeUnits).flatMap((model) => {
    const seen = new Set<string>();
    return (pools.get(model) ?? [])
      .filter((r) => {
        const key = `${r.sampleId}\u0000${r.attackId}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .slice(0, perModel);
  });
}
