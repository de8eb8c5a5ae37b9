import { turnEventLoop } from '../util/eventLoop.js';
import fs from 'node:fs';
import path from 'node:path';
import { renderAttack } from '../attacks/render/renderAttack.js';
import type { Sample } from '../datasets/dataset.js';
import { openDataset } from '../datasets/openDataset.js';
import { ConfigError, messageOf, UsageError } from '../errors/errors.js';
import { fromRgba, toRgba } from '../image/convertImage.js';
import { decodeImage, defaultMaxPixels } from '../image/decodeImage.js';
import type { DecodedImage } from '../image/decodedImage.js';
import { encodeImagePng } from '../image/encodeImagePng.js';
import { writeJsonAtomically } from '../results/outputDir.js';
import type { PlannedDataset, RunPlan } from '../results/runPlan.js';
import { classesOf } from '../run/orchestrate.js';
import { planFromSuite, selectSamples } from '../run/planFromSuite.js';
import { placeholderRows, plannedRows } from '../run/planSampleRows.js';
import type { PlannedRow } from '../run/sampleState.js';
import { checkDrawnClassNames } from '../suite/checkDrawnClassNames.js';
import { loadSuite } from '../suite/loadSuite.js';
import type { Suite } from '../suite/suite.js';
import { specHash } from '../util/hashing.js';
import { ensureSuiteDatasets } from './auditSuite.js';
import {
  attackedImagePath,
  checkExportDir,
  classListPath,
  cleanImagePath,
  clearExportDir,
  EXPORT_METADATA,
  ExportListWriter,
  exportMetadata,
  sampleStem,
  writeExportChecksums,
  writeExportFile,
  type ExportCounts,
  type ExportedDataset,
  type SkippedRow,
} from './attackExportFiles.js';

/** How {@link exportAttacks} freezes a suite's attacks. */
export interface ExportAttacksOptions {
  /** The export folder: absent or empty (see `force`). */
  readonly out: string;
  /** At most this many samples per dataset, >= 1 (overrides the suite's `maxSamples`), as a run takes them. */
  readonly maxSamples?: number;
  /** Images with more pixels are refused before decoding (their rows are skipped); default Pillow's limit. */
  readonly maxPixels?: number;
  /** Export into a folder that is not empty, replacing an earlier export's files there (other files stay). */
  readonly force?: boolean;
  /** Use only the caches for hub datasets (also on when HF_HUB_OFFLINE is set). */
  readonly offline?: boolean;
  /** Called after every sample. */
  readonly onProgress?: (progress: ExportProgress) => void;
  /** One-line notices for the user (a builtin dataset built), each ending in a newline. */
  readonly onNotice?: (line: string) => void;
}

/** Progress of an export, per dataset. */
export interface ExportProgress {
  readonly dataset: string;
  /** Samples of this dataset handled so far, and how many it will handle. */
  readonly samplesDone: number;
  readonly samplesTotal: number;
  /** Attacked images written so far, over all datasets. */
  readonly imagesWritten: number;
}

/** A suite's attacks frozen into files. */
export interface ExportedAttacks {
  readonly outDir: string;
  readonly suite: Suite;
  readonly datasets: readonly ExportedDataset[];
  readonly counts: ExportCounts;
  /** The first skipped rows (at most {@link skippedListed}); skipped.csv lists all of them. */
  readonly skipped: readonly SkippedRow[];
}

/** How many skipped rows {@link ExportedAttacks.skipped} keeps: skipped.csv has them all, memory does not grow with them. */
export const skippedListed = 100;

type MutableCounts = { -readonly [K in keyof ExportCounts]: ExportCounts[K] };

/** One export in progress: the lists being written and what was counted. */
class ExportSession {
  readonly counts: MutableCounts = { samples: 0, cleanImages: 0, attackedImages: 0, skippedRows: 0, unrenderableRows: 0, realWorldSamples: 0, duplicateSamples: 0 };
  readonly skipped: SkippedRow[] = [];

  constructor(
    readonly outDir: string,
    readonly plan: RunPlan,
    readonly maxPixels: number,
    readonly lists: ExportListWriter,
  ) {}

  skip(row: SkippedRow): void {
    this.counts.skippedRows += 1;
    if (row.reason.startsWith('unrenderable:')) this.counts.unrenderableRows += 1;
    if (this.skipped.length < skippedListed) this.skipped.push(row);
    this.lists.addSkipped(row);
  }
}

/**
 * The stem a sample's files go under: its id without the extension, or, when another sample of
 * the dataset took that stem already (`a.png` and `a.jpg`), its whole id; undefined when both are taken.
 */
function claimStem(outDir: string, dataset: string, sampleId: string): string | undefined {
  for (const stem of [sampleStem(sampleId), sampleId]) {
    if (!fs.existsSync(path.join(outDir, ...cleanImagePath(dataset, stem).split('/')))) return stem;
  }
  return undefined;
}

/** Exports one sample: its clean image once, and an image for every attack row a run plans for it; returns how many images it wrote and rows it skipped. */
function exportSample(session: ExportSession, dataset: PlannedDataset, classes: readonly string[], sample: Sample): { clean: number; attacked: number; skipped: number } {
  const { outDir, plan } = session;
  const skippedBefore = session.counts.skippedRows;
  const skipAll = (rows: readonly PlannedRow[], reason: string) => rows.forEach((row) => session.skip({ dataset: dataset.id, sample: sample.id, attack: row.attackId, variant: row.variant, reason }));
  const result = (clean: number, attacked: number) => ({ clean, attacked, skipped: session.counts.skippedRows - skippedBefore });
  if (!classes.includes(sample.label)) {
    skipAll(placeholderRows(plan), `label: '${sample.label}' is not one of the dataset's ${classes.length} classes`);
    return result(0, 0);
  }
  const plans = plannedRows(sample, `${dataset.id}/${sample.id}`, { attacks: plan.attacks, classes });
  let image: DecodedImage;
  try {
    image = decodeImage(fs.readFileSync(sample.path), { path: sample.path, maxPixels: session.maxPixels, ...(dataset.orientation === undefined ? {} : { orientation: dataset.orientation }) });
  } catch (error) {
    skipAll(plans.map((p) => p.row), `load: ${messageOf(error)}`);
    return result(0, 0);
  }
  const stem = claimStem(outDir, dataset.id, sample.id);
  if (stem === undefined) {
    skipAll(plans.map((p) => p.row), `not exportable: ${cleanImagePath(dataset.id, sampleStem(sample.id))} and ${cleanImagePath(dataset.id, sample.id)} are taken by other samples`);
    return result(0, 0);
  }
  const cleanPath = cleanImagePath(dataset.id, stem);
  // The decoded pixels in their own mode: the file decodes to exactly what a run embeds.
  writeExportFile(outDir, cleanPath, encodeImagePng(image));
  const rgba = toRgba(image);
  let attacked = 0;
  for (const { row, failure } of plans) {
    const skip = (reason: string) => session.skip({ dataset: dataset.id, sample: sample.id, attack: row.attackId, variant: row.variant, reason });
    if (failure !== undefined) {
      skip(`render: ${failure}`);
      continue;
    }
    // A manifest entry with an empty attack_text reads as a clean image, not as an attacked one.
    if (row.spec.text === '') {
      skip('not exportable: the attack text is empty, and a manifest entry without attack_text is a clean image');
      continue;
    }
    let rendered;
    try {
      rendered = renderAttack(rgba, row.spec, row.seed);
    } catch (error) {
      skip(`render: ${messageOf(error)}`);
      continue;
    }
    if (rendered.kind === 'unrenderable') {
      skip(`unrenderable: ${rendered.message}`);
      continue;
    }
    const imagePath = attackedImagePath(dataset.id, stem, row.attackId, row.variant);
    // RGBA, not premultiplied, lossless: decoding the file gives the bytes the render hash is of.
    writeExportFile(outDir, imagePath, encodeImagePng(fromRgba(rendered.image)));
    session.lists.addImage({
      path: imagePath,
      label: sample.label,
      dataset: dataset.id,
      sample: sample.id,
      attackText: row.spec.text,
      cleanPath,
      attackId: row.attackId,
      variant: row.variant,
      specHash: specHash(row.spec),
      renderHash: rendered.hash,
    });
    attacked += 1;
  }
  return result(1, attacked);
}

/** Exports every sample of one dataset (as a run selects them), streaming: one sample's images in memory at a time. */
async function exportDataset(session: ExportSession, dataset: PlannedDataset, onProgress: ExportAttacksOptions['onProgress']): Promise<ExportedDataset> {
  const { plan, counts } = session;
  const opened = await openDataset(dataset.spec);
  const classes = await classesOf(dataset, () => opened.samples());
  writeExportFile(session.outDir, classListPath(dataset.id), `${JSON.stringify({ classNames: classes }, null, 2)}\n`);
  const samplesTotal = Math.min(await opened.count(), plan.maxSamples ?? Infinity);
  const totals = { cleanImages: 0, attackedImages: 0, skippedRows: 0 };
  const seen = new Set<string>();
  let samplesDone = 0;
  for await (const sample of selectSamples(opened.samples(), plan.shard, plan.maxSamples)) {
    counts.samples += 1;
    samplesDone += 1;
    if (seen.has(sample.id)) counts.duplicateSamples += 1;
    else if (sample.attackText !== undefined) counts.realWorldSamples += 1;
    else {
      const done = exportSample(session, dataset, classes, sample);
      totals.cleanImages += done.clean;
      totals.attackedImages += done.attacked;
      totals.skippedRows += done.skipped;
      counts.cleanImages += done.clean;
      counts.attackedImages += done.attacked;
    }
    seen.add(sample.id);
    onProgress?.({ dataset: dataset.id, samplesDone, samplesTotal, imagesWritten: counts.attackedImages });
    // Samples of one manifest chunk arrive without I/O; let the event loop turn (progress output, signals).
    await turnEventLoop();
  }
  return { id: dataset.id, classes, ...totals };
}

/**
 * Freezes a suite's attacks into a dataset anyone can re-run: for every dataset of the suite
 * (builtin ones built first) and every sample a run would take (the same cap), the clean image
 * and every attack row a run would plan for it (the same seeds, texts and sweep points), each
 * rendered and written as a PNG, with a real-world manifest (`manifest.csv`), the rows that could
 * not be exported (`skipped.csv`), checksums (`SHA256SUMS`) and provenance (`export.json`); see
 * attackExportFiles.ts for the layout. Samples that already carry text (real-world sets) are not
 * re-exported. Streams: memory does not grow with the dataset (beyond the sample ids a run keeps
 * too, to skip repeats).
 *
 * @throws UsageError for an `out` that is a file or a folder that is not empty (without `force`),
 *   or a bad `maxSamples`; ConfigError for a suite without attacks; SuiteError / DatasetError
 *   for a suite or dataset that cannot be read.
 */
export async function exportAttacks(suiteFile: string, options: ExportAttacksOptions): Promise<ExportedAttacks> {
  if (options.maxSamples !== undefined && !(Number.isInteger(options.maxSamples) && options.maxSamples >= 1)) {
    throw new UsageError(`--max-samples must be a whole number >= 1, got ${options.maxSamples}.`, '--max-samples');
  }
  const loaded = loadSuite(suiteFile);
  if (loaded.attacks.length === 0) throw new ConfigError(`Suite '${suiteFile}' has no attacks: there is nothing to export (give it at least one under attacks:).`, suiteFile);
  const outDir = path.resolve(options.out);
  const maxPixels = options.maxPixels ?? defaultMaxPixels;
  checkExportDir(outDir, options.force === true);
  const suite = await ensureSuiteDatasets(loaded, options.onNotice, options.offline === true ? { offline: true } : {});
  await checkDrawnClassNames(suite, suiteFile);
  const plan = planFromSuite(suite, { index: 1, count: 1 }, options.maxSamples);
  clearExportDir(outDir);

  const lists = ExportListWriter.open(outDir);
  const session = new ExportSession(outDir, plan, maxPixels, lists);
  const datasets: ExportedDataset[] = [];
  try {
    for (const dataset of plan.datasets) datasets.push(await exportDataset(session, dataset, options.onProgress));
  } catch (error) {
    lists.abort();
    throw error;
  }
  lists.commit();
  writeExportChecksums(outDir);
  const counts = { ...session.counts };
  const metadata = exportMetadata(suite, plan, maxPixels, counts, datasets);
  writeJsonAtomically(path.join(outDir, EXPORT_METADATA), metadata);
  return { outDir, suite, datasets, counts, skipped: session.skipped };
}
