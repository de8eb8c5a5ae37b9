import type { ErrorOutcome, ScoredClass, ScoredOutcome, UnrenderableOutcome } from '../../src/results/outcome.js';

/** Class list of the hand-built examples: index -> label. */
export const labels = ['cat', 'dog', 'car', 'tree', 'boat', 'bird'] as const;

/** A top-k from class indices, best first, with made-up decreasing probabilities. */
export function topK(...indices: number[]): ScoredClass[] {
  return indices.map((index, rank) => ({ index, label: labels[index] ?? `class${index}`, probability: 0.5 / (rank + 1) }));
}

export interface ScoredInit {
  readonly sampleId: string;
  readonly trueIndex: number;
  readonly clean: readonly number[];
  readonly attacked?: readonly number[];
  readonly attackId?: string;
  readonly model?: string;
  readonly targetIndex?: number | null;
  readonly params?: Record<string, number | string | boolean>;
  readonly variant?: string;
}

/** A scored outcome; without `attackId` a clean-only row (attacked = clean). */
export function scored(init: ScoredInit): ScoredOutcome {
  const attackId = init.attackId ?? 'clean';
  const isClean = attackId === 'clean';
  return {
    kind: 'scored',
    sampleId: init.sampleId,
    model: init.model ?? 'm',
    attackId,
    variant: init.variant ?? (isClean ? '' : '0'),
    trueLabel: labels[init.trueIndex] ?? `class${init.trueIndex}`,
    trueIndex: init.trueIndex,
    attackText: isClean ? null : 'text',
    targetIndex: init.targetIndex ?? null,
    specHash: isClean ? null : 'spec',
    renderHash: isClean ? null : 'render',
    params: init.params ?? {},
    clean: topK(...init.clean),
    attacked: topK(...(init.attacked ?? init.clean)),
  };
}

export function failed(sampleId: string, attackId: string, stage: ErrorOutcome['stage'], model = 'm'): ErrorOutcome {
  return { kind: 'error', sampleId, model, attackId, variant: '0', trueLabel: 'cat', trueIndex: 0, stage, message: 'boom' };
}

export function unrenderable(sampleId: string, attackId: string, model = 'm'): UnrenderableOutcome {
  return { kind: 'unrenderable', sampleId, model, attackId, variant: '0', trueLabel: 'cat', trueIndex: 0, attackText: 'x', reason: 'does not fit' };
}
