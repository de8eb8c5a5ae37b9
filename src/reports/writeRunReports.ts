import fs from 'node:fs';
import path from 'node:path';
import { summarizeOutcomes } from '../metrics/summarizeOutcomes.js';
import type { RunMetrics } from '../metrics/runMetrics.js';
import { readResultLog } from '../run/readResultLog.js';
import type { RunManifest } from '../run/runManifest.js';
import { writeSamplesCsv } from './writeSamplesCsv.js';
import { writeSummaryCsv } from './writeSummaryCsv.js';

/** `summary.json`: every metric plus what is needed to reproduce and trust them. */
export interface RunSummary {
  readonly summaryVersion: 1;
  readonly stroopVersion: string;
  readonly gitCommit: string | null;
  readonly suite: string;
  readonly planHash: string;
  readonly shard: RunManifest['plan']['shard'];
  readonly generatedAt: string;
  readonly models: RunManifest['models'];
  readonly datasets: RunManifest['plan']['datasets'];
  readonly classes: RunManifest['classes'];
  readonly prompts: readonly string[];
  readonly attacks: ReadonlyArray<{ readonly id: string; readonly n: number; readonly seed: number; readonly source: string }>;
  readonly renderer: unknown;
  readonly host: RunManifest['host'];
  readonly metrics: RunMetrics;
}

export interface WrittenReports {
  readonly summary: RunSummary;
  readonly files: readonly string[];
}

/**
 * Writes `summary.json`, `summary.csv` and `samples.csv` of a run directory from its result log
 * and run manifest (so a finished, resumed or merged run reports the same way).
 */
export function writeRunReports(outDir: string, manifest: RunManifest, logFile: string): WrittenReports {
  const metrics = summarizeOutcomes(readResultLog(logFile));
  const { plan } = manifest;
  const summary: RunSummary = {
    summaryVersion: 1,
    stroopVersion: manifest.stroopVersion,
    gitCommit: manifest.gitCommit,
    suite: plan.name,
    planHash: manifest.planHash,
    shard: plan.shard,
    generatedAt: new Date().toISOString(),
    models: manifest.models,
    datasets: plan.datasets,
    classes: manifest.classes,
    prompts: plan.templates,
    attacks: plan.attacks.map((a) => ({ id: a.id, n: a.n, seed: a.seed, source: a.attack.file })),
    renderer: manifest.renderer,
    host: manifest.host,
    metrics,
  };
  const summaryFile = path.join(outDir, 'summary.json');
  fs.writeFileSync(`${summaryFile}.tmp`, `${JSON.stringify(summary, null, 2)}\n`);
  fs.renameSync(`${summaryFile}.tmp`, summaryFile);
  writeSummaryCsv(path.join(outDir, 'summary.csv'), metrics);
  writeSamplesCsv(path.join(outDir, 'samples.csv'), readResultLog(logFile), plan.models.map((m) => m.id), plan.attacks.map((a) => a.id));
  return { summary, files: ['summary.json', 'summary.csv', 'samples.csv'].map((f) => path.join(outDir, f)) };
}
