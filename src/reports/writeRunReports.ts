import path from 'node:path';
import { defaultMaxPixels } from '../image/decodeImage.js';
import { evaluateGates } from '../gates/gates.js';
import { summarizeOutcomes } from '../metrics/runMetrics.js';
import { readResultLog } from '../results/resultLog.js';
import type { RunManifest } from '../results/runManifest.js';
import type { SuiteThresholds } from '../suite/suite.js';
import { collectProblemRows, renderGalleryItems, selectGalleryRows } from './gallery/gallery.js';
import { renderReportHtml } from './html/renderReportHtml.js';
import { renderJunitXml } from './renderJunitXml.js';
import { renderSummaryMarkdown } from './renderSummaryMarkdown.js';
import { writeSamplesCsv } from './writeSamplesCsv.js';
import { scoringOfModels } from './format.js';
import { writeSummaryCsv } from './writeSummaryCsv.js';
import { writeFileAtomicallySync as writeTextAtomically } from '../util/writeFileAtomically.js';
import { RUN_REPORTS } from '../results/outputDir.js';
import type { RunSummary } from './runSummary.js';
import { compareTypes } from '../metrics/typeComparison.js';
import { defaultProtocol, protocolOf } from '../zeroshot/protocols.js';
import { writeScamCsvs } from './writeScamCsv.js';

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
  const protocol = protocolOf(plan.protocol ?? defaultProtocol);
  const typeComparison = compareTypes(readResultLog(logFile));
  const summary: RunSummary = {
    summaryVersion: 1,
    stroopVersion: manifest.stroopVersion,
    gitCommit: manifest.gitCommit,
    suite: plan.name,
    protocol: { name: protocol.name, description: protocol.description },
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
    typeComparison: Object.keys(typeComparison).length === 0 ? null : typeComparison,
  };
  writeTextAtomically(path.join(outDir, RUN_REPORTS.summaryJson), `${JSON.stringify(summary, null, 2)}\n`);
  writeSummaryCsv(path.join(outDir, RUN_REPORTS.summaryCsv), metrics);
  writeSamplesCsv(path.join(outDir, RUN_REPORTS.samplesCsv), readResultLog(logFile), plan.models.map((m) => m.id), plan.attacks.map((a) => a.id), scoringOfModels(manifest.models));
  writeTextAtomically(path.join(outDir, RUN_REPORTS.summaryMarkdown), renderSummaryMarkdown(summary));
  writeTextAtomically(path.join(outDir, RUN_REPORTS.junit), renderJunitXml(summary));
  const galleryRows = selectGalleryRows(readResultLog(logFile), options.galleryPerModel ?? 8);
  const gallery = renderGalleryItems(manifest, galleryRows, { thumbnailPx: options.thumbnailPx ?? 96, maxPixels: options.maxPixels ?? defaultMaxPixels });
  const problems = collectProblemRows(readResultLog(logFile), problemRowsShown);
  writeTextAtomically(path.join(outDir, RUN_REPORTS.html), renderReportHtml({ summary, gallery, problems }));
  const scamFiles = protocol.name === 'scam-binary' ? writeScamCsvs(outDir, readResultLog(logFile), plan.models.map((m) => m.id)) : [];
  return { summary, files: [...Object.values(RUN_REPORTS).map((f) => path.join(outDir, f)), ...scamFiles] };
}
