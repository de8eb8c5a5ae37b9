import type { AttackSpec } from '../attacks/attackSpec.js';
import type { ErrorOutcome, OutcomeKey } from '../results/outcome.js';
import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';
import type { OrientationPolicy } from '../image/decodeImage.js';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import type { EmbeddingStore } from '../store/EmbeddingStore.js';
import type { RenderIndex } from '../store/RenderIndex.js';
import type { PlannedAttack } from '../results/runPlan.js';
import { createHash } from 'node:crypto';
import type { Attributes } from '../datasets/manifest/manifestRow.js';
import type { Protocol } from '../zeroshot/protocols.js';

/** One attack row to produce for a sample, before rendering. */
export interface PlannedRow {
  readonly attackId: string;
  readonly variant: string;
  readonly spec: AttackSpec;
  readonly seed: number;
}

/**
 * An attack row after rendering (or after finding its render in the index). `failed`: drawing
 * its spec (a text it cannot write) or rendering it threw; a row that was never drawn has no
 * spec, so nothing reads a failed row's spec. A failed row fails alone: its sample's clean row
 * and other rows go on.
 */
export type RowState =
  | { readonly kind: 'rendered'; readonly row: PlannedRow; readonly key: string; readonly fontSizePx: number }
  | { readonly kind: 'unrenderable'; readonly row: PlannedRow; readonly reason: string }
  | { readonly kind: 'failed'; readonly row: PlannedRow; readonly message: string };

/** A real-world attack image (the text is already on it), scored against its clean pair. */
export interface RealWorldRow {
  readonly key: string;
  readonly attackText: string;
  /** Whether a clean pair exists; without one, clean = attacked and no drop is measured. */
  readonly paired: boolean;
}

/** One sample between rendering and scoring: which embeddings its rows need. */
export interface SampleState {
  readonly key: Omit<OutcomeKey, 'attackId' | 'variant'>;
  /** The sample's attributes (they go into its scored rows; the dataset's breakdown ones into their params too). */
  readonly attributes?: Attributes;
  /** Under a label-vs-attack-text protocol: the class indices its images choose between (label first). */
  readonly candidates?: readonly number[];
  readonly needClean: boolean;
  readonly cleanKey?: string;
  readonly realWorld?: RealWorldRow;
  readonly rows: RowState[];
  readonly failure?: { readonly stage: ErrorOutcome['stage']; readonly message: string; readonly rows: readonly PlannedRow[] };
}

/** What evaluating samples with one model on one dataset needs. */
export interface EvaluationContext {
  readonly model: string;
  readonly datasetId: string;
  readonly engine: EmbeddingEngine;
  readonly preprocessor: PreprocessorConfig;
  readonly classes: readonly string[];
  /** Unit-norm class embeddings, one row per class. */
  readonly classEmbeddings: EmbeddingMatrix;
  /** Which classes compete for an image: all, or only its label and its attack text (see zeroshot/protocols). */
  readonly candidates: Protocol['candidates'];
  /** Sample attributes that join the rows' params (the dataset's breakdown). */
  readonly breakdown: readonly string[];
  readonly attacks: readonly PlannedAttack[];
  readonly topK: number;
  readonly batch: number;
  /** Images with more pixels are refused before decoding (error outcomes). */
  readonly maxPixels: number;
  /** The dataset's EXIF orientation policy; absent = the default (`exif`). */
  readonly orientation?: OrientationPolicy;
  /** Clean images by file SHA-256, attacked images by render hash. */
  readonly cleanStore: EmbeddingStore;
  readonly attackedStore: EmbeddingStore;
  /** Render key -> render hash, so cached attacked embeddings are found without drawing. */
  readonly renderIndex: RenderIndex;
  /** rendererFingerprint() of this process, part of every render key. */
  readonly renderer: string;
  /** Whether a row is already in the result log (resume). */
  readonly isDone: (key: string) => boolean;
  /** Batch pixel buffers kept from one call to the next (see EmbedQueue); starts empty. */
  readonly pixelBuffers: Float32Array[];
}

/** What a batch of samples cost: the work the caches did not save. */
export interface EvaluationWork {
  /** Image files decoded, or tried (a broken file is tried on every run): clean and real-world attack images. */
  readonly imagesDecoded: number;
  /** Attacks drawn (including unrenderable ones). */
  readonly attacksRendered: number;
  /** Images sent to the engine (clean + attacked), each distinct image once. */
  readonly imagesEmbedded: number;
}

/**
 * An attack's parameters as flat scalars, the keys of per-parameter buckets and dose-response
 * curves: what was asked for (spec) and what was drawn (the font size after shrink-to-fit).
 */
export function attackParams(spec: AttackSpec, fontSizePx: number): Record<string, number | string | boolean> {
  const { placement } = spec;
  return {
    font: spec.font.family,
    fontSizePx,
    // A size given in px has no fraction: the key is left out (a placeholder would be a dose on the curve).
    ...(spec.size.unit === 'shortSide' ? { sizeFraction: spec.size.value } : {}),
    fill: spec.fill,
    strokeWidthPx: spec.stroke.widthPx,
    opacity: spec.opacity,
    placement: placement.kind === 'anchor' ? placement.anchor : placement.kind,
    rotationDeg: spec.rotationDeg,
    sticker: spec.sticker !== null,
    repeat: spec.repeat,
    letterCase: spec.letterCase,
    perturbation: spec.perturbation.kind,
    layout: spec.layout.kind,
  };
}

/**
 * The seed of one attack draw on one sample: a hash of the attack's base seed, the sample id
 * and the draw index, so it does not depend on sample order, sharding or resuming.
 * @returns a non-negative integer below 2^31.
 */
export function sampleSeed(baseSeed: number, sampleId: string, draw: number): number {
  const digest = createHash('sha256').update(`${baseSeed}\u0000${sampleId}\u0000${draw}`).digest();
  return digest.readUInt32LE(0) & 0x7fffffff;
}
