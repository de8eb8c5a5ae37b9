// Compile-only checks of the public entry point's types (tsc builds this file; nothing runs it).
// A change that loosens or breaks the library's surface fails the build here.
import type fc from 'fast-check';
import type {
  AttackSpec,
  AuditedSuite,
  Outcome,
  Prediction,
  RunSummary,
  ScoredOutcome,
  SearchedSuite,
  ZeroShotClassifier,
} from '../../src/index.js';
import {
  auditSuite,
  type classifyZeroShot,
  type loadSuite,
  type outcomeSchema,
  type searchSuite,
  type StroopError,
  type SuiteError,
  type topOneSurvivesAttacks,
} from '../../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | undefined {
  return undefined;
}

// Audits return their summary, typed as summary.json is.
expectType<Equal<ReturnType<typeof auditSuite>, Promise<AuditedSuite>>>();
expectType<Equal<AuditedSuite['reports']['summary'], RunSummary>>();
expectType<Equal<ReturnType<typeof searchSuite>, Promise<SearchedSuite>>>();
expectType<Equal<ReturnType<typeof loadSuite>['name'], string>>();

// The result-log schema parses to the Outcome type; a scored outcome carries both rankings.
expectType<ReturnType<typeof outcomeSchema.parse> extends Outcome ? true : false>();
expectType<Equal<Extract<Outcome, { kind: 'scored' }>, ScoredOutcome>>();
expectType<Equal<ReturnType<typeof classifyZeroShot>, Prediction[]>>();

// The property is fast-check's, over attack specs.
expectType<Equal<ReturnType<typeof topOneSurvivesAttacks>, fc.IAsyncPropertyWithHooks<[AttackSpec]>>>();
expectType<Equal<Awaited<ReturnType<ZeroShotClassifier['classify']>>, Prediction[]>>();

// Errors form one hierarchy.
expectType<SuiteError extends StroopError ? true : false>();

// Never called: only compiled.
export function refusedCalls(): void {
  // @ts-expect-error a suite file is a path, not a parsed object
  void auditSuite({ name: 'x' });
  // @ts-expect-error the options are checked: there is no `output` option (it is `out`)
  void auditSuite('suite.yaml', { output: 'reports/x' });
}
