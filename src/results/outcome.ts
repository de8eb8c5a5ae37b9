import { z } from 'zod';

/** One ranked class in an outcome (top-k entries of a prediction). */
export interface ScoredClass {
  /** Index into the run's class list. */
  readonly index: number;
  readonly label: string;
  /** Probability in [0,1]: softmax over the run's classes (CLIP), or the class's own sigmoid (SigLIP; see the model's scoring rule). */
  readonly probability: number;
  /** logitScale x cosine, recorded by protocols that report it (scam-binary: SCAM's `*_similarities`); absent otherwise. */
  readonly logit?: number;
}

/** What every outcome record carries: which model saw which sample under which attack. */
export interface OutcomeKey {
  readonly sampleId: string;
  /** Model id as the suite names it. */
  readonly model: string;
  /** Attack id within the suite (e.g. `sticker`); `clean` for a clean-only row. */
  readonly attackId: string;
  /**
   * Which of the attack's specs for this sample the row is, `<draw>/<preset path>` (e.g. `0/2/5`:
   * first seeded draw, text 2, sweep point 5); '' for clean-only rows. Unique per (model, attack, sample).
   */
  readonly variant: string;
  readonly trueLabel: string;
  /** Index of trueLabel in the class list. */
  readonly trueIndex: number;
}

/** A sample classified clean and attacked (paired, for McNemar's test). */
export interface ScoredOutcome extends OutcomeKey {
  readonly kind: 'scored';
  /** The written text, or null for a clean-only row. */
  readonly attackText: string | null;
  /** Class index the written text names (targeted success), or null when it names none. */
  readonly targetIndex: number | null;
  /** SHA-256 of the canonical attack spec JSON, null for clean-only rows. */
  readonly specHash: string | null;
  /** SHA-256 of the attacked image's RGBA bytes, null for clean-only rows. */
  readonly renderHash: string | null;
  /**
   * Attack parameters as flat scalars, for per-parameter buckets (`fontSizePx`, `opacity`, `placement`...),
   * and the sample attributes its dataset breaks results down by (`breakdown`, e.g. SCAM's `type`).
   */
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /** The sample's attributes from its manifest entry (SCAM's `type`, `id`, `postit_area_pct`...); absent when it has none. */
  readonly attributes?: Readonly<Record<string, number | string | boolean>>;
  /** Top-k of the clean image, best first. */
  readonly clean: readonly ScoredClass[];
  /** Top-k of the attacked image, best first (equal to clean for clean-only rows). */
  readonly attacked: readonly ScoredClass[];
}

/** The attack could not be rendered on this image (text does not fit even at minimum size...). */
export interface UnrenderableOutcome extends OutcomeKey {
  readonly kind: 'unrenderable';
  readonly attackText: string | null;
  readonly reason: string;
}

/** A bad sample: recorded, counted, and the run goes on. */
export interface ErrorOutcome extends OutcomeKey {
  readonly kind: 'error';
  /** Where it failed. */
  readonly stage: 'load' | 'label' | 'render' | 'embed';
  readonly message: string;
}

/** One line of a run's `results.jsonl`. */
export type Outcome = ScoredOutcome | UnrenderableOutcome | ErrorOutcome;

const scoredClass = z.object({ index: z.number().int().nonnegative(), label: z.string(), probability: z.number().min(0).max(1), logit: z.number().exactOptional() });

const key = {
  sampleId: z.string(),
  model: z.string(),
  attackId: z.string(),
  variant: z.string(),
  trueLabel: z.string(),
  trueIndex: z.number().int(),
};

/** A result-log line, validated when read back (a log may be old, merged or hand-edited). */
export const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('scored'),
    ...key,
    attackText: z.string().nullable(),
    targetIndex: z.number().int().nullable(),
    specHash: z.string().nullable(),
    renderHash: z.string().nullable(),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
    attributes: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).exactOptional(),
    clean: z.array(scoredClass),
    attacked: z.array(scoredClass),
  }),
  z.object({ kind: z.literal('unrenderable'), ...key, attackText: z.string().nullable(), reason: z.string() }),
  z.object({ kind: z.literal('error'), ...key, stage: z.enum(['load', 'label', 'render', 'embed']), message: z.string() }),
]) satisfies z.ZodType<Outcome>;

// The schema and the types are one contract: `satisfies` above refuses a schema whose records are
// not Outcomes; these refuse a field on either side that the other lacks.
type FieldsOf<T> = T extends unknown ? keyof T : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaHasEveryField: Same<FieldsOf<z.output<typeof outcomeSchema>>, FieldsOf<Outcome>> = true;
const schemaHasEveryClassField: Same<keyof z.output<typeof scoredClass>, keyof ScoredClass> = true;
void schemaHasEveryField;
void schemaHasEveryClassField;

/** Attack id of clean-only rows. */
export const CLEAN = 'clean';
/** Attack id of the rows of real-world attack sets (images that already carry the text). */
export const REAL_WORLD = 'real-world';

/**
 * Whether a scored row's `clean` is a clean image's prediction: true for every row but a real-
 * world row without a clean pair (`params.paired` false: the image already carries its word and
 * the manifest names no clean_path), whose `clean` repeats `attacked`, since there is nothing
 * else to classify. Such rows have an attacked accuracy and no clean one.
 */
export function hasCleanImage(outcome: Pick<ScoredOutcome, 'attackId' | 'params'>): boolean {
  return !(outcome.attackId === REAL_WORLD && outcome.params['paired'] === false);
}

/** What a row's {@link OutcomeKey.variant} encodes: which seeded draw, and which spec of the draw's preset. */
export interface Variant {
  /** 0-based seeded draw of the attack for this sample. */
  readonly draw: number;
  /** The spec's origin path in its preset (`2/5`: text 2, sweep point 5); undefined for a single-spec attack. */
  readonly presetPath?: string;
}

/** The variant string of a row: `<draw>` for a single spec, `<draw>/<preset path>` for a preset's spec. */
export function encodeVariant(variant: Variant): string {
  return variant.presetPath === undefined ? `${variant.draw}` : `${variant.draw}/${variant.presetPath}`;
}

/** The inverse of {@link encodeVariant}; undefined when the string names no draw (e.g. '' of clean rows). */
export function decodeVariant(text: string): Variant | undefined {
  const slash = text.indexOf('/');
  const drawText = slash < 0 ? text : text.slice(0, slash);
  const draw = /^(0|[1-9][0-9]*)$/.test(drawText) ? Number(drawText) : NaN;
  if (!Number.isSafeInteger(draw)) return undefined;
  return slash < 0 ? { draw } : { draw, presetPath: text.slice(slash + 1) };
}

/** The identity of one result-log row: what resume skips and merge deduplicates on. */
export function outcomeKey(o: Pick<OutcomeKey, 'model' | 'attackId' | 'sampleId' | 'variant'>): string {
  return `${o.model}\u0000${o.attackId}\u0000${o.sampleId}\u0000${o.variant}`;
}
