const maxShown = 60;

/** A short description of a value found in a suite, for "...; found X" in messages. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    const shown = value.length > maxShown ? `${value.slice(0, maxShown)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}
