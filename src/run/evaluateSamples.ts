import fs from 'node:fs';
import { renderAttack } from '../attacks/render/renderAttack.js';
import type { Sample } from '../datasets/dataset.js';
import { decodeImage } from '../image/decodeImage.js';
import type { OrientationPolicy } from '../image/decodeImage.js';
import type { DecodedImage } from '../image/decodedImage.js';
import { fromRgba, toRgba } from '../image/convertImage.js';
import { preprocessInto } from '../image/preprocessImage.js';
import { EmbedQueue } from './EmbedQueue.js';
import type { EmbeddingStore } from '../store/EmbeddingStore.js';
import type { Outcome } from '../results/outcome.js';
import { CLEAN, REAL_WORLD, outcomeKey } from '../results/outcome.js';
import { outcomesOf } from './outcomesOf.js';
import { imagePixelsKey, renderKey } from '../store/RenderIndex.js';
import type { EvaluationContext, EvaluationWork, RealWorldRow, RowState, SampleState } from './sampleState.js';
import { placeholderRows, plannedRows, specless } from './planSampleRows.js';
import { messageOf } from '../errors/errors.js';
import { sha256Hex } from '../util/hashing.js';

/** The outcomes of a batch of samples, and the work it took. */
export interface BatchEvaluation {
  readonly outcomes: Outcome[];
  readonly work: EvaluationWork;
}

/** An image file's bytes and the key of its decoded pixels (imagePixelsKey: its clean embedding's key), not yet decoded. */
interface ImageFile {
  readonly path: string;
  readonly key: string;
  readonly bytes: Buffer;
}

/** Synchronous: for small files it is several times faster than fs/promises, and the engine runs on its own threads. */
function readImage(file: string, orientation: OrientationPolicy | undefined): ImageFile {
  const bytes = fs.readFileSync(file);
  return { path: file, key: imagePixelsKey(sha256Hex(bytes), orientation), bytes };
}

function errorMessage(error: unknown): string {
  return messageOf(error);
}

/**
 * Evaluates a batch of samples with one model: loads each image, renders every attack row not
 * yet in the log, embeds what the caches lack (in engine batches, double-buffered), classifies
 * clean and attacked images, and returns one outcome per row. A bad sample becomes error
 * outcomes; nothing here throws for one sample's sake.
 *
 * A row whose render is in the render index and whose attacked embedding is cached is scored
 * without drawing; a sample whose rows all are, and whose clean embedding is cached, is not even
 * decoded (only its file is read and hashed). The outcomes are the same either way.
 */
export async function evaluateSamples(samples: readonly Sample[], ctx: EvaluationContext): Promise<BatchEvaluation> {
  const embeddings = new Map<string, Float32Array>();
  const failures = new Map<string, string>();
  const work = { imagesDecoded: 0, attacksRendered: 0, imagesEmbedded: 0 };
  const queue = new EmbedQueue(
    ctx.engine,
    ctx.batch,
    (key, embedding) => embeddings.set(key, embedding),
    (key, message) => failures.set(key, message),
    ctx.pixelBuffers,
  );
  const states: SampleState[] = [];
  const cleanKeys = new Set<string>();
  const attackedKeys = new Set<string>();

  // Reads a cached embedding into the batch's map up front, so what was found stays found.
  const load = (key: string, store: EmbeddingStore) => {
    if (embeddings.has(key)) return true;
    const cached = store.get(key);
    if (cached !== undefined) embeddings.set(key, cached);
    return cached !== undefined;
  };
  const need = async (key: string, store: EmbeddingStore, keys: Set<string>, image: (() => DecodedImage) | undefined) => {
    keys.add(key);
    if (embeddings.has(key) || queue.has(key)) return;
    const cached = store.get(key);
    if (cached !== undefined) embeddings.set(key, cached);
    else {
      if (image === undefined) throw new Error(`internal: image ${key} is neither cached nor decoded`);
      work.imagesEmbedded += 1;
      preprocessInto(image(), ctx.preprocessor, await queue.slot(key), 0);
    }
  };
  const imageOf = (image: DecodedImage | undefined) => (image === undefined ? undefined : () => image);
  const decode = (file: ImageFile) => {
    work.imagesDecoded += 1;
    return decodeImage(file.bytes, { path: file.path, maxPixels: ctx.maxPixels, ...(ctx.orientation === undefined ? {} : { orientation: ctx.orientation }) });
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
    if (ctx.candidates === 'label-vs-attack-text' && sample.attackText === undefined) {
      // The suite's protocol admits no rendered attacks, so the sample's one row is its clean row.
      const message = 'the protocol chooses between the label and the word written on the image, and this sample has no attack text';
      states.push({ key, needClean: isPending(CLEAN, ''), rows: [], failure: { stage: 'label', message, rows: [] } });
      continue;
    }
    const attributes = sample.attributes === undefined ? {} : { attributes: sample.attributes };
    const candidateIndex = sample.attackText === undefined ? -1 : ctx.classes.indexOf(sample.attackText);
    const candidates = ctx.candidates === 'label-vs-attack-text' ? { candidates: candidateIndex < 0 || candidateIndex === trueIndex ? [trueIndex] : [trueIndex, candidateIndex] } : {};
    // A row that cannot be drawn is an error row of its own; the sample's other rows, and its clean row, go on.
    const plans = plannedRows(sample, sampleId, ctx).filter((p) => isPending(p.row.attackId, p.row.variant));
    const rows = plans.filter((p) => p.failure === undefined).map((p) => p.row);
    const undrawn = plans.flatMap((p): RowState[] => (p.failure === undefined ? [] : [{ kind: 'failed', row: p.row, message: p.failure }]));
    // An unpaired real-world image has no clean version: no clean row (its clean accuracy is unknown).
    const unpaired = sample.attackText !== undefined && sample.cleanPath === undefined;
    const needClean = isPending(CLEAN, '') && !unpaired;
    const realWorldText = sample.attackText !== undefined && isPending(REAL_WORLD, '') ? sample.attackText : undefined;
    if (!needClean && rows.length === 0 && undrawn.length === 0 && realWorldText === undefined) continue;

    // Real-world sets: the listed image carries the text; the clean image is its pair, when given.
    const cleanFile = sample.attackText !== undefined ? (sample.cleanPath ?? sample.path) : sample.path;
    let clean: ImageFile;
    let decoded: DecodedImage | undefined;
    let renderKeys: string[] = [];
    let known: Array<RowState | undefined> = [];
    let realWorld: RealWorldRow | undefined;
    try {
      clean = readImage(cleanFile, ctx.orientation);
      renderKeys = rows.map((row) => renderKey({ renderer: ctx.renderer, imageSha256: clean.key, maxPixels: ctx.maxPixels, spec: row.spec, seed: row.seed }));
      known = rows.map((row, i): RowState | undefined => {
        const record = ctx.renderIndex.get(renderKeys[i] as string);
        return record !== undefined && load(record.renderHash, ctx.attackedStore) ? { kind: 'rendered', row, key: record.renderHash, fontSizePx: record.fontSizePx } : undefined;
      });
      // A render in the index proves the image decodes under this maxPixels (it is in the key), so
      // only then may decoding be skipped; real-world images are always decoded.
      const allKnown = rows.length > 0 && known.every((k) => k !== undefined);
      if (!allKnown || !load(clean.key, ctx.cleanStore) || realWorldText !== undefined) decoded = decode(clean);
      if (realWorldText !== undefined) {
        const attacked = cleanFile === sample.path ? clean : readImage(sample.path, ctx.orientation);
        const attackedImage = attacked === clean ? decoded : decode(attacked);
        realWorld = { key: attacked.key, attackText: realWorldText, paired: cleanFile !== sample.path };
        await need(attacked.key, ctx.cleanStore, cleanKeys, imageOf(attackedImage));
      }
    } catch (error) {
      const failed = [...rows, ...undrawn.map((r) => r.row), ...(realWorldText === undefined ? [] : [specless(REAL_WORLD, '')])];
      states.push({ key, needClean, rows: [], failure: { stage: 'load', message: errorMessage(error), rows: failed } });
      continue;
    }
    await need(clean.key, ctx.cleanStore, cleanKeys, imageOf(decoded));
    const rgba = decoded !== undefined && known.includes(undefined) ? toRgba(decoded) : undefined;
    const rowStates: RowState[] = [...undrawn];
    for (const [i, row] of rows.entries()) {
      const hit = known[i];
      if (hit !== undefined && hit.kind === 'rendered') {
        await need(hit.key, ctx.attackedStore, attackedKeys, undefined);
        rowStates.push(hit);
        continue;
      }
      try {
        work.attacksRendered += 1;
        const rendered = renderAttack(rgba!, row.spec, row.seed);
        if (rendered.kind === 'unrenderable') {
          rowStates.push({ kind: 'unrenderable', row, reason: rendered.message });
          continue;
        }
        ctx.renderIndex.put(renderKeys[i] as string, { renderHash: rendered.hash, fontSizePx: rendered.fontSizePx });
        await need(rendered.hash, ctx.attackedStore, attackedKeys, () => fromRgba(rendered.image));
        rowStates.push({ kind: 'rendered', row, key: rendered.hash, fontSizePx: rendered.fontSizePx });
      } catch (error) {
        rowStates.push({ kind: 'failed', row, message: errorMessage(error) });
      }
    }
    states.push({ key, ...attributes, ...candidates, needClean, cleanKey: clean.key, rows: rowStates, ...(realWorld === undefined ? {} : { realWorld }) });
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
  return { outcomes: states.flatMap((state) => outcomesOf(state, embeddings, failures, ctx)), work };
}
