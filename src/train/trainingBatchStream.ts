/**
 * The training-batch stream `stroop-batches/1` (docs/training.md): stroop composes each step's
 * batch (artwork, written words, captions) and a PyTorch trainer reads it from a pipe. One JSON
 * header line, then one little-endian binary record per step.
 */
import { turnEventLoop } from '../util/eventLoop.js';
import type { Writable } from 'node:stream';
import { ConfigError } from '../errors/errors.js';
import type { ClipTokenizer } from '../families/clip/tokenizer/ClipTokenizer.js';
import { clipConfigJson, preprocessorConfigJson } from '../families/clip/writeClipCheckpoint.js';
import type { PreprocessorConfig } from '../model/preprocessorConfig.js';
import { CLASS_PLACEHOLDER } from '../zeroshot/classEmbeddings.js';
import { trainingBatch, type TrainingBatch, type TrainingPool } from './trainingData.js';
import type { TrainingRecipe } from './trainingRecipe.js';

export const batchStreamFormat = 'stroop-batches/1';

/** The stream's first line: what the records hold and the model they train. Plain JSON. */
export interface BatchStreamHeader {
  readonly format: typeof batchStreamFormat;
  /** The recipe's name, which is also the trained model's. */
  readonly recipe: string;
  /** Image side S, px. */
  readonly imageSize: number;
  readonly channels: number;
  /** Caption tokens per row. */
  readonly contextLength: number;
  /** Images (and captions) per record. */
  readonly batchSize: number;
  /** Records in the stream; they hold steps firstStep .. firstStep + steps - 1. */
  readonly steps: number;
  readonly firstStep: number;
  readonly eosTokenId: number;
  /** Class names in class-index order. */
  readonly classNames: readonly string[];
  /** The model's Hugging Face `config.json` (CLIPModel), as stroop writes it for stroop-tiny. */
  readonly config: Record<string, unknown>;
  /** The model's `preprocessor_config.json` (CLIPImageProcessor). */
  readonly preprocessor: Record<string, unknown>;
  /** The reduced CLIP tokenizer: how many BPE merges it keeps. */
  readonly tokenizer: { readonly merges: number };
  readonly seed: number;
  /** The whole recipe (TrainingRecipe), so a trainer can record how its model was made. */
  readonly settings: TrainingRecipe;
  /** Which pool the batches draw from (`emoji`, `artwork`). */
  readonly pool: string;
  /** The recipe's learning-rate schedule: Adam's peak rate, warm-up steps, and the schedule's length in steps (the recipe's steps). */
  readonly schedule: { readonly learningRate: number; readonly warmupSteps: number; readonly totalSteps: number };
}

/** Which steps a stream holds. */
export interface StepRange {
  /** First step, a whole number >= 0. */
  readonly firstStep: number;
  /** How many steps, a whole number >= 1. */
  readonly steps: number;
}

/** The header of a stream of `range` of `recipe`'s batches over `classNames`. */
export function batchStreamHeader(recipe: TrainingRecipe, preprocessor: PreprocessorConfig, classNames: readonly string[], range: StepRange, poolName = 'emoji'): BatchStreamHeader {
  const { vision, text } = recipe.architecture;
  return {
    format: batchStreamFormat,
    recipe: recipe.name,
    imageSize: vision.imageSize,
    channels: vision.numChannels,
    contextLength: text.maxPositionEmbeddings,
    batchSize: recipe.batchSize,
    steps: range.steps,
    firstStep: range.firstStep,
    eosTokenId: text.eosTokenId,
    classNames: [...classNames],
    config: clipConfigJson(recipe.architecture),
    preprocessor: preprocessorConfigJson(preprocessor),
    tokenizer: { merges: recipe.tokenizerMerges },
    seed: recipe.seed,
    settings: recipe,
    pool: poolName,
    schedule: { learningRate: recipe.learningRate, warmupSteps: recipe.warmupSteps, totalSteps: recipe.steps },
  };
}

/** The header as its line of UTF-8 JSON, ending in a newline. */
export function encodeBatchStreamHeader(header: BatchStreamHeader): Buffer {
  return Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
}

/** Bytes of one record of `header`'s stream. */
export function batchRecordBytes(header: Pick<BatchStreamHeader, 'batchSize' | 'channels' | 'imageSize' | 'contextLength'>): number {
  const { batchSize: b, channels, imageSize: s, contextLength } = header;
  return 8 + 4 * (b * channels * s * s + b * contextLength + 2 * b);
}

/**
 * One record: uint32 step, uint32 B, float32 pixels [B, 3, S, S], int32 caption ids
 * [B, contextLength], int32 pooled positions [B], int32 class indices [B]; little-endian.
 * @param classes the class index of each caption, B of them.
 */
export function encodeBatchRecord(step: number, batch: TrainingBatch, classes: Int32Array): Buffer {
  const b = batch.count;
  if (batch.pooled.length !== b || classes.length !== b) throw new RangeError(`A record of ${b} images needs ${b} pooled positions and class indices, got ${batch.pooled.length} and ${classes.length}.`);
  const out = Buffer.allocUnsafe(8 + 4 * (batch.pixels.length + batch.inputIds.length + 2 * b));
  out.writeUInt32LE(step, 0);
  out.writeUInt32LE(b, 4);
  let offset = 8;
  for (const values of [batch.pixels, batch.inputIds, batch.pooled, classes]) {
    // Node runs little-endian only on little-endian hosts (x64, arm64), so typed-array bytes are the wire bytes.
    const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    bytes.copy(out, offset);
    offset += bytes.length;
  }
  return out;
}

/**
 * The class index of each caption: the class a template names, found by matching the caption
 * against the recipe's templates (each batch names every class at most once).
 * @throws ConfigError when a caption names no class, or could name two.
 */
export function captionClasses(captions: readonly string[], templates: readonly string[], classNames: readonly string[]): Int32Array {
  const classIndex = new Map(classNames.map((name, i) => [name, i]));
  const parts = templates.map((t) => {
    const at = t.indexOf(CLASS_PLACEHOLDER);
    return { prefix: t.slice(0, at), suffix: t.slice(at + CLASS_PLACEHOLDER.length) };
  });
  return Int32Array.from(captions, (caption) => {
    const found = new Set<number>();
    for (const { prefix, suffix } of parts) {
      if (caption.length < prefix.length + suffix.length || !caption.startsWith(prefix) || !caption.endsWith(suffix)) continue;
      const c = classIndex.get(caption.slice(prefix.length, caption.length - suffix.length));
      if (c !== undefined) found.add(c);
    }
    if (found.size !== 1) throw new ConfigError(`Caption '${caption}' names ${found.size === 0 ? 'no class' : 'two classes'} under the recipe's templates.`);
    return [...found][0] as number;
  });
}

/** What a batch stream needs besides the steps: the recipe and what it composes from. */
export interface BatchSource {
  readonly recipe: TrainingRecipe;
  readonly pool: TrainingPool;
  readonly tokenizer: ClipTokenizer;
  readonly preprocessor: PreprocessorConfig;
  /** The pool's name for the header; default `emoji`. */
  readonly poolName?: string;
}

/** How a stream ended. */
export interface BatchStreamResult {
  /** Records written in full to the output. */
  readonly records: number;
  /** True when the reader went away (EPIPE, or the output was closed) before the last record. */
  readonly readerClosed: boolean;
}

/** Errors that mean the reader closed its end, not that writing failed. */
function isReaderGone(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ECONNRESET';
}

/**
 * Writes the header and the records of `range` to `output`, composing one batch at a time and
 * waiting for 'drain' before the next, so memory stays at about one record however long the
 * stream. Stops quietly when the reader goes away (EPIPE). Does not end `output`.
 * @throws ConfigError when the recipe's batch is larger than the pool's class count; any
 *   write error other than the reader going away.
 */
export async function writeBatchStream(output: Writable, source: BatchSource, range: StepRange): Promise<BatchStreamResult> {
  const { recipe, pool, tokenizer, preprocessor } = source;
  if (recipe.batchSize > pool.classNames.length) throw new ConfigError(`Batch size ${recipe.batchSize} exceeds the pool's ${pool.classNames.length} classes; a batch draws each class at most once.`);
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  output.on('error', onError);
  const open = () => failure === undefined && !output.destroyed;
  /** Writes one chunk; false once the output is gone. */
  const send = async (chunk: Buffer): Promise<boolean> => {
    if (!open()) return false;
    if (!output.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          output.off('drain', done);
          output.off('close', done);
          output.off('error', done);
          resolve();
        };
        output.on('drain', done);
        output.on('close', done);
        output.on('error', done);
      });
    }
    return open();
  };
  let records = 0;
  try {
    if (await send(encodeBatchStreamHeader(batchStreamHeader(recipe, preprocessor, pool.classNames, range, source.poolName)))) {
      for (let step = range.firstStep; step < range.firstStep + range.steps; step++) {
        const batch = trainingBatch(step, recipe, pool, tokenizer, preprocessor);
        if (!(await send(encodeBatchRecord(step, batch, captionClasses(batch.captions, recipe.templates, pool.classNames))))) break;
        records++;
        // A reader that keeps up never makes send wait: turn the loop so the batch's canvases are freed.
        await turnEventLoop();
      }
    }
  } finally {
    output.off('error', onError);
    // A late EPIPE must not surface as an unhandled 'error' event once we stop listening.
    if (failure !== undefined) output.on('error', () => {});
  }
  if (failure !== undefined && !isReaderGone(failure)) throw failure;
  return { records, readerClosed: records < range.steps };
}
