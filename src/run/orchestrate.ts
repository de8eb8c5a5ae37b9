import fs from 'node:fs';
import path from 'node:path';
import { classSetOf } from '../datasets/classSetOf.js';
import type { Dataset, Sample } from '../datasets/dataset.js';
import { openDataset } from '../datasets/openDataset.js';
import { embedPromptTexts } from '../embed/embedPromptTexts.js';
import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import { RunError } from '../errors/errors.js';
import { loadModelTokenizer } from '../families/loadModel.js';
import { OutputDirLock } from '../results/OutputDirLock.js';
import { readJsonManifest, writeJsonAtomically } from '../results/outputDir.js';
import type { ResultLogTail } from '../results/resultLog.js';
import { ResultLogWriter } from '../results/resultLog.js';
import { startOutputManifest, type OutputManifest } from '../results/runManifest.js';
import type { PlannedDataset, PlannedModel } from '../results/runPlan.js';
import { openModelStores, type EmbeddingStore, type ModelStores } from '../store/EmbeddingStore.js';
import type { TextTokenizer } from '../tokenizer/textTokenizer.js';
import { sha256Hex } from '../util/hashing.js';
import { buildClassEmbeddings, expandPrompts } from '../zeroshot/classEmbeddings.js';
import type { EmbeddingMatrix } from '../zeroshot/zeroShotClassification.js';
import { defaultProtocol, protocolOf, type PromptEnsemble, type ProtocolName } from '../zeroshot/protocols.js';
import { LazyEngine } from './LazyEngine.js';
import { modelProvenance, openRunModel, type RunModel } from './openRunModel.js';
import { selectSamples } from './planFromSuite.js';

/** What runs and searches share of a plan: the models, the datasets, the prompts, a cap on samples. */
export interface AuditPlan {
  readonly name: string;
  readonly models: readonly PlannedModel[];
  readonly datasets: readonly PlannedDataset[];
  /** Prompt templates with `{}`; each class embedding ensembles all of them. */
  readonly templates: readonly string[];
  /** How embeddings become a verdict; absent = `zero-shot`. */
  readonly protocol?: ProtocolName;
  /** Cap on samples per dataset (before sharding). */
  readonly maxSamples?: number;
}

/** How one kind of output directory (a run's, a search's) is kept: its files, its identity, its records. */
export interface OutputKind<P> {
  /** `run` or `search`: the holder named in the lock file. */
  readonly lockKind: 'run' | 'search';
  readonly manifestName: string;
  readonly logName: string;
  /** SHA-256 of what the records depend on: a directory holding another plan's records is refused. */
  readonly planHash: string;
  /** Why `previous` (the directory's manifest) cannot be continued by this plan, or undefined when it can. */
  readonly refuse: (previous: OutputManifest<P>, outDir: string) => string | undefined;
  /** The keys of the records a log already holds (what a resumed run skips). */
  readonly keysInLog: (logFile: string, tail: ResultLogTail) => Iterable<string>;
}

/** Where and how an audit runs. */
export interface AuditOptions {
  readonly outDir: string;
  /** Where embedding caches and hash memos live (see cacheDir). */
  readonly cacheDir: string;
  readonly offline?: boolean;
  /** Checked before each model, dataset and chunk: true stops the audit with the log consistent. */
  readonly stopped: () => boolean;
}

/** One opened model on one opened dataset: what a worker (a run's, a search's) needs to do its part. */
export interface DatasetSession<R> {
  readonly planned: PlannedModel;
  readonly planDataset: PlannedDataset;
  readonly model: RunModel['model'];
  readonly engine: EmbeddingEngine;
  readonly stores: ModelStores;
  readonly dataset: Dataset;
  readonly classes: readonly string[];
  readonly classEmbeddings: EmbeddingMatrix;
  /** Keys of the records already in the log (and those written since). */
  readonly done: Set<string>;
  readonly writer: ResultLogWriter<R>;
}

/** What the audit loop did, for its caller's result. */
export interface AuditResult<P> {
  readonly manifest: OutputManifest<P>;
  readonly logFile: string;
  /** Records written by the workers. */
  readonly written: number;
  /** Records the log held before this process (resumed). */
  readonly skipped: number;
  readonly tail: ResultLogTail;
  /** Prompts sent to the text encoder. */
  readonly textsEmbedded: number;
  /** Models whose engine was opened (loaded), of those the plan names. */
  readonly enginesOpened: number;
  /** Cache records (engine facts, embeddings) whose checksum failed: dropped and computed again. */
  readonly corruptCacheRecords: number;
}

/**
 * A dataset's class list: the suite's explicit names, or its rule applied to all of its samples.
 * Neither a shard nor a cap on samples changes it: a quick run over a few images answers the same
 * N-way question as the full run.
 */
export async function classesOf(dataset: PlannedDataset, samples: () => AsyncIterable<Sample>): Promise<string[]> {
  if (typeof dataset.classes !== 'string') return [...dataset.classes];
  return classSetOf(selectSamples(samples(), { index: 1, count: 1 }, undefined), dataset.classes);
}

/** Whether two class lists are the same, in the same order. */
function sameClasses(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/**
 * Prompt-ensembled class embeddings, with every prompt's text embedding cached in `store`
 * (keyed by the SHA-256 of the prompt), so a re-run embeds no text and loads no tokenizer
 * (`tokenizer` is called only when a prompt is missing; loading one takes a few hundred ms).
 */
export async function classEmbeddingsFor(
  engine: EmbeddingEngine,
  tokenizer: () => Promise<TextTokenizer>,
  classes: readonly string[],
  templates: readonly string[],
  store: EmbeddingStore,
  ensemble: PromptEnsemble = 'normalized-mean',
): Promise<EmbeddingMatrix> {
  const prompts = expandPrompts(classes, templates);
  const keys = prompts.map((p) => sha256Hex(p));
  const missing = [...new Set(prompts.filter((_, i) => !store.has(keys[i] as string)))];
  if (missing.length > 0) {
    const embedded = await embedPromptTexts(engine, await tokenizer(), missing);
    missing.forEach((prompt, i) => store.put(sha256Hex(prompt), embedded.data.slice(i * embedded.dim, (i + 1) * embedded.dim)));
  }
  const dim = engine.config.projectionDim;
  const data = new Float32Array(prompts.length * dim);
  keys.forEach((key, i) => data.set(store.get(key) as Float32Array, i * dim));
  return buildClassEmbeddings({ rows: prompts.length, dim, data }, classes.length, templates.length, ensemble);
}

/**
 * The one loop of runs and searches. It owns the output directory (locked while it writes; a
 * directory of another plan refused; the log's records read back so a re-run continues where a
 * killed one stopped; the manifest kept current), and for every model and dataset of the plan it
 * opens the model (engine, caches, a tokenizer loaded only if a prompt is not cached), the dataset
 * and its class list and class embeddings, then hands them to `work`, which appends its records
 * to the log and returns how many it wrote.
 * @throws OutputLockedError when another live process is writing into `outDir`.
 */
export async function orchestrate<R, P extends AuditPlan>(
  plan: P,
  kind: OutputKind<P>,
  options: AuditOptions,
  work: (session: DatasetSession<R>) => Promise<number>,
): Promise<AuditResult<P>> {
  fs.mkdirSync(options.outDir, { recursive: true });
  const lock = await OutputDirLock.acquire(options.outDir, kind.lockKind);
  try {
    return await orchestrateLocked(plan, kind, options, work);
  } finally {
    lock.release();
  }
}

async function orchestrateLocked<R, P extends AuditPlan>(
  plan: P,
  kind: OutputKind<P>,
  options: AuditOptions,
  work: (session: DatasetSession<R>) => Promise<number>,
): Promise<AuditResult<P>> {
  const manifestFile = path.join(options.outDir, kind.manifestName);
  const logFile = path.join(options.outDir, kind.logName);
  const previous = readJsonManifest<OutputManifest<P>>(manifestFile);
  const refusal = previous === undefined ? undefined : kind.refuse(previous, options.outDir);
  if (refusal !== undefined) throw new RunError(refusal, options.outDir);
  const tail: ResultLogTail = { validBytes: 0, tornBytes: 0 };
  const done = new Set(kind.keysInLog(logFile, tail));
  const skipped = done.size;
  const manifest = startOutputManifest(manifestFile, logFile, previous, kind.planHash, plan);
  const writer = ResultLogWriter.open<R>(logFile, tail.validBytes, tail.tornBytes);
  const totals = { written: 0, textsEmbedded: 0, enginesOpened: 0, corruptCacheRecords: 0 };
  try {
    for (const planned of plan.models) {
      if (options.stopped()) break;
      const opened = await openRunModel(planned, options.cacheDir, options.offline === true);
      const { model, engine, storeDir } = opened;
      totals.corruptCacheRecords += opened.corruptCacheRecords;
      try {
        const stores = openModelStores(storeDir, model.preprocessor, engine.config.projectionDim);
        manifest.models[planned.id] = modelProvenance(planned, opened);
        try {
          let tokenizerLoad: Promise<TextTokenizer> | undefined;
          const tokenizer = () => (tokenizerLoad ??= loadModelTokenizer(model));
          for (const planDataset of plan.datasets) {
            if (options.stopped()) break;
            const dataset = await openDataset(planDataset.spec);
            const classes = await classesOf(planDataset, () => dataset.samples());
            const before = manifest.classes[planDataset.id];
            if (before !== undefined && !sameClasses(before, classes)) {
              // Rows already in the log were scored over the old list: mixing would make every rate wrong.
              throw new RunError(
                `${options.outDir} holds rows of dataset '${planDataset.id}' scored over ${before.length} classes, but its classes are now ${classes.length} ` +
                  '(the dataset changed, or an older stroop took the class set from capped samples); choose another --out, or delete that directory to start over.',
                options.outDir,
              );
            }
            manifest.classes[planDataset.id] = classes;
            writeJsonAtomically(manifestFile, manifest);
            const textsBefore = stores.text.size + stores.text.corruptRecords;
            const classEmbeddings = await classEmbeddingsFor(engine, tokenizer, classes, plan.templates, stores.text, protocolOf(plan.protocol ?? defaultProtocol).ensemble);
            // A damaged record leaves the index when read and comes back when embedded again.
            totals.textsEmbedded += stores.text.size + stores.text.corruptRecords - textsBefore;
            totals.written += await work({ planned, planDataset, model, engine, stores, dataset, classes, classEmbeddings, done, writer });
          }
        } finally {
          for (const store of [stores.text, stores.clean, stores.attacked]) {
            totals.corruptCacheRecords += store.corruptRecords;
            store.close();
          }
        }
      } finally {
        if (!(engine instanceof LazyEngine) || engine.opened) totals.enginesOpened += 1;
        engine.dispose();
      }
    }
  } finally {
    writer.close();
    writeJsonAtomically(manifestFile, manifest);
  }
  return { manifest, logFile, skipped, tail, ...totals };
}
