import type { Rate } from '../../metrics/statistics.js';
import { formatPercent, formatPoints, formatRate } from '../format.js';
import type { AccuracyChange, SummaryComparison } from './compareSummaries.js';

/** Control characters in ids would rewrite the terminal: shown as `?`. */
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
const rate = (r: Rate | null) => (r === null ? 'n/a' : formatRate(r));
const pct = (r: Rate | null) => (r === null ? 'n/a' : formatPercent(r.rate));

/** How many of the pairs that disagree were near ties in the baseline (see nearTieLead). */
function nearTies(c: AccuracyChange): string {
  const others = c.agreement === null ? 0 : c.agreement.n - c.agreement.successes;
  if (others === 0 || c.nearTieDisagreements === null) return '';
  return `; ${c.nearTieDisagreements} of the ${others} others near ties`;
}

function change(c: AccuracyChange): string {
  const p = c.pValue === null ? '' : ` p=${c.pValue < 0.001 ? c.pValue.toExponential(1) : c.pValue.toFixed(3)}`;
  const pairs = c.pairs === null ? '' : ` (${c.pairs} pairs)`;
  const same = c.agreement === null || c.agreement.n === 0 ? '' : `, same top-1 ${formatPercent(c.agreement.rate)} (${c.agreement.successes}/${c.agreement.n}${nearTies(c)})`;
  return `${rate(c.baseline)} -> ${rate(c.candidate)}  ${formatPoints(c.change)}${p}${pairs}${same}${c.regression ? '  REGRESSION' : ''}`;
}

/** `stroop compare`'s report for the terminal: what differs between the runs, then per model x attack the changes and the verdict. */
export function formatComparison(comparison: SummaryComparison): string {
  const lines = [`baseline:  ${printable(comparison.baseline)}`, `candidate: ${printable(comparison.candidate)}`];
  for (const d of comparison.differences) lines.push(`  ${d.severity.padEnd(11)} ${printable(d.message)}`);
  lines.push(
    comparison.paired
      ? `Paired over samples scored in both runs; McNemar exact p-values, alpha ${comparison.alpha}.`
      : 'p-values unavailable: a results.jsonl is missing next to a summary, so samples cannot be paired; rates are compared by their Wilson 95% intervals (a regression = intervals apart).',
    '',
  );
  for (const row of comparison.rows) {
    const scope = printable(`${row.model} / ${row.attack}`);
    if (row.attackedAcc1 === null) {
      lines.push(`${scope}`, `  clean top-1     ${change(row.cleanAcc1)}`);
      continue;
    }
    lines.push(
      `${scope}`,
      `  clean top-1     ${rate(row.cleanAcc1.baseline)} -> ${rate(row.cleanAcc1.candidate)}`,
      `  attacked top-1  ${change(row.attackedAcc1)}`,
      `  top-1 drop      ${formatPercent(row.drop?.baseline ?? null)} -> ${formatPercent(row.drop?.candidate ?? null)}`,
      `  targeted ASR    ${pct(row.asr?.baseline ?? null)} -> ${pct(row.asr?.candidate ?? null)}`,
    );
  }
  const n = comparison.regressions.length;
  lines.push('', n === 0 ? 'No significant regression.' : `${n} significant regression${n === 1 ? '' : 's'}: ${comparison.regressions.map((r) => printable(`${r.model} / ${r.attack}`)).join(', ')}.`);
  return `${lines.join('\n')}\n`;
}
