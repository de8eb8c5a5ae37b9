import type { Rate } from '../../metrics/rateOf.js';

/** A fraction as a percentage with one decimal (`42.5%`); `n/a` for null. */
export function formatPercent(value: number | null): string {
  return value === null ? 'n/a' : `${(100 * value).toFixed(1)}%`;
}

/** A difference of fractions in percentage points with its sign (`-12.5 pts`); `n/a` for null. */
export function formatPoints(value: number | null): string {
  if (value === null) return 'n/a';
  const points = 100 * value;
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points).toFixed(1)} pts`;
}

/** A fraction with its interval, `42.5% (30.1–55.9)`; without an interval just the percentage. */
export function formatWithInterval(value: number | null, interval: { readonly lower: number; readonly upper: number } | null): string {
  if (value === null || interval === null) return formatPercent(value);
  return `${formatPercent(value)} (${(100 * interval.lower).toFixed(1)}–${(100 * interval.upper).toFixed(1)})`;
}

/** A rate with its Wilson 95% interval, `42.5% (30.1–55.9)`; `n/a` when it has no rows. */
export function formatRate(rate: Rate): string {
  if (rate.rate === null || rate.lower === null || rate.upper === null) return 'n/a';
  return formatWithInterval(rate.rate, { lower: rate.lower, upper: rate.upper });
}
