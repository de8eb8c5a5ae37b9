/**
 * Orders strings by UTF-16 code units: the same order on every machine and locale
 * (unlike `localeCompare`), so dataset order and class order are reproducible.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A plain object with the keys in code-unit order, so `JSON.stringify` of it is the same byte for
 * byte however the entries were gathered. (JavaScript lists integer-like keys such as `"7"` first,
 * in numeric order; that order is deterministic too.) Keys come from data (labels, attack ids), so
 * they are defined as own properties: a label `__proto__` stays a label.
 */
export function sortedRecord<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  return Object.fromEntries([...entries].sort(([a], [b]) => compareCodeUnits(a, b)));
}
