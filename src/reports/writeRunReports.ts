import path from 'node:path';
import { defaultMaxPixels } from '../image/decodeOptions.js';
import { evaluateGates } from '../gates/evaluateGates.js';
import type { GateResult } from '../gates/gateResult.js';
import { summarizeOutcomes } from '../metrics/summarizeOutcomes.js';
import type { RunMetrics } from '../metrics/runMetrics.js';
import { readResultLog } from '../results/resultLog.js';
import type { RunManifest } from '../results/runManifest.js';
import type { SuiteThresholds } from '../suite/suite.js';
import { collectProblemRows } from './collectProblemRows.js';
import { renderGalleryItems } from './gallery/renderGalleryItems.js';
import { selectGalleryRows } from './gallery/selectGalleryRows.js';
import { renderReportHtml } from './html/renderReportHtml.js';
import { renderJunitXml } from './junit/renderJunitXml.js';
import { renderSummaryMarkdown } from './markdown/renderSummaryMarkdown.js';
import { writeSamplesCsv } from './writeSamplesCsv.js';
import { scoringOfModels } from './format/scoringOfModels.js';
import { writeSummaryCsv } from './writeSummaryCsv.js';
import { writeFileAtomicallySync as writeTextAtomically } from '../util/writeFileAtomically.js';

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
  /** The image decoders the run used per format (null for runs before stroop recorded them). */
  readonly decoders: RunManifest['decoders'] | null;
  readonly host: RunManifest['host'];
  /** The gates the run was held to (suite values, overridden by command-line flags), or null. */
  readonly thresholds: SuiteThresholds | null;
  /** One result per model x attack x gate (and per class with `junitPerClass`); empty without thresholds. */
  readonly gates: readonly GateResult[];
  readonly metrics: RunMetrics;
}

export interface WrittenReports {
  readonly summary: RunSummary;
  readonly files: readonly string[];
}

/** How {@link writeRunReports} writes the reports people and CI read. */
export interface ReportOptions {
  /** Gates to hold the run to; default the plan's (the suite's thresholds with `stroop run`'s flags). */
  readonly thresholds?: SuiteThresholds;
  /** Evaluate every gate per true class too (test cases in junit.xml; they do not change the exit code). */
  readonly junitPerClass?: boolean;
  /** Gallery entries per model in report.html, >= 0; default 8. */
  readonly galleryPerModel?: number;
  /** Longest side of a gallery thumbnail in pixels; default 96. */
  readonly thumbnailPx?: number;
  /** Images with more pixels are not decoded for the gallery; default Pillow's limit. */
  readonly maxPixels?: number;
}

/** Error and unrenderable rows listed (with messages) in report.html; all are counted. */
const problemRowsShown = 50;

/**
 * Writes the reports of a run directory from its result log and run manifest (so a finished,
 * resumed or merged run reports the same way): `summary.json`, `summary.csv`, `samples.csv`,
 * and for people and CI `summary.md`, `report.html` (self-contained; its gallery re-renders the
 * most successful attacks from the dataset images) and `junit.xml`, with the run held to its gates.
 */
export function writeRunReports(outDir: string, manifest: RunManifest, logFile: string, options: ReportOptions = {}): WrittenReports {
  const metrics = summarizeOutcomes(readResultLog(logFile));
  const { plan } = manifest;
  const thresholds = options.thresholds ?? plan.thresholds;
  const gates = evaluateGates(metrics, thresholds, { attackIds: plan.attacks.map((a) => a.id), perClass: options.junitPerClass === true });
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
    decoders: manifest.decoders ?? null,
    host: manifest.host,
    thresholds: thresholds ?? null,
    gates,
    metrics,
  };
  writeTextAtomically(path.join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeSummaryCsv(path.join(outDir, 'summary.csv'), metrics);
  writeSamplesCsv(path.join(outDir, 'samples.csv'), readResultLog(logFile), plan.models.map((m) => m.id), plan.attacks.map((a) => a.id), scoringOfModels(manifest.models));
  writeTextAtomically(path.join(outDir, 'summary.md'), renderSummaryMarkdown(summary));
  writeTextAtomically(path.join(outDir, 'junit.xml'), renderJunitXml(summary));
  const galleryRows = selectGalleryRows(readResultLog(logFile), options.galleryPerModel ?? 8);
  const gallery = renderGalleryItems(manifest, galleryRows, { thumbnailPx: options.thumbnailPx ?? 96, maxPixels: options.maxPixels ?? defaultMaxPixels });
  const problems = collectProblemRows(readResultLog(logFile), problemRowsShown);
  writeTextAtomically(path.join(outDir, 'report.html'), renderReportHtml({ summary, gallery, problems }));
  const files = ['summary.json', 'summary.csv', 'samples.csv', 'summary.md', 'junit.xml', 'report.html'];
  return { summary, files: files.map((f) => path.join(outDir, f)) };
}
