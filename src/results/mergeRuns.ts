import { RESULT_LOG, RUN_MANIFEST } from './outputDir.js';
import fs from 'node:fs';
import path from 'node:path';
import { RunError } from '../errors/errors.js';
import type { Outcome } from './outcome.js';
import { outcomeKey } from './outcome.js';
import { readResultLog, ResultLogWriter } from './resultLog.js';
import type { RunManifest } from './runManifest.js';

function readManifest(dir: string): RunManifest {
  const file = path.join(dir, RUN_MANIFEST);
  if (!fs.existsSync(file)) throw new RunError(`${dir} is not a stroop run directory: it has no ${RUN_MANIFEST}.`, dir);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RunManifest;
}

export interface MergeResult {
  readonly manifest: RunManifest;
  readonly logFile: string;
  readonly rows: number;
  /** Rows that appeared in more than one input (kept once). */
  readonly duplicates: number;
}

/**
 * Merges the run directories of one suite's shards into `outDir`, as if the suite had run
 * unsharded: every shard 1..n must be there once, all from the same plan; rows are deduplicated
 * by (model, attack, sample, variant). `allowPartial` accepts missing shards (the report then
 * covers only what ran).
 */
export function mergeRuns(dirs: readonly string[], outDir: string, allowPartial = false): MergeResult {
  if (dirs.length === 0) throw new RunError('Nothing to merge: give the run directories of the shards.');
  const manifests = dirs.map(readManifest);
  const first = manifests[0] as RunManifest;
  manifests.forEach((m, i) => {
    if (m.planHash !== first.planHash) {
      throw new RunError(`${dirs[i]} is a run of another suite or configuration than ${dirs[0]} (plan ${m.planHash.slice(0, 12)} vs ${first.planHash.slice(0, 12)}); only shards of one suite merge.`, dirs[i]);
    }
  });
  const count = first.plan.shard.count;
  const seen = new Map<number, string>();
  manifests.forEach((m, i) => {
    if (m.plan.shard.count !== count) throw new RunError(`${dirs[i]} is shard ${m.plan.shard.index}/${m.plan.shard.count}, but ${dirs[0]} is one of ${count}.`, dirs[i]);
    const other = seen.get(m.plan.shard.index);
    if (other !== undefined) throw new RunError(`Shard ${m.plan.shard.index}/${count} is given twice: ${other} and ${dirs[i]}.`, dirs[i]);
    seen.set(m.plan.shard.index, dirs[i] as string);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0 && !allowPartial) {
    throw new RunError(`Shards ${missing.map((i) => `${i}/${count}`).join(', ')} are missing; merge all ${count}, or pass --allow-partial.`);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const logFile = path.join(outDir, RESULT_LOG);
  fs.writeFileSync(logFile, '');
  const writer = ResultLogWriter.open(logFile, 0, 0);
  const keys = new Set<string>();
  let duplicates = 0;
  try {
    for (const dir of dirs) {
      let chunk: Outcome[] = [];
      for (const outcome of readResultLog(path.join(dir, RESULT_LOG))) {
        const key = outcomeKey(outcome);
        if (keys.has(key)) {
          duplicates += 1;
          continue;
        }
        keys.add(key);
        chunk.push(outcome);
        if (chunk.length === 5000) {
          writer.append(chunk);
          chunk = [];
        }
      }
      writer.append(chunk);
    }
  } finally {
    writer.close();
  }
  const manifest: RunManifest = {
    ...first,
    plan: { ...first.plan, shard: { index: 1, count: 1 } },
    models: Object.assign({}, ...manifests.map((m) => m.models)) as RunManifest['models'],
    classes: Object.assign({}, ...manifests.map((m) => m.classes)) as RunManifest['classes'],
  };
  fs.writeFileSync(path.join(outDir, RUN_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, logFile, rows: keys.size, duplicates };
}
