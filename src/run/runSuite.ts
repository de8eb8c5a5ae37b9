import { modelProvenance } from './openRunModel.js';
import { RESULT_LOG, RUN_MANIFEST, readJsonManifest, writeJsonAtomically } from '../results/outputDir.js';
import fs from 'node:fs';
import { loadModelTokenizer } from '../families/loadModel.js';
import path from 'node:path';
import { openDataset } from '../datasets/openDataset.js';
import type { Sample } from '../datasets/dataset.js';
import { RunError } from '../errors/RunError.js';
import type { TextTokenizer } from '../tokenizer/textTokenizer.js';
import { classEmbeddingsFor } from './classEmbeddingsFor.js';
import { classesOf } from './classesOf.js';
import type { EvaluationWork } from './evaluationContext.js';
import { evaluateSamples } from './evaluateSamples.js';
import { LazyEngine } from './LazyEngine.js';
import { openRunModel } from './openRunModel.js';
import { outcomeKey } from '../results/outcome.js';
import { readResultLog, type ResultLogTail, ResultLogWriter } from '../results/resultLog.js';
import { rendererFingerprint } from '../store/fingerprints.js';
import { startOutputManifest } from '../results/runManifest.js';
import { RenderIndex } from '../store/RenderIndex.js';
import type { RunManifest } from '../results/runManifest.js';
import { openModelStores } from '../store/EmbeddingStore.js';
import { OutputDirLock } from '../results/OutputDirLock.js';
import { describeCorruptCacheRecords } from '../store/RecordFile.js';
import type { RunPlan } from '../results/runPlan.js';
import { selectSamples } from './selectSamples.js';
import { specHash } from '../util/specHash.js';

/**
 * Samples are evaluated, and their outcomes appended to the log, in chunks of this many engine
 * batches' worth of samples. Within a chunk the engine embeds one batch while the next is decoded
 * and drawn; at a chunk's start and end it waits, so a chunk of one batch would leave the engine
 * idle for a batch's drawing every batch.
 */
export const chunkBatches = 4;

/** Progress of a run, reported after each chunk of samples (see chunkBatches). */
export interface RunProgress {
  readonly model: string;
  readonly dataset: string;
  /** Samples of this (model, dataset) handled so far, and how many this shard will handle. */
  readonly samplesDone: number;
  readonly samplesTotal: number;
  /** Result rows written by this process so far. */
  readonly rowsWritten: number;
  /** Said instead of "N rows written" (a search counts images, not rows). */
  readonly note?: string;
}

export interface RunOptions {
  readonly outDir: string;
  /** Where embedding caches and hash memos live (see cacheDir). */
  readonly cacheDir: string;
  readonly maxPixels: number;
  readonly offline?: boolean;
  /** Aborting stops the run after the current batch, with the log consistent. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RunProgress) => void;
}

export interface RunResult {
  readonly manifest: RunManifest;
  readonly logFile: string;
  readonly rowsWritten: number;
  /** Rows the log already held (resumed). */
  readonly rowsSkipped: number;
  /** A torn last line dropped from an interrupted log, in bytes (0 when none). */
  readonly tornBytes: number;
  readonly interrupted: boolean;
  /** Samples listed more than once in a dataset (`<dataset>/<id>`), evaluated once. */
  readonly duplicateSamples: readonly string[];
  /** What the caches did not save: images decoded, attacks drawn, images and texts embedded. */
  readonly work: RunWork;
  /** Cache records (embeddings, renders) whose checksum failed: dropped and computed again. */
  readonly corruptCacheRecords: number;
  /** What the caller should tell the user once (stderr), e.g. that damaged cache records were recomputed. */
  readonly warnings: readonly string[];
}

/** Work a run did, summed over models and datasets (a warm re-run of an unchanged suite does none). */
export interface RunWork extends EvaluationWork {
  /** Prompts sent to the text encoder. */
  readonly textsEmbedded: number;
  /** Models whose engine was opened (loaded), of those the plan names. */
  readonly enginesOpened: number;
}


function planHashOf(plan: RunPlan): string {
  // Gates judge a run, they do not change what it computes: a new --max-drop still resumes.
  const { shard: _shard, thresholds: _thresholds, ...rest } = plan;
  return specHash(rest);
}

/**
 * Runs a plan into `outDir`: every (model, dataset, sample, attack) row is appended to
 * `results.jsonl` as soon as its batch is done. Rows already in the log are skipped, so a
 * re-run into the same directory (or `--resume`) continues where a killed run stopped.
 * The caller writes the reports from the log afterwards.
 *
 * The directory is locked while the run writes into it (see OutputDirLock).
 * @throws OutputLockedError when another live process is writing into `outDir`.
 */
export async function runSuite(plan: RunPlan, options: RunOptions): Promise<RunResult> {
  fs.mkdirSync(options.outDir, { recursive: true });
  const lock = await OutputDirLock.acquire(options.outDir, 'run');
  try {
    return await runLocked(plan, options);
  } finally {
    lock.release();
  }
}

async function runLocked(plan: RunPlan, options: RunOptions): Promise<RunResult> {
  const manifestFile = path.join(options.outDir, RUN_MANIFEST);
  const logFile = path.join(options.outDir, RESULT_LOG);
  const planHash = planHashOf(plan);
  const previous = readJsonManifest<RunManifest>(manifestFile);
  if (previous !== undefined && (previous.planHash !== planHash || previous.plan.shard.index !== plan.shard.index || previous.plan.shard.count !== plan.shard.count)) {
    throw new RunError(
      `${options.outDir} holds a run of another suite or shard (${previous.plan.name}, shard ${previous.plan.shard.index}/${previous.plan.shard.count}); ` +
        'choose another --out, or delete that directory to start over.',
      options.outDir,
    );
  }
  const done = new Set<string>();
  const tail: ResultLogTail = { validBytes: 0, tornBytes: 0 };
  for (const outcome of readResultLog(logFile, tail)) done.add(outcomeKey(outcome));
  const rowsSkipped = done.size;

  const manifest: RunManifest = startOutputManifest(manifestFile, logFile, previous, planHash, plan);
  // Renders do not depend on the model: one index serves every model of every run.
  const renderer = rendererFingerprint();
  const renderIndex = RenderIndex.open(RenderIndex.fileIn(options.cacheDir, renderer));
  const writer = ResultLogWriter.open(logFile, tail.validBytes, tail.tornBytes);
  let rowsWritten = 0;
  let interrupted = false;
  const duplicates: string[] = [];
  const work = { imagesDecoded: 0, attacksRendered: 0, imagesEmbedded: 0, textsEmbedded: 0, enginesOpened: 0 };
  let corruptCacheRecords = 0;
  try {
    for (const planned of plan.models) {
      if (options.signal?.aborted) break;
      const opened = await openRunModel(planned, options.cacheDir, options.offline === true);
      const { model, engine, storeDir } = opened;
      corruptCacheRecords += opened.corruptCacheRecords;
      try {
        const stores = openModelStores(storeDir, model.preprocessor, engine.config.projectionDim);
        manifest.models[planned.id] = modelProvenance(planned, opened);
        try {
          let tokenizerLoad: Promise<TextTokenizer> | undefined;
          const tokenizer = () => (tokenizerLoad ??= loadModelTokenizer(model));
          for (const planDataset of plan.datasets) {
            if (options.signal?.aborted) break;
            const dataset = await openDataset(planDataset.spec);
            const classes = await classesOf(planDataset, () => dataset.samples(), plan.maxSamples);
            manifest.classes[planDataset.id] = classes;
            writeJsonAtomically(manifestFile, manifest);
            const textsBefore = stores.text.size + stores.text.corruptRecords;
            const classEmbeddings = await classEmbeddingsFor(engine, tokenizer, classes, plan.templates, stores.text);
            // A damaged record leaves the index when read and comes back when embedded again.
            work.textsEmbedded += stores.text.size + stores.text.corruptRecords - textsBefore;
            const total = Math.ceil(Math.min(await dataset.count(), plan.maxSamples ?? Infinity) / plan.shard.count);
            const context = {
              model: planned.id,
              datasetId: planDataset.id,
              engine,
              preprocessor: model.preprocessor,
              classes,
              classEmbeddings,
              attacks: plan.attacks,
              topK: plan.topK,
              batch: plan.batch,
              maxPixels: options.maxPixels,
              ...(planDataset.orientation === undefined ? {} : { orientation: planDataset.orientation }),
              cleanStore: stores.clean,
              attackedStore: stores.attacked,
              renderIndex,
              renderer,
              isDone: (key: string) => done.has(key),
              pixelBuffers: [],
            };
            let chunk: Sample[] = [];
            let samplesDone = 0;
            options.onProgress?.({ model: planned.id, dataset: planDataset.id, samplesDone, samplesTotal: total, rowsWritten });
            const flush = async () => {
              const { outcomes, work: chunkWork } = await evaluateSamples(chunk, context);
              work.imagesDecoded += chunkWork.imagesDecoded;
              work.attacksRendered += chunkWork.attacksRendered;
              work.imagesEmbedded += chunkWork.imagesEmbedded;
              writer.append(outcomes);
              rowsWritten += outcomes.length;
              samplesDone += chunk.length;
              chunk = [];
              options.onProgress?.({ model: planned.id, dataset: planDataset.id, samplesDone, samplesTotal: total, rowsWritten });
            };
            const seen = new Set<string>();
            for await (const sample of selectSamples(dataset.samples(), plan.shard, plan.maxSamples)) {
              // A manifest may list one image twice; its rows would collide, so the repeat is skipped.
              if (seen.has(sample.id)) {
                duplicates.push(`${planDataset.id}/${sample.id}`);
                continue;
              }
              seen.add(sample.id);
              chunk.push(sample);
              if (chunk.length === plan.batch * chunkBatches) await flush();
              if (options.signal?.aborted) break;
            }
            if (chunk.length > 0 && !options.signal?.aborted) await flush();
          }
        } finally {
          Object.values(stores).forEach((s) => {
            corruptCacheRecords += s.corruptRecords;
            s.close();
          });
        }
      } finally {
        if (!(engine instanceof LazyEngine) || engine.opened) work.enginesOpened += 1;
        engine.dispose();
      }
    }
    interrupted = options.signal?.aborted === true;
  } finally {
    writer.close();
    corruptCacheRecords += renderIndex.corruptRecords;
    renderIndex.close();
    writeJsonAtomically(manifestFile, manifest);
  }
  const warnings = [
    ...(corruptCacheRecords > 0 ? [describeCorruptCacheRecords(corruptCacheRecords, options.cacheDir)] : []),
    ...((tail.duplicateLines ?? 0) > 0
      ? [`${logFile} holds ${tail.duplicateLines} rows twice, byte for byte (two processes once wrote into it at the same time); the repeats are ignored.`]
      : []),
  ];
  return { manifest, logFile, rowsWritten, rowsSkipped, tornBytes: tail.tornBytes, interrupted, duplicateSamples: duplicates, work, corruptCacheRecords, warnings };
}
