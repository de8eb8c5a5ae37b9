import type { SearchSummary } from '../../search/summarizeSearch.js';

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
