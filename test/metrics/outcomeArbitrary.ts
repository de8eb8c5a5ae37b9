import fc from 'fast-check';
import type { ErrorOutcome, Outcome } from '../../src/results/outcome.js';
import { failed, scored, unrenderable } from './outcomeBuilders.js';

const classCount = 6;
const attackIds = ['clean', 'a#0', 'a#1', 'b#0'] as const;
const stages: ErrorOutcome['stage'][] = ['load', 'label', 'render', 'embed'];

const ranked = fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 1, maxLength: classCount });

const row = fc.record({
  kind: fc.constantFrom('none', 'scored', 'scored', 'scored', 'unrenderable', 'error'),
  stage: fc.constantFrom(...stages),
  attacked: ranked,
  targetIndex: fc.option(fc.integer({ min: 0, max: classCount - 1 })),
  params: fc.record(
    { fontSizePx: fc.integer({ min: 6, max: 40 }), opacity: fc.constantFrom(0.25, 0.5, 1), placement: fc.constantFrom('top', 'bottom'), bold: fc.boolean() },
    { requiredKeys: [] },
  ),
});

const sample = fc.record({
  model: fc.constantFrom('m1', 'm2'),
  trueIndex: fc.integer({ min: 0, max: classCount - 1 }),
  clean: ranked,
  rows: fc.tuple(...attackIds.map(() => row)),
});

/**
 * A consistent result log: up to 25 samples over two models and four attack ids (`clean` among
 * them), each row scored, unrenderable, an error at some stage, or absent; one clean prediction per
 * (model, sample), so the log is valid input for the metrics.
 */
export const outcomeLog: fc.Arbitrary<Outcome[]> = fc.array(sample, { maxLength: 25 }).map((samples) =>
  samples.flatMap((s, i) =>
    s.rows.flatMap((r, a): Outcome[] => {
      const attackId = attackIds[a] ?? 'clean';
      const sampleId = `s${i}`;
      switch (r.kind) {
        case 'none':
          return [];
        case 'unrenderable':
          return [unrenderable(sampleId, attackId, s.model)];
        case 'error':
          return [failed(sampleId, attackId, r.stage, s.model)];
        default: {
          const base = { sampleId, trueIndex: s.trueIndex, clean: s.clean, model: s.model };
          if (attackId === 'clean') return [scored(base)];
          return [scored({ ...base, attackId, attacked: r.attacked, targetIndex: r.targetIndex, params: r.params })];
        }
      }
    }),
  ),
);

/** A log together with the same outcomes in another order. */
export const outcomeLogAndShuffle: fc.Arbitrary<[Outcome[], Outcome[]]> = outcomeLog.chain((log) =>
  fc.tuple(fc.constant(log), fc.shuffledSubarray(log, { minLength: log.length, maxLength: log.length })),
);
