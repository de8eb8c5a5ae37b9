import type { Drop } from './runMetrics.js';

/** Absolute drop `clean - attacked` and relative drop `(clean - attacked) / clean`, nulls for missing data. */
export function dropOf(clean: number | null, attacked: number | null): Drop {
  if (clean === null || attacked === null) return { absolute: null, relative: null };
  const absolute = clean - attacked;
  return { absolute, relative: clean === 0 ? null : absolute / clean };
}
