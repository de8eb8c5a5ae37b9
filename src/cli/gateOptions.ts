import type { Argv } from 'yargs';
import { UsageError } from '../errors/errors.js';
import { describeGate, type GateResult } from '../gates/gates.js';
import type { SuiteGates } from '../suite/suite.js';
import { ExitCode } from './exitCodes.js';

/** --max-drop, --max-asr, --min-attacked-acc and --junit-per-class: the gates of `stroop run` and `stroop report`. */
export function withGateOptions<T>(y: Argv<T>) {
  return y
    .option('max-drop', { type: 'number', describe: 'Gate: largest allowed top-1 drop (clean - attacked), a fraction in [0,1]; overrides the suite for every attack' })
    .option('max-asr', { type: 'number', describe: 'Gate: largest allowed targeted attack success rate in [0,1]; overrides the suite' })
    .option('min-attacked-acc', { type: 'number', describe: 'Gate: smallest allowed top-1 accuracy under attack in [0,1]; overrides the suite' })
    .option('junit-per-class', { type: 'boolean', default: false, describe: 'Also write a junit.xml test case per true class and gate (they do not change the exit code)' });
}

/** The gate flags given, checked: each a number in [0, 1]. */
export function gateFlagsOf(argv: { maxDrop?: number | undefined; maxAsr?: number | undefined; minAttackedAcc?: number | undefined }): SuiteGates {
  const flags = { '--max-drop': argv.maxDrop, '--max-asr': argv.maxAsr, '--min-attacked-acc': argv.minAttackedAcc };
  for (const [flag, value] of Object.entries(flags)) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 1)) {
      throw new UsageError(`${flag} must be a fraction in [0, 1] (0.1 = 10%), got ${value}.`, flag);
    }
  }
  return {
    ...(argv.maxDrop === undefined ? {} : { maxDrop: argv.maxDrop }),
    ...(argv.maxAsr === undefined ? {} : { maxAsr: argv.maxAsr }),
    ...(argv.minAttackedAcc === undefined ? {} : { minAttackedAcc: argv.minAttackedAcc }),
  };
}

/**
 * Prints the gates' outcome (every failed gate with its numbers on stderr, a one-line tally on
 * stdout) and returns the exit code: 1 when an attack-level gate failed (per-class gates only
 * inform), else 0.
 */
export function reportGates(gates: readonly GateResult[]): number {
  const attackGates = gates.filter((g) => g.className === null);
  if (attackGates.length === 0) return ExitCode.ok;
  const failed = attackGates.filter((g) => !g.passed);
  for (const g of failed) process.stderr.write(`stroop: gate breached: ${describeGate(g)}\n`);
  process.stdout.write(`gates: ${attackGates.length - failed.length} passed, ${failed.length} failed\n`);
  return failed.length > 0 ? ExitCode.thresholdBreached : ExitCode.ok;
}
