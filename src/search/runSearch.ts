import { modelProvenance } from '../run/openRunModel.js';
import { SEARCH_LOG, SEARCH_MANIFEST, readJsonManifest, writeJsonAtomically } from '../results/outputDir.js';
import fs from 'node:fs';
import { loadModelTokenizer } from '../families/loadModel.js';
import path from 'node:path';
import { openDataset } from '../datasets/openDataset.js';
import { classEmbeddingsFor } from '../run/classEmbeddingsFor.js';
import { RunError } from '../errors/RunError.js';
import { classesOf } from '../run/classesOf.js';
import { startOutputManifest } from '../results/runManifest.js';
import { openModelStores, type ModelStores } from '../store/EmbeddingStore.js';
import { openRunModel } from '../run/openRunModel.js';
import { readJsonLog, type ResultLogTail, ResultLogWriter } from '../results/resultLog.js';
import { OutputDirLock } from '../results/OutputDirLock.js';
import type { PlannedDataset, PlannedModel } from '../results/runPlan.js';
import type { RunProgress } from '../run/runSuite.js';
import { selectSamples } from '../run/selectSamples.js';
import { specHash } from '../util/specHash.js';
import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import type { LoadedModel } from '../families/modelFamily.js';
import type { TextTokenizer } from '../tokenizer/textTokenizer.js';
import { SearchEmbedder } from './SearchEmbedder.js';
import { searchedImageOf } from './searchedImageOf.js';
import { searchImage } from './searchImage.js';
import { searchRecordId, searchRecordSchema, type SearchRecord } from '../results/searchRecord.js';
import type { SearchManifest, SearchPlan } from '../results/searchManifest.js';

export interface SearchOptions {
  readonly outDir: string;
  readonly cacheDir: string;
  readonly maxPixels: number;
  readonly offline?: boolean;
  /** Aborting starts no new image; images being searched finish and are logged. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: RunProgress) => void;
}

export interface SearchRunResult {
  readonly manifest: SearchManifest;
  readonly logFile: string;
  readonly written: number;
  /** Images the log already held (resumed). */
  readonly skipped: number;
  readonly tornBytes: number;
  readonly interrupted: boolean;
  /** The suite time limit stopped the search before every image was searched (a re-run continues). */
  readonly timedOut: boolean;
}

/** What a search computes depends on these; gates and time limits only judge or stop it. */
function planHashOf(plan: SearchPlan): string {
  const { gates: _gates, timeLimitS: _suiteLimit, concurrency: _concurrency, ...settings } = plan.search;
  return specHash({ ...plan, search: settings });
}

/**
 * Runs the minimal-attack search of a plan into `outDir`: for every model and sample, one record
 * appended to `search.jsonl` as soon as the image is done (`concurrency` images at a time, their
 * model calls sharing engine batches). Images already in the log are skipped, so a killed or
 * time-limited search continues where it stopped when run again.
 *
 * The directory is locked while the search writes into it (see OutputDirLock).
 * @throws OutputLockedError when another live process is writing into `outDir`.
 */
export async function runSearch(plan: SearchPlan, options: SearchOptions): Promise<SearchRunResult> {
  fs.mkdirSync(options.outDir, { recursive: true });
  const lock = await OutputDirLock.acquire(options.outDir, 'search');
  try {
    return await searchLocked(plan, options);
  } finally {
    lock.release();
  }
}

async function searchLocked(plan: SearchPlan, options: SearchOptions): Promise<SearchRunResult> {
  const manifestFile = path.join(options.outDir, SEARCH_MANIFEST);
  const logFile = path.join(options.outDir, SEARCH_LOG);
  const planHash = planHashOf(plan);
  const previous = readJsonManifest<SearchManifest>(manifestFile);
  if (previous !== undefined && previous.planHash !== planHash) {
    throw new RunError(`${options.outDir} holds a search of another suite or with other settings (${previous.plan.name}); choose another --out, or delete that directory to start over.`, options.outDir);
  }
  const done = new Set<string>();
  const tail: ResultLogTail = { validBytes: 0, tornBytes: 0 };
  for (const record of readJsonLog<SearchRecord>(logFile, searchRecordSchema, 'search', tail)) done.add(record.id);
  const manifest: SearchManifest = startOutputManifest(manifestFile, logFile, previous, planHash, plan);
  const writer = ResultLogWriter.open<SearchRecord>(logFile, tail.validBytes, tail.tornBytes);
  const deadline = plan.search.timeLimitS === undefined ? Infinity : Date.now() + plan.search.timeLimitS * 1000;
  const stopped = () => options.signal?.aborted === true || Date.now() >= deadline;
  let written = 0;
  try {
    for (const planned of plan.models) {
      if (stopped()) break;
      written += await searchModel(planned, plan, options, manifest, { done, writer, stopped, manifestFile });
    }
  } finally {
    writer.close();
    writeJsonAtomically(manifestFile, manifest);
  }
  return { manifest, logFile, written, skipped: done.size - written, tornBytes: tail.tornBytes, interrupted: options.signal?.aborted === true, timedOut: options.signal?.aborted !== true && Date.now() >= deadline };
}

interface SearchState {
  readonly done: Set<string>;
  readonly writer: ResultLogWriter<SearchRecord>;
  readonly stopped: () => boolean;
  readonly manifestFile: string;
}

async function searchModel(planned: PlannedModel, plan: SearchPlan, options: SearchOptions, manifest: SearchManifest, state: SearchState): Promise<number> {
  const opened = await openRunModel(planned, options.cacheDir, options.offline === true);
  const { model, engine, storeDir } = opened;
  let written = 0;
  try {
    manifest.models[planned.id] = modelProvenance(planned, opened);
    const stores = openModelStores(storeDir, model.preprocessor, engine.config.projectionDim);
    try {
      let tokenizerLoad: Promise<TextTokenizer> | undefined;
      const tokenizer = () => (tokenizerLoad ??= loadModelTokenizer(model));
      for (const planDataset of plan.datasets) {
        if (state.stopped()) break;
        written += await searchDataset(planDataset, { planned, plan, options, manifest, state, engine, model, stores, tokenizer });
      }
    } finally {
      Object.values(stores).forEach((s) => s.close());
    }
  } finally {
    engine.dispose();
  }
  return written;
}

/** One opened model, while its datasets are searched. */
interface ModelSession {
  readonly planned: PlannedModel;
  readonly plan: SearchPlan;
  readonly options: SearchOptions;
  readonly manifest: SearchManifest;
  readonly state: SearchState;
  readonly engine: EmbeddingEngine;
  readonly model: LoadedModel;
  readonly stores: ModelStores;
  readonly tokenizer: () => Promise<TextTokenizer>;
}

async function searchDataset(planDataset: PlannedDataset, s: ModelSession): Promise<number> {
  const { plan, state, engine, model, stores } = s;
  const dataset = await openDataset(planDataset.spec);
  const classes = await classesOf(planDataset, () => dataset.samples(), plan.maxSamples);
  s.manifest.classes[planDataset.id] = classes;
  writeJsonAtomically(state.manifestFile, s.manifest);
  const classEmbeddings = await classEmbeddingsFor(engine, s.tokenizer, classes, plan.templates, stores.text);
  const ctx = {
    model: s.planned.id,
    datasetId: planDataset.id,
    classes,
    classEmbeddings,
    scoring: engine.scoring,
    clean: new SearchEmbedder(engine, model.preprocessor, plan.batch, stores.clean),
    attacked: new SearchEmbedder(engine, model.preprocessor, plan.batch, stores.attacked),
    settings: plan.search,
    maxPixels: s.options.maxPixels,
    ...(planDataset.orientation === undefined ? {} : { orientation: planDataset.orientation }),
  };
  const total = Math.min(await dataset.count(), plan.maxSamples ?? Infinity);
  const concurrency = plan.search.concurrency ?? 2 * plan.batch;
  const running = new Set<Promise<void>>();
  let finished = 0;
  let flipped = 0;
  let written = 0;
  const report = () =>
    s.options.onProgress?.({ model: s.planned.id, dataset: planDataset.id, samplesDone: finished, samplesTotal: total, rowsWritten: written, note: `${flipped} flipped` });
  report();
  const seen = new Set<string>();
  for await (const sample of selectSamples(dataset.samples(), { index: 1, count: 1 }, plan.maxSamples)) {
    const id = `${planDataset.id}/${sample.id}`;
    // One search per image: a manifest may list an image twice, and a real-world set pairs many attacked images with one clean image.
    const image = searchedImageOf(sample) ?? id;
    if (seen.has(image)) continue;
    seen.add(image);
    if (state.done.has(searchRecordId(s.planned.id, id))) {
      finished += 1;
      continue;
    }
    if (state.stopped()) break;
    const task = searchImage(sample, ctx).then((record) => {
      state.writer.append([record]);
      state.done.add(record.id);
      written += 1;
      finished += 1;
      if (record.status === 'flipped') flipped += 1;
      report();
    });
    running.add(task);
    const forget = () => running.delete(task);
    task.then(forget, forget);
    if (running.size >= concurrency) await Promise.race(running);
  }
  await Promise.all(running);
  return written;
}
