import type { Interval } from '../metrics/wilsonInterval.js';

/** The CI gates a suite or the command line can set (see SuiteGates). */
export type GateName = 'maxDrop' | 'maxAsr' | 'minAttackedAcc';

/** Gates in the order reports list them. */
export const gateNames: readonly GateName[] = Object.freeze(['maxDrop', 'maxAsr', 'minAttackedAcc']);

/**
 * One gate held against one model x attack (or one true class of it): plain data, JSON-serialisable.
 * `maxDrop` and `maxAsr` pass when `actual <= limit`, `minAttackedAcc` when `actual >= limit`.
 */
export interface GateResult {
  readonly model: string;
  readonly attack: string;
  /** The true class of a per-class gate; null for the attack as a whole. */
  readonly className: string | null;
  readonly gate: GateName;
  /** The limit, a fraction in [0, 1]. */
  readonly limit: number;
  /**
   * What was measured: the absolute top-1 drop in [-1, 1] (maxDrop), the targeted success rate
   * in [0, 1] (maxAsr), the attacked top-1 accuracy in [0, 1] (minAttackedAcc); null when there
   * was nothing to measure (`note` says why).
   */
  readonly actual: number | null;
  /** Wilson 95% interval of `actual` for rates; null for the drop and when unmeasured. */
  readonly interval: Interval | null;
  /** Rows `actual` is over (scored rows; for maxAsr, those whose text names another class). */
  readonly n: number;
  readonly passed: boolean;
  /** Why `actual` is null, or null. */
  readonly note: string | null;
}
