const plainKey = /^[A-Za-z_$][\w$]*$/;

/** A path into a suite as people write it: `attacks[1].n`, `thresholds.perAttack["my id"]`; `(top level)` when empty. */
export function formatSuitePath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      if (!plainKey.test(key)) return `[${JSON.stringify(key)}]`;
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}
