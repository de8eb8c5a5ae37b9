import type { Sample } from '../datasets/dataset.js';
import { outcomeKey, type Outcome } from '../results/outcome.js';
import { RESULT_LOG, RUN_MANIFEST } from '../results/outputDir.js';
import { readResultLog } from '../results/resultLog.js';
import type { RunManifest } from '../results/runManifest.js';
import type { RunPlan } from '../results/runPlan.js';
import { rendererFingerprint } from '../store/fingerprints.js';
import { describeCorruptCacheRecords } from '../store/RecordFile.js';
import { RenderIndex } from '../store/RenderIndex.js';
import { specHash } from '../util/hashing.js';
import type { EvaluationContext, EvaluationWork } from './sampleState.js';
import { evaluateSamples } from './evaluateSamples.js';
import { orchestrate, type AuditResult, type OutputKind } from './orchestrate.js';
import { selectSamples } from './planFromSuite.js';
import { defaultProtocol, protocolOf } from '../zeroshot/protocols.js';

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

/** A run's output directory: `run.json` and `results.jsonl`, one row per (model, sample, attack, variant). */
function runOutput(plan: RunPlan): OutputKind<RunPlan> {
  return {
    lockKind: 'run',
    manifestName: RUN_MANIFEST,
    logName: RESULT_LOG,
    planHash: planHashOf(plan),
    refuse: (previous, outDir) =>
      previous.planHash === planHashOf(plan) && previous.plan.shard.index === plan.shard.index && previous.plan.shard.count === plan.shard.count
        ? undefined
        : `${outDir} holds a run of another suite or shard (${previous.plan.name}, shard ${previous.plan.shard.index}/${previous.plan.shard.count}); ` +
          'choose another --out, or delete that directory to start over.',
    keysInLog: function* (logFile, tail) {
      for (const outcome of readResultLog(logFile, tail)) yield outcomeKey(outcome);
    },
  };
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
  // Renders do not depend on the model: one index serves every model of every run.
  const renderer = rendererFingerprint();
  const renderIndex = RenderIndex.open(RenderIndex.fileIn(options.cacheDir, renderer));
  const duplicates: string[] = [];
  const work = { imagesDecoded: 0, attacksRendered: 0, imagesEmbedded: 0 };
  const stopped = () => options.signal?.aborted === true;
  let rowsWritten = 0;
  let audit: AuditResult<RunPlan>;
  try {
    audit = await orchestrate<Outcome, RunPlan>(plan, runOutput(plan), { outDir: options.outDir, cacheDir: options.cacheDir, offline: options.offline === true, stopped }, async (session) => {
      const { planned, planDataset, dataset } = session;
      const total = Math.ceil(Math.min(await dataset.count(), plan.maxSamples ?? Infinity) / plan.shard.count);
      const context: EvaluationContext = {
        model: planned.id,
        datasetId: planDataset.id,
        engine: session.engine,
        preprocessor: session.model.preprocessor,
        classes: session.classes,
        classEmbeddings: session.classEmbeddings,
        candidates: protocolOf(plan.protocol ?? defaultProtocol).candidates,
        breakdown: planDataset.breakdown ?? [],
        attacks: plan.attacks,
        topK: plan.topK,
        batch: plan.batch,
        maxPixels: options.maxPixels,
        ...(planDataset.orientation === undefined ? {} : { orientation: planDataset.orientation }),
        cleanStore: session.stores.clean,
        attackedStore: session.stores.attacked,
        renderIndex,
        renderer,
        isDone: (key: string) => session.done.has(key),
        pixelBuffers: [],
      };
      let chunk: Sample[] = [];
      let samplesDone = 0;
      let written = 0;
      options.onProgress?.({ model: planned.id, dataset: planDataset.id, samplesDone, samplesTotal: total, rowsWritten });
      const flush = async () => {
        const { outcomes, work: chunkWork } = await evaluateSamples(chunk, context);
        work.imagesDecoded += chunkWork.imagesDecoded;
        work.attacksRendered += chunkWork.attacksRendered;
        work.imagesEmbedded += chunkWork.imagesEmbedded;
        session.writer.append(outcomes);
        rowsWritten += outcomes.length;
        written += outcomes.length;
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
        if (stopped()) break;
      }
      if (chunk.length > 0 && !stopped()) await flush();
      return written;
    });
  } finally {
    renderIndex.close();
  }
  const corruptCacheRecords = audit.corruptCacheRecords + renderIndex.corruptRecords;
  const { tail, logFile } = audit;
  const warnings = [
    ...(corruptCacheRecords > 0 ? [describeCorruptCacheRecords(corruptCacheRecords, options.cacheDir)] : []),
    ...((tail.duplicateLines ?? 0) > 0
      ? [`${logFile} holds ${tail.duplicateLines} rows twice, byte for byte (two processes once wrote into it at the same time); the repeats are ignored.`]
      : []),
  ];
  return {
    manifest: audit.manifest,
    logFile,
    rowsWritten: audit.written,
    rowsSkipped: audit.skipped,
    tornBytes: tail.tornBytes,
    interrupted: stopped(),
    duplicateSamples: duplicates,
    work: { ...work, textsEmbedded: audit.textsEmbedded, enginesOpened: audit.enginesOpened },
    corruptCacheRecords,
    warnings,
  };
}
