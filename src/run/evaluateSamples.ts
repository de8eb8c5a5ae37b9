import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { expandPreset } from '../attacks/presets/expandPreset.js';
import type { AttackSpec } from '../attacks/spec/attackSpecSchema.js';
import { renderAttack } from '../attacks/render/renderAttack.js';
import type { Sample } from '../datasets/sample.js';
import type { EmbeddingEngine, EmbeddingMatrix } from '../engines/embeddingEngine.js';
import { decodeImage } from '../image/decodeImage.js';
import type { DecodedImage } from '../image/decodedImage.js';
import { preprocessInto } from '../image/preprocessInto.js';
import { fromRgba } from '../image/fromRgba.js';
import { toRgba } from '../image/toRgba.js';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import { classifyZeroShot } from '../zeroshot/classifyZeroShot.js';
import { attackParams } from './attackParams.js';
import { EmbedQueue } from './EmbedQueue.js';
import type { EmbeddingStore } from './EmbeddingStore.js';
import type { ErrorOutcome, Outcome, OutcomeKey, ScoredClass } from './outcome.js';
import { outcomeKey } from './outcomeKey.js';
import type { PlannedAttack } from './runPlan.js';
import { sampleSeed } from './sampleSeed.js';
import { specHash } from './specHash.js';

/** What evaluating samples with one model on one dataset needs. */
export interface EvaluationContext {
  readonly model: string;
  readonly datasetId: string;
  readonly engine: EmbeddingEngine;
  readonly preprocessor: PreprocessorConfig;
  readonly classes: readonly string[];
  /** Unit-norm class embeddings, one row per class. */
  readonly classEmbeddings: EmbeddingMatrix;
  readonly attacks: readonly PlannedAttack[];
  readonly topK: number;
  readonly batch: number;
  readonly maxPixels: number;
  /** Clean images by file SHA-256, attacked images by render hash. */
  readonly cleanStore: EmbeddingStore;
  readonly attackedStore: EmbeddingStore;
  /** Whether a row is already in the result log (resume). */
  readonly isDone: (key: string) => boolean;
}

/** One attack row to produce for a sample, before rendering. */
interface PlannedRow {
  readonly attackId: string;
  readonly variant: string;
  readonly spec: AttackSpec;
  readonly seed: number;
}

type RowState =
  | { readonly kind: 'rendered'; readonly row: PlannedRow; readonly key: string; readonly fontSizePx: number }
  | { readonly kind: 'unrenderable'; readonly row: PlannedRow; readonly reason: string }
  | { readonly kind: 'failed'; readonly row: PlannedRow; readonly message: string };

/** A real-world attack image (the text is already on it), scored against its clean pair. */
interface RealWorldRow {
  readonly key: string;
  readonly attackText: string;
  /** Whether a clean pair exists; without one, clean = attacked and no drop is measured. */
  readonly paired: boolean;
}

interface SampleState {
  readonly key: Omit<OutcomeKey, 'attackId' | 'variant'>;
  readonly needClean: boolean;
  readonly cleanKey?: string;
  readonly realWorld?: RealWorldRow;
  readonly rows: RowState[];
  readonly failure?: { readonly stage: ErrorOutcome['stage']; readonly message: string; readonly rows: readonly PlannedRow[] };
}

const CLEAN = 'clean';
/** Attack id of the rows of real-world attack sets (images that already carry the text). */
export const REAL_WORLD = 'real-world';

async function loadImage(file: string, maxPixels: number): Promise<{ key: string; image: DecodedImage }> {
  const bytes = await fs.readFile(file);
  return { key: createHash('sha256').update(bytes).digest('hex'), image: decodeImage(bytes, { path: file, maxPixels }) };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The rows of every attack for one sample: n seeded draws x the preset's texts and sweep points. */
function plannedRows(sample: Sample, sampleId: string, ctx: EvaluationContext): PlannedRow[] {
  return ctx.attacks.flatMap((attack) =>
    Array.from({ length: attack.n }, (_, draw) => {
      const seed = sampleSeed(attack.seed, sampleId, draw);
      if (attack.attack.kind === 'spec') return [{ attackId: attack.id, variant: `${draw}`, spec: attack.attack.spec, seed }];
      const specs = expandPreset(attack.attack.preset, { label: sample.label, classes: ctx.classes, seed });
      return specs.map((spec) => ({ attackId: attack.id, variant: `${draw}/${spec.origin?.path ?? ''}`, spec, seed }));
    }).flat(),
  );
}

/** Placeholder rows (one per draw) for a sample whose rows cannot be expanded (bad label or image). */
function placeholderRows(ctx: EvaluationContext): PlannedRow[] {
  return ctx.attacks.flatMap((attack) => Array.from({ length: attack.n }, (_, draw) => ({ attackId: attack.id, variant: `${draw}`, spec: undefined as unknown as AttackSpec, seed: 0 })));
}

/**
 * Evaluates a batch of samples with one model: loads each image, renders every attack row not
 * yet in the log, embeds what the caches lack (in engine batches, double-buffered), classifies
 * clean and attacked images, and returns one outcome per row. A bad sample becomes error
 * outcomes; nothing here throws for one sample's sake.
 */
export async function evaluateSamples(samples: readonly Sample[], ctx: EvaluationContext): Promise<Outcome[]> {
  const embeddings = new Map<string, Float32Array>();
  const failures = new Map<string, string>();
  const queue = new EmbedQueue(
    ctx.engine,
    ctx.batch,
    (key, embedding) => embeddings.set(key, embedding),
    (key, message) => failures.set(key, message),
  );
  const states: SampleState[] = [];
  const cleanKeys = new Set<string>();
  const attackedKeys = new Set<string>();

  const need = async (key: string, store: EmbeddingStore, keys: Set<string>, write: (into: Float32Array) => void) => {
    keys.add(key);
    if (embeddings.has(key) || queue.has(key)) return;
    const cached = store.get(key);
    if (cached !== undefined) embeddings.set(key, cached);
    else write(await queue.slot(key));
  };

  for (const sample of samples) {
    const sampleId = `${ctx.datasetId}/${sample.id}`;
    const trueIndex = ctx.classes.indexOf(sample.label);
    const key = { sampleId, model: ctx.model, trueLabel: sample.label, trueIndex };
    const isPending = (attackId: string, variant: string) => !ctx.isDone(outcomeKey({ model: ctx.model, attackId, sampleId, variant }));
    if (trueIndex < 0) {
      const message = `label '${sample.label}' is not one of the run's ${ctx.classes.length} classes`;
      states.push({ key, needClean: isPending(CLEAN, ''), rows: [], failure: { stage: 'label', message, rows: placeholderRows(ctx).filter((r) => isPending(r.attackId, r.variant)) } });
      continue;
    }
    let rows: PlannedRow[];
    try {
      rows = plannedRows(sample, sampleId, ctx).filter((r) => isPending(r.attackId, r.variant));
    } catch (error) {
      states.push({ key, needClean: isPending(CLEAN, ''), rows: [], failure: { stage: 'render', message: errorMessage(error), rows: placeholderRows(ctx) } });
      continue;
    }
    // An unpaired real-world image has no clean version: no clean row (its clean accuracy is unknown).
    const unpaired = sample.attackText !== undefined && sample.cleanPath === undefined;
    const needClean = isPending(CLEAN, '') && !unpaired;
    const realWorldText = sample.attackText !== undefined && isPending(REAL_WORLD, '') ? sample.attackText : undefined;
    if (!needClean && rows.length === 0 && realWorldText === undefined) continue;

    // Real-world sets: the listed image carries the text; the clean image is its pair, when given.
    const cleanFile = sample.attackText !== undefined ? (sample.cleanPath ?? sample.path) : sample.path;
    let clean: { key: string; image: DecodedImage };
    let realWorld: RealWorldRow | undefined;
    try {
      clean = await loadImage(cleanFile, ctx.maxPixels);
      if (realWorldText !== undefined) {
        const attacked = cleanFile === sample.path ? clean : await loadImage(sample.path, ctx.maxPixels);
        realWorld = { key: attacked.key, attackText: realWorldText, paired: cleanFile !== sample.path };
        await need(attacked.key, ctx.cleanStore, cleanKeys, (into) => preprocessInto(attacked.image, ctx.preprocessor, into, 0));
      }
    } catch (error) {
      const failed = realWorldText === undefined ? rows : [...rows, { attackId: REAL_WORLD, variant: '', spec: undefined as unknown as AttackSpec, seed: 0 }];
      states.push({ key, needClean, rows: [], failure: { stage: 'load', message: errorMessage(error), rows: failed } });
      continue;
    }
    const decoded = clean.image;
    const cleanKey = clean.key;
    await need(cleanKey, ctx.cleanStore, cleanKeys, (into) => preprocessInto(decoded, ctx.preprocessor, into, 0));
    const rgba = rows.length > 0 ? toRgba(decoded) : undefined;
    const rowStates: RowState[] = [];
    for (const row of rows) {
      try {
        const rendered = renderAttack(rgba!, row.spec, row.seed);
        if (rendered.kind === 'unrenderable') {
          rowStates.push({ kind: 'unrenderable', row, reason: rendered.message });
          continue;
        }
        await need(rendered.hash, ctx.attackedStore, attackedKeys, (into) => preprocessInto(fromRgba(rendered.image), ctx.preprocessor, into, 0));
        rowStates.push({ kind: 'rendered', row, key: rendered.hash, fontSizePx: rendered.fontSizePx });
      } catch (error) {
        rowStates.push({ kind: 'failed', row, message: errorMessage(error) });
      }
    }
    states.push({ key, needClean, cleanKey, rows: rowStates, ...(realWorld === undefined ? {} : { realWorld }) });
  }
  await queue.drain();
  for (const key of cleanKeys) {
    const embedding = embeddings.get(key);
    if (embedding !== undefined) ctx.cleanStore.put(key, embedding);
  }
  for (const key of attackedKeys) {
    const embedding = embeddings.get(key);
    if (embedding !== undefined) ctx.attackedStore.put(key, embedding);
  }
  return states.flatMap((state) => outcomesOf(state, embeddings, failures, ctx));
}

function scoreAll(keys: readonly string[], embeddings: Map<string, Float32Array>, ctx: EvaluationContext): Map<string, ScoredClass[]> {
  const dim = ctx.classEmbeddings.dim;
  const data = new Float32Array(keys.length * dim);
  keys.forEach((key, i) => data.set(embeddings.get(key) as Float32Array, i * dim));
  const predictions = classifyZeroShot({ rows: keys.length, dim, data }, ctx.classEmbeddings, ctx.classes, ctx.engine.logitScale, ctx.topK);
  return new Map(keys.map((key, i) => [key, (predictions[i]?.topK ?? []).map((c) => ({ index: c.index, label: c.label, probability: c.probability }))]));
}

function outcomesOf(state: SampleState, embeddings: Map<string, Float32Array>, failures: Map<string, string>, ctx: EvaluationContext): Outcome[] {
  const errorRow = (attackId: string, variant: string, stage: ErrorOutcome['stage'], message: string): Outcome => ({ kind: 'error', ...state.key, attackId, variant, stage, message });
  if (state.failure !== undefined) {
    const { stage, message } = state.failure;
    return [...(state.needClean ? [errorRow(CLEAN, '', stage, message)] : []), ...state.failure.rows.map((r) => errorRow(r.attackId, r.variant, stage, message))];
  }
  const cleanKey = state.cleanKey as string;
  const cleanFailure = failures.get(cleanKey);
  if (cleanFailure !== undefined || !embeddings.has(cleanKey)) {
    const message = `embedding the clean image failed: ${cleanFailure ?? 'no embedding'}`;
    return [...(state.needClean ? [errorRow(CLEAN, '', 'embed', message)] : []), ...state.rows.map((r) => errorRow(r.row.attackId, r.row.variant, 'embed', message))];
  }
  const renderedKeys = state.rows.flatMap((r) => (r.kind === 'rendered' && embeddings.has(r.key) ? [r.key] : []));
  const realWorldKeys = state.realWorld !== undefined && embeddings.has(state.realWorld.key) ? [state.realWorld.key] : [];
  const scores = scoreAll([cleanKey, ...renderedKeys, ...realWorldKeys], embeddings, ctx);
  const clean = scores.get(cleanKey) ?? [];
  const out: Outcome[] = [];
  if (state.needClean) {
    out.push({ kind: 'scored', ...state.key, attackId: CLEAN, variant: '', attackText: null, targetIndex: null, specHash: null, renderHash: null, params: {}, clean, attacked: clean });
  }
  if (state.realWorld !== undefined) {
    const { key, attackText, paired } = state.realWorld;
    const target = ctx.classes.indexOf(attackText);
    if (!embeddings.has(key)) out.push(errorRow(REAL_WORLD, '', 'embed', failures.get(key) ?? 'no embedding'));
    else {
      const attacked = scores.get(key) ?? [];
      out.push({
        kind: 'scored',
        ...state.key,
        attackId: REAL_WORLD,
        variant: '',
        attackText,
        targetIndex: target < 0 ? null : target,
        specHash: null,
        renderHash: key,
        params: { paired },
        clean: paired ? clean : attacked,
        attacked,
      });
    }
  }
  for (const r of state.rows) {
    const { attackId, variant, spec } = r.row;
    if (r.kind === 'failed') out.push(errorRow(attackId, variant, 'render', r.message));
    else if (r.kind === 'unrenderable') out.push({ kind: 'unrenderable', ...state.key, attackId, variant, attackText: spec.text, reason: r.reason });
    else if (!embeddings.has(r.key)) out.push(errorRow(attackId, variant, 'embed', failures.get(r.key) ?? 'no embedding'));
    else {
      const target = ctx.classes.indexOf(spec.text);
      out.push({
        kind: 'scored',
        ...state.key,
        attackId,
        variant,
        attackText: spec.text,
        targetIndex: target < 0 ? null : target,
        specHash: specHash(spec),
        renderHash: r.key,
        params: attackParams(spec, r.fontSizePx),
        clean,
        attacked: scores.get(r.key) ?? [],
      });
    }
  }
  return out;
}
