import type { FlippedRecord } from '../results/searchRecord.js';

function percent(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}

/**
 * A flipped image's minimal attack as fast-check prints a counterexample: what flipped into what,
 * the attack as JSON, its margins, and the command that replays it. Plain text; the caller
 * escapes it for its medium (attack texts and labels are adversarial input).
 */
export function describeMinimalAttack(record: FlippedRecord, outDir: string): string {
  const { attack } = record;
  const { origin: _origin, ...spec } = attack.spec;
  const margins = Object.entries(record.margins)
    .map(([name, m]) => {
      if (m.kind === 'threshold') return `${name} flips at ${+m.flipping.toFixed(4)} (holds at ${+m.holding.toFixed(4)}; ${m.fontSizePx} px)`;
      if (m.kind === 'flipsAtWeakest') return `${name}: flips even at ${m.flipping}`;
      return `${name}: ${m.kind}`;
    })
    .join('; ');
  return [
    `Counterexample: model ${record.model}, image ${record.sampleId} (true '${record.trueLabel}')`,
    `  clean '${record.clean.label}' (${percent(record.clean.probability)}) -> attacked '${attack.attacked.label}' (${percent(attack.attacked.probability)})${attack.targeted ? ', the written word' : ''}`,
    `  minimal attack: ${JSON.stringify(spec)}`,
    `  font ${attack.fontSizePx} px = ${percent(attack.fontFraction)} of the image height; ${margins === '' ? 'no margins measured' : margins}`,
    `  found after ${record.runs} runs and ${record.shrinks} shrinks, ${record.calls.modelCalls} model calls; seed ${record.seed}, path "${attack.path}", render ${attack.renderHash.slice(0, 16)}`,
    `  replay: stroop replay ${outDir} ${record.id} --out ${record.id}.png`,
  ].join('\n');
}
