import { writeFileAtomicallySync } from '../util/writeFileAtomically.js';
import type { ModelProvenance } from '../results/runManifest.js';
import fs from 'node:fs';
import path from 'node:path';
import type { EmbeddingEngine } from '../engines/embeddingEngine.js';
import { resolveEngineId } from '../engines/engineRegistry.js';
import { openModel, type OpenModel } from '../engines/openModel.js';
import { WorkerEngine } from '../engines/worker/WorkerEngine.js';
import { createProgressReporter } from '../hub/downloadProgress.js';
import { filesForEngine, type HubEngine } from '../hub/filesForEngine.js';
import { resolveModelRef } from '../hub/resolveModelRef.js';
import type { LoadedModel } from '../families/modelFamily.js';
import { loadModel } from '../families/loadModel.js';
import { LazyEngine, type EngineFacts } from './LazyEngine.js';
import { modelFingerprint, type ModelFile } from '../store/fingerprints.js';
import type { PlannedModel } from '../results/runPlan.js';
import { specHash } from '../util/hashing.js';

/** A model as a run uses it: config and preprocessing, an engine, and where its caches live. */
export interface RunModel {
  /** Config and preprocessing; weights only as far as the engine needs them before opening. */
  readonly model: LoadedModel;
  readonly engine: EmbeddingEngine;
  readonly files: readonly ModelFile[];
  /** This model's cache folder: `<cacheDir>/embeddings/<model key>`. */
  readonly storeDir: string;
  /** 1 when its remembered engine facts failed their checksum (ignored; the engine was opened and they were written again), else 0. */
  readonly corruptCacheRecords: number;
}

/** What a facts file held: nothing, a record whose checksum or content is wrong (ignored), or valid facts. */
type ReadFacts = { readonly kind: 'missing' } | { readonly kind: 'corrupt' } | { readonly kind: 'valid'; readonly facts: EngineFacts };

/** The checksum a facts file carries: SHA-256 of the facts' canonical JSON. */
function factsDigest(facts: EngineFacts): string {
  return specHash({ engine: facts.engine, backend: facts.backend, scoring: facts.scoring });
}

function readFacts(file: string): ReadFacts {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { kind: 'missing' };
  }
  try {
    const facts = JSON.parse(text) as Partial<EngineFacts> & { sha256?: unknown };
    const scoring = facts.scoring;
    const validScoring =
      typeof scoring === 'object' &&
      scoring !== null &&
      Number.isFinite(scoring.logitScale) &&
      scoring.logitScale > 0 &&
      (scoring.kind === 'softmax' || (scoring.kind === 'sigmoid' && Number.isFinite(scoring.logitBias)));
    const valid = typeof facts.engine === 'string' && typeof facts.backend === 'string' && validScoring;
    if (!valid) return { kind: 'corrupt' };
    const checked = { engine: facts.engine, backend: facts.backend, scoring } as EngineFacts;
    return facts.sha256 === factsDigest(checked) ? { kind: 'valid', facts: checked } : { kind: 'corrupt' };
  } catch {
    return { kind: 'corrupt' };
  }
}

function writeFacts(file: string, facts: EngineFacts): void {
  const record = { engine: facts.engine, backend: facts.backend, scoring: facts.scoring, sha256: factsDigest(facts) };
  writeFileAtomicallySync(file, `${JSON.stringify(record)}\n`);
}

/**
 * Resolves a planned model (a folder, or a hub id fetched once), fingerprints its files (the key
 * of its embedding caches) and gives it an engine. The engine opens at once the first time a
 * model is run with a cache (onnx in a worker thread, see WorkerEngine); later runs get a LazyEngine that opens only if something is not
 * cached, using the scoring rule and backend remembered in `<storeDir>/engine-<device>.json` (checksummed:
 * a file whose bytes changed is ignored, as if it were not there).
 */
export async function openRunModel(planned: PlannedModel, cacheDir: string, offline: boolean): Promise<RunModel> {
  const resolved = await resolveModelRef(planned.ref, {
    files: (repoFiles) => filesForEngine(planned.engine as HubEngine, planned.dtype, repoFiles),
    offline,
    progress: createProgressReporter({ stream: process.stderr }),
  });
  const engineId = await resolveEngineId(planned.engine, resolved.dir);
  const files = await modelFingerprint(resolved.dir, path.join(cacheDir, 'file-hashes.json'));
  // Layout 2: q8 graphs embed one image per call (see quantizesActivationsPerBatch); embeddings
  // cached before that depended on their batch, so they are not read. Layout 3: checksummed
  // records (RecordFile's RECORD_LAYOUT 2); files without checksums are not read.
  const storeDir = path.join(cacheDir, 'embeddings', specHash({ files, engine: engineId, dtype: planned.dtype, layout: 3 }).slice(0, 32));
  const args = { model: resolved.dir, engine: engineId, device: planned.device, dtype: planned.dtype, threads: planned.threads, offline: true };
  // ONNX Runtime blocks the thread that runs it: on its own thread, the next batch is decoded and drawn meanwhile.
  const open = async (): Promise<OpenModel> => {
    if (engineId !== 'onnx') return openModel(args);
    const model = await loadModel(resolved.dir, { weights: 'scoring' });
    return { model, engine: await WorkerEngine.open(args, model.config) };
  };
  const factsFile = path.join(storeDir, `engine-${specHash({ device: planned.device, threads: planned.threads ?? null }).slice(0, 16)}.json`);
  const read = readFacts(factsFile);
  const corruptCacheRecords = read.kind === 'corrupt' ? 1 : 0;
  if (read.kind !== 'valid' || read.facts.engine !== engineId) {
    const opened = await open();
    writeFacts(factsFile, { engine: opened.engine.engine, backend: opened.engine.backend, scoring: opened.engine.scoring });
    return { model: opened.model, engine: opened.engine, files, storeDir, corruptCacheRecords };
  }
  const model = await loadModel(resolved.dir, { weights: 'scoring' });
  return { model, engine: new LazyEngine(model.config, read.facts, async () => (await open()).engine, resolved.dir), files, storeDir, corruptCacheRecords };
}

/** What a run or search records about a model it opened: as planned, the files it loaded, and the engine that embeds it. */
export function modelProvenance(planned: PlannedModel, opened: RunModel): ModelProvenance {
  const { model, engine, files } = opened;
  return {
    id: planned.id,
    ref: planned.ref,
    dir: model.dir,
    files,
    engine: engine.engine,
    backend: engine.backend,
    dtype: planned.dtype,
    logitScale: engine.scoring.logitScale,
    family: model.config.family,
    scoring: engine.scoring,
    preprocessor: model.preprocessor,
  };
}
