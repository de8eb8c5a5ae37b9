/**
 * Orders strings by UTF-16 code units: the same order on every machine and locale
 * (unlike `localeCompare`), so dataset order and class order are reproducible.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
