import { classifyZeroShot, normalizeRows } from '../zeroshot/zeroShotClassification.js';
import { rankCandidates } from '../zeroshot/protocols.js';
import type { Attributes } from '../datasets/manifest/manifestRow.js';
import { attackParams } from './sampleState.js';
import type { EvaluationContext, SampleState } from './sampleState.js';
import type { ErrorOutcome, Outcome, ScoredClass } from '../results/outcome.js';
import { CLEAN, REAL_WORLD } from '../results/outcome.js';
import { specHash } from '../util/hashing.js';

function scoreAll(keys: readonly string[], embeddings: Map<string, Float32Array>, ctx: EvaluationContext, candidates: readonly number[] | undefined): Map<string, ScoredClass[]> {
  if (candidates !== undefined) return scoreCandidates(keys, embeddings, ctx, candidates);
  const dim = ctx.classEmbeddings.dim;
  const data = new Float32Array(keys.length * dim);
  keys.forEach((key, i) => data.set(embeddings.get(key) as Float32Array, i * dim));
  const predictions = classifyZeroShot({ rows: keys.length, dim, data }, ctx.classEmbeddings, ctx.classes, ctx.engine.scoring, ctx.topK);
  return new Map(keys.map((key, i) => [key, (predictions[i]?.topK ?? []).map((c) => ({ index: c.index, label: c.label, probability: c.probability }))]));
}

/** Each image scored among `candidates` only (a label-vs-attack-text protocol), with the logits recorded. */
function scoreCandidates(keys: readonly string[], embeddings: Map<string, Float32Array>, ctx: EvaluationContext, candidates: readonly number[]): Map<string, ScoredClass[]> {
  const dim = ctx.classEmbeddings.dim;
  return new Map(
    keys.map((key) => {
      const unit = normalizeRows({ rows: 1, dim, data: embeddings.get(key) as Float32Array }).data;
      return [key, rankCandidates(unit, ctx.classEmbeddings, ctx.classes, candidates, ctx.engine.scoring.logitScale).slice(0, ctx.topK)];
    }),
  );
}

/** The breakdown name that stands for the sample's dataset id (a suite with several datasets compares them by it). */
export const datasetBreakdown = 'dataset';

/**
 * What a sample's scored rows carry beyond their predictions: its attributes, and the breakdown
 * ones among the params; `dataset` in the breakdown adds the dataset's id (over any attribute
 * of that name).
 */
function sampleFacts(state: SampleState, ctx: EvaluationContext): { readonly params: Readonly<Record<string, number | string | boolean>>; readonly extra: { attributes?: Attributes } } {
  const attributes = state.attributes ?? {};
  const params: Record<string, number | string | boolean> = Object.fromEntries(
    ctx.breakdown.flatMap((name) => (Object.hasOwn(attributes, name) ? [[name, attributes[name] as number | string | boolean]] : [])),
  );
  if (ctx.breakdown.includes(datasetBreakdown)) params[datasetBreakdown] = ctx.datasetId;
  return { params, extra: state.attributes === undefined ? {} : { attributes } };
}

/**
 * The outcome records of one sample, from its state and the batch's embeddings: scored rows,
 * unrenderable rows, and error rows for whatever failed (load, label, render, embed).
 */
export function outcomesOf(state: SampleState, embeddings: Map<string, Float32Array>, failures: Map<string, string>, ctx: EvaluationContext): Outcome[] {
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
  const scores = scoreAll([cleanKey, ...renderedKeys, ...realWorldKeys], embeddings, ctx, state.candidates);
  const clean = scores.get(cleanKey) ?? [];
  const facts = sampleFacts(state, ctx);
  const out: Outcome[] = [];
  if (state.needClean) {
    out.push({ kind: 'scored', ...state.key, attackId: CLEAN, variant: '', attackText: null, targetIndex: null, specHash: null, renderHash: null, params: facts.params, ...facts.extra, clean, attacked: clean });
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
        params: { ...facts.params, paired },
        ...facts.extra,
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
        params: { ...facts.params, ...attackParams(spec, r.fontSizePx) },
        ...facts.extra,
        clean,
        attacked: scores.get(r.key) ?? [],
      });
    }
  }
  return out;
}
