import type { GateResult } from '../../gates/gateResult.js';

/**
 * `all 6 gates passed`, `2 of 6 gates failed` or `no gates set`, over the attack-level gates;
 * with `symbols`, led by ✅ or ❌ (for Markdown viewers, which have emoji fonts).
 */
export function gateHeadline(gates: readonly GateResult[], symbols = false): string {
  const attackGates = gates.filter((g) => g.className === null);
  if (attackGates.length === 0) return 'no gates set';
  const failed = attackGates.filter((g) => !g.passed).length;
  const mark = (symbol: string) => (symbols ? `${symbol} ` : '');
  return failed === 0 ? `${mark('✅')}all ${attackGates.length} gates passed` : `${mark('❌')}${failed} of ${attackGates.length} gates failed`;
}
