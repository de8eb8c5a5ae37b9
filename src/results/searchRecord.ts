import { z } from 'zod';
import type { AttackSpec } from '../attacks/attackSpec.js';
import { sha256Hex } from '../util/hashing.js';

/** A class and the model's probability for it (softmax over the classes, or SigLIP's per-class sigmoid: see the model's scoring rule). */
export interface ScoredLabel {
  readonly index: number;
  readonly label: string;
  /** In [0, 1]. */
  readonly probability: number;
}

/** What searching one image cost. */
export interface SearchCalls {
  /** Attacks judged (fast-check runs, shrink candidates, bisection steps), answered from memory or not. */
  readonly evaluations: number;
  /** Attacks drawn. */
  readonly renders: number;
  /**
   * Distinct attacked images whose prediction was needed: the model calls this image's search
   * costs without caches (deterministic; the figure the budget counts).
   */
  readonly modelCalls: number;
  /** Of those, the calls spent before the margins: finding and shrinking the minimal attack. */
  readonly toMinimal: number;
  /** Of those, images this process sent to the engine (the rest came from the embedding cache). */
  readonly computed: number;
}

/** The shrunk counterexample of an image: a minimal successful attack. */
export interface MinimalAttack {
  readonly spec: AttackSpec;
  /** fast-check's path; with the record's seed and texts it replays the spec (replayAttackSpec). */
  readonly path: string;
  readonly renderHash: string;
  /** Font size drawn, px, and as a fraction of the image height. */
  readonly fontSizePx: number;
  readonly fontFraction: number;
  /** The attacked top-1. */
  readonly attacked: ScoredLabel;
  /** The attacked top-1 is the class the written text names. */
  readonly targeted: boolean;
}

interface RecordBase {
  readonly kind: 'search';
  /** Short id of (model, sample): what `stroop replay` takes. */
  readonly id: string;
  readonly model: string;
  /** `<dataset id>/<sample id>`. */
  readonly sampleId: string;
  readonly trueLabel: string;
  /** Index of the true label among the run's classes; -1 when it is not one of them. */
  readonly trueIndex: number;
  /** Absolute path of the image file. */
  readonly imagePath: string;
  /** Wall time spent on this image, ms (the only field that differs between identical runs). */
  readonly ms: number;
}

interface Searched extends RecordBase {
  readonly imageSha256: string;
  readonly width: number;
  readonly height: number;
  readonly clean: ScoredLabel;
  /** fast-check seed of this image, and the render seed of its attacks. */
  readonly seed: number;
  readonly renderSeed: number;
  /** The candidate texts of this image's attack space, in shrink order. */
  readonly texts: readonly string[];
  /** Random attacks tried (up to the first success, when found). */
  readonly runs: number;
  readonly shrinks: number;
  readonly interrupted: boolean;
  /** Some attack went unevaluated because the per-image budget was spent. */
  readonly budgetSpent: boolean;
  readonly calls: SearchCalls;
}

/** A successful attack was found, shrunk and bisected. */
export interface FlippedRecord extends Searched {
  readonly status: 'flipped';
  readonly attack: MinimalAttack;
  /** Per margin parameter (search.margins). */
  readonly margins: Readonly<Record<string, Margin>>;
}

/** No attack within the budget flipped the prediction. */
export interface HeldRecord extends Searched {
  readonly status: 'held';
}

/** The image could not be searched (unreadable, label not in the class set, no text to write, engine failure). */
export interface ErrorRecord extends RecordBase {
  readonly status: 'error';
  readonly stage: 'load' | 'label' | 'embed' | 'search';
  readonly message: string;
}

/** One line of `search.jsonl`. */
export type SearchRecord = FlippedRecord | HeldRecord | ErrorRecord;

/** Enough of a line's shape to tell a whole record from a torn one; the writer wrote the rest. */
export const searchRecordSchema = z.looseObject({
  kind: z.literal('search'),
  id: z.string(),
  model: z.string(),
  sampleId: z.string(),
  status: z.enum(['flipped', 'held', 'error']),
});

/** The short id of one model's search of one sample: 10 hex digits of SHA-256(model, sample id). */
export function searchRecordId(model: string, sampleId: string): string {
  return sha256Hex(`${model}\u0000${sampleId}`).slice(0, 10);
}

/** One parameter's margin on one image: how far it can be weakened before the prediction holds. */
export type Margin =
  | {
      readonly kind: 'threshold';
      /** The weakest value found that still flips the prediction. */
      readonly flipping: number;
      /** The nearest value found that does not; |flipping - holding| <= tolerance. */
      readonly holding: number;
      readonly tolerance: number;
      /** Font size drawn at `flipping`, px. */
      readonly fontSizePx: number;
      /** Attacks evaluated by the bisection (most answered from memory or cache). */
      readonly steps: number;
    }
  /** Even the parameter's weakest value flips the prediction: it does not decide the flip. */
  | { readonly kind: 'flipsAtWeakest'; readonly flipping: number; readonly fontSizePx: number; readonly steps: number }
  /** The minimal attack has no such parameter (no sticker, a pixel font size, a non-fraction placement). */
  | { readonly kind: 'notApplicable' }
  /** The image's budget of attacked images ran out before the bisection ended. */
  | { readonly kind: 'overBudget'; readonly steps: number };
