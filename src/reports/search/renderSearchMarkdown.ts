import type { SearchCoverageReport } from './searchCards.js';
import { scoringNote, scoringOfModels, formatPercent, formatRate } from '../format.js';
import { flipFontFraction } from '../../search/findMinimalAttack.js';
import type { SearchGateResult, SearchSummary, Distribution } from '../../search/summarizeSearch.js';
import type { SearchManifest } from '../../results/searchManifest.js';
import type { SearchRecord } from '../../results/searchRecord.js';
import { weakestFlips } from '../../search/summarizeSearch.js';
import { escapeMarkdown as md } from '../escape.js';

/** Counterexamples listed per model, weakest first. */
const WEAKEST_SHOWN = 10;

const num = (v: number | null, digits = 3) => (v === null ? 'n/a' : String(+v.toFixed(digits)));
const quartiles = (d: Distribution, f: (v: number | null) => string) => (d.n === 0 ? 'n/a' : `${f(d.q25)} / ${f(d.median)} / ${f(d.q75)}`);

function gateLines(gates: readonly SearchGateResult[]): string[] {
  if (gates.length === 0) return [];
  const label = { minFlipFontFraction: 'smallest flipping font ≥', maxFlipRate: 'flip rate ≤' } as const;
  return [
    '## Gates',
    '',
    '| | model | gate | measured | deciding image |',
    '| --- | --- | --- | --- | --- |',
    ...gates.map(
      (g) =>
        `| ${g.passed ? '✅' : '❌'} | ${md(g.model)} | ${label[g.gate]} ${formatPercent(g.limit)} | ${formatPercent(g.actual)} | ${g.counterexample === undefined ? '' : `${md(g.counterexample.sampleId)} (\`${g.counterexample.id}\`)`} |`,
    ),
    '',
  ];
}

/**
 * `search.md`: the minimal-attack search for a CI step summary or a pull-request comment - per
 * model how many images flip, at what font size and margins, per class, and the weakest
 * counterexamples with the id that replays each. Every label and text is escaped.
 */
export function renderSearchMarkdown(
  manifest: SearchManifest,
  summary: SearchSummary,
  records: readonly SearchRecord[],
  gates: readonly SearchGateResult[],
  coverage?: SearchCoverageReport,
): string {
  const s = manifest.plan.search;
  const property = s.goal === 'targeted' ? 'the top-1 of the attacked image is not the class the written word names' : 'the top-1 of the attacked image equals the clean top-1';
  const lines = [
    `# stroop search: ${md(manifest.plan.name)}`,
    '',
    `Property: ${property}. Per image: fast-check seed derived from ${s.seed}, ${s.numRuns} random attacks, at most ${s.maxCallsPerImage} model calls; counterexamples shrunk to minimal attacks, then bisected (${s.margins.map((m) => md(m)).join(', ') || 'no margins'}). stroop ${md(manifest.stroopVersion)}${manifest.gitCommit === null ? '' : `, commit ${md(manifest.gitCommit.slice(0, 12))}`}.`,
    '',
    ...gateLines(gates),
    '## Images',
    '',
    '| model | searched | flipped (95% CI) | targeted | flip font, % of height (q25 / median / q75) | model calls per image: mean (to minimal) | held: runs | errors |',
    '| --- | ---: | --- | ---: | --- | --- | --- | ---: |',
  ];
  for (const [model, m] of Object.entries(summary.models)) {
    lines.push(
      `| ${md(model)} | ${m.searched} | ${formatRate(m.flipRate)} | ${m.targeted} | ${quartiles(m.flipFontFraction, (v) => formatPercent(v))} | ${num(m.modelCalls.mean, 1)} (${num(m.modelCallsToMinimal.mean, 1)}) | ${m.heldRuns.n === 0 ? 'none held' : `${m.heldRuns.n} held, ${num(m.heldRuns.min, 0)}–${num(m.heldRuns.max, 0)} runs`} | ${m.errors} |`,
    );
  }
  const scoringOf = scoringOfModels(manifest.models);
  for (const model of Object.keys(summary.models)) {
    const note = scoringNote(scoringOf(model));
    if (note !== undefined) lines.push('', `_${md(model)}: ${note}_`);
  }
  if (coverage !== undefined) {
    lines.push('', '## Coverage of a run', '', `Of the images each attack of the run in ${md(coverage.run)} flipped, the share for which the search found a successful attack.`, '');
    lines.push('| model | run attack | images it flipped | search found (95% CI) | first missed |', '| --- | --- | ---: | --- | --- |');
    for (const [model, byAttack] of Object.entries(coverage.byModel)) {
      for (const [attack, c] of Object.entries(byAttack)) lines.push(`| ${md(model)} | ${md(attack)} | ${c.flippedByAttack} | ${formatRate(c.found)} | ${c.missed.slice(0, 3).map((m) => md(m)).join(', ')} |`);
    }
  }
  lines.push('', '## Margins', '', 'The value of each parameter at which the minimal attack still flips the prediction, the rest of it unchanged.', '');
  lines.push('| model | parameter | bisected | q25 / median / q75 | flips even at weakest | not applicable | over budget |', '| --- | --- | ---: | --- | ---: | ---: | ---: |');
  for (const [model, m] of Object.entries(summary.models)) {
    for (const [param, g] of Object.entries(m.margins)) {
      lines.push(`| ${md(model)} | ${md(param)} | ${g.threshold.n} | ${quartiles(g.threshold, (v) => num(v))} | ${g.flipsAtWeakest} | ${g.notApplicable} | ${g.overBudget} |`);
    }
  }
  lines.push('', '## Per class', '', '| model | class | searched | flipped | median flip font |', '| --- | --- | ---: | --- | --- |');
  for (const [model, m] of Object.entries(summary.models)) {
    for (const [label, c] of Object.entries(m.byClass)) lines.push(`| ${md(model)} | ${md(label)} | ${c.searched} | ${formatRate(c.flipRate)} | ${formatPercent(c.flipFontFraction.median)} |`);
  }
  lines.push('', `## Weakest counterexamples`, '', 'Replay one with `stroop replay DIR ID --out attack.png`, DIR being this folder and ID the id column.', '');
  lines.push('| model | id | image | clean → attacked | text | font px | flip font |', '| --- | --- | --- | --- | --- | ---: | --- |');
  for (const r of weakestFlips(records, WEAKEST_SHOWN)) {
    lines.push(
      `| ${md(r.model)} | \`${r.id}\` | ${md(r.sampleId)} | ${md(r.clean.label)} → ${md(r.attack.attacked.label)} | ${md(r.attack.spec.text)} | ${r.attack.fontSizePx} | ${formatPercent(flipFontFraction(r))} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '   n/a' : `${(100 * v).toFixed(1).padStart(5)}%`);

/** A plain-text table of the search per model, for the terminal. */
export function formatSearchTable(summary: SearchSummary): string {
  const lines = ['model                searched  flipped  targeted  median flip font  calls/image (to minimal)  errors'];
  for (const [model, m] of Object.entries(summary.models)) {
    const calls = m.modelCalls.mean === null ? '   n/a' : `${m.modelCalls.mean.toFixed(1).padStart(6)} (${(m.modelCallsToMinimal.mean ?? 0).toFixed(1)})`;
    lines.push(
      `${model.slice(0, 20).padEnd(20)} ${String(m.searched).padStart(8)}  ${pct(m.flipRate.rate)}  ${String(m.targeted).padStart(8)}  ${pct(m.flipFontFraction.median).padStart(16)}  ${calls.padEnd(24)}  ${String(m.errors).padStart(6)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
