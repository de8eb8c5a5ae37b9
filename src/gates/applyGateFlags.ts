import type { SuiteGates, SuiteThresholds } from '../suite/suite.js';
import { gateNames } from './gateResult.js';

/**
 * The thresholds a run is held to: the suite's, with every gate given on the command line
 * replacing the suite-wide value and any per-attack override of that gate (a flag is the last
 * word: `--max-drop 0.1` means 0.1 for every attack). Gates no flag names keep the suite's
 * values. Undefined when neither sets any gate. Pure; the inputs are not modified.
 */
export function applyGateFlags(suite: SuiteThresholds | undefined, flags: SuiteGates): SuiteThresholds | undefined {
  const given = gateNames.filter((gate) => flags[gate] !== undefined);
  if (given.length === 0) return suite;
  const withoutFlagged = (gates: SuiteGates): SuiteGates => Object.fromEntries(Object.entries(gates).filter(([gate]) => !given.includes(gate as never)));
  const perAttack = Object.entries(suite?.perAttack ?? {})
    .map(([attack, gates]): [string, SuiteGates] => [attack, withoutFlagged(gates)])
    .filter(([, gates]) => Object.keys(gates).length > 0);
  return { ...withoutFlagged(suite ?? {}), ...Object.fromEntries(given.map((gate) => [gate, flags[gate]])), perAttack: Object.fromEntries(perAttack) };
}
