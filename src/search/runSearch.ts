import { SEARCH_LOG, SEARCH_MANIFEST } from '../results/outputDir.js';
import { readJsonLog } from '../results/resultLog.js';
import type { SearchManifest, SearchPlan } from '../results/searchManifest.js';
import { searchRecordId, searchRecordSchema, type SearchRecord } from '../results/searchRecord.js';
import { orchestrate, type DatasetSession, type OutputKind } from '../run/orchestrate.js';
import { selectSamples } from '../run/planFromSuite.js';
import type { RunOptions } from '../run/runSuite.js';
import { specHash } from '../util/hashing.js';
import { SearchEmbedder } from './SearchEmbedder.js';
import { searchedImageOf, searchImage } from './searchImage.js';

/** Where and how a search runs: as a run does, except that aborting starts no new image (images being searched finish and are logged). */
export type SearchOptions = RunOptions;

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

/** A search's output directory: `search.json` and `search.jsonl`, one record per (model, image). */
function searchOutput(plan: SearchPlan): OutputKind<SearchPlan> {
  return {
    lockKind: 'search',
    manifestName: SEARCH_MANIFEST,
    logName: SEARCH_LOG,
    planHash: planHashOf(plan),
    refuse: (previous, outDir) =>
      previous.planHash === planHashOf(plan)
        ? undefined
        : `${outDir} holds a search of another suite or with other settings (${previous.plan.name}); choose another --out, or delete that directory to start over.`,
    keysInLog: function* (logFile, tail) {
      for (const record of readJsonLog<SearchRecord>(logFile, searchRecordSchema, 'search', tail)) yield record.id;
    },
  };
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
  const deadline = plan.search.timeLimitS === undefined ? Infinity : Date.now() + plan.search.timeLimitS * 1000;
  const stopped = () => options.signal?.aborted === true || Date.now() >= deadline;
  const audit = await orchestrate<SearchRecord, SearchPlan>(
    plan,
    searchOutput(plan),
    { outDir: options.outDir, cacheDir: options.cacheDir, offline: options.offline === true, stopped },
    (session) => searchDataset(session, plan, options, stopped),
  );
  return {
    manifest: audit.manifest,
    logFile: audit.logFile,
    written: audit.written,
    skipped: audit.skipped,
    tornBytes: audit.tail.tornBytes,
    interrupted: options.signal?.aborted === true,
    timedOut: options.signal?.aborted !== true && Date.now() >= deadline,
  };
}

/** Searches the images of one dataset with one model, `concurrency` at a time; returns the records written. */
async function searchDataset(session: DatasetSession<SearchRecord>, plan: SearchPlan, options: SearchOptions, stopped: () => boolean): Promise<number> {
  const { planned, planDataset, dataset, engine, model, stores } = session;
  const ctx = {
    model: planned.id,
    datasetId: planDataset.id,
    classes: session.classes,
    classEmbeddings: session.classEmbeddings,
    scoring: engine.scoring,
    clean: new SearchEmbedder(engine, model.preprocessor, plan.batch, stores.clean),
    attacked: new SearchEmbedder(engine, model.preprocessor, plan.batch, stores.attacked),
    settings: plan.search,
    maxPixels: options.maxPixels,
    ...(planDataset.orientation === undefined ? {} : { orientation: planDataset.orientation }),
  };
  const total = Math.min(await dataset.count(), plan.maxSamples ?? Infinity);
  const concurrency = plan.search.concurrency ?? 2 * plan.batch;
  const running = new Set<Promise<void>>();
  let finished = 0;
  let flipped = 0;
  let written = 0;
  const report = () =>
    options.onProgress?.({ model: planned.id, dataset: planDataset.id, samplesDone: finished, samplesTotal: total, rowsWritten: written, note: `${flipped} flipped` });
  report();
  const seen = new Set<string>();
  for await (const sample of selectSamples(dataset.samples(), { index: 1, count: 1 }, plan.maxSamples)) {
    const id = `${planDataset.id}/${sample.id}`;
    // One search per image: a manifest may list an image twice, and a real-world set pairs many attacked images with one clean image.
    const image = searchedImageOf(sample) ?? id;
    if (seen.has(image)) continue;
    seen.add(image);
    if (session.done.has(searchRecordId(planned.id, id))) {
      finished += 1;
      continue;
    }
    if (stopped()) break;
    const task = searchImage(sample, ctx).then((record) => {
      session.writer.append([record]);
      session.done.add(record.id);
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
