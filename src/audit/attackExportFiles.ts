import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { rendererVersions, type RendererVersions } from '../attacks/render/renderAttack.js';
import { UsageError } from '../errors/errors.js';
import { stroopVersion } from '../packageRoot.js';
import { csvOptions } from '../reports/escape.js';
import type { PlannedAttack, RunPlan } from '../results/runPlan.js';
import type { Suite } from '../suite/suite.js';
import { sha256Hex, specHash } from '../util/hashing.js';
import { compareCodeUnits } from '../util/ordering.js';
import { AtomicFileWriter, writeFileStreamingSync } from '../util/writeFileAtomically.js';

/**
 * The files of a frozen attack export (`stroop export-attacks`) and where each image goes:
 *
 *     clean/<dataset>/<sample stem>.png
 *     attacked/<dataset>/<sample stem>/<attack>/<variant, '/' as '-'>.png
 *     classes/<dataset>.json      {"classNames": [...]}, a suite's `classes:` file
 *     manifest.csv                a real-world manifest of every attacked image
 *     skipped.csv                 the rows not exported, and why
 *     SHA256SUMS                  every PNG, class list and the manifest, sorted by path
 *     export.json                 what was exported from what
 */

export const EXPORT_MANIFEST = 'manifest.csv';
export const EXPORT_SKIPPED = 'skipped.csv';
export const EXPORT_CHECKSUMS = 'SHA256SUMS';
export const EXPORT_METADATA = 'export.json';
const cleanDir = 'clean';
const attackedDir = 'attacked';
const classesDir = 'classes';

/** Everything an export writes at its root: what `--force` replaces, and nothing else. */
const exportEntries = [cleanDir, attackedDir, classesDir, EXPORT_MANIFEST, EXPORT_SKIPPED, EXPORT_CHECKSUMS, EXPORT_METADATA];

/** The manifest's columns: a real-world set stroop reads, and each row's provenance as attributes. */
export const exportManifestColumns = Object.freeze([
  'path',
  'label',
  'split',
  'attack_text',
  'clean_path',
  'attributes.dataset',
  'attributes.sample',
  'attributes.attack_id',
  'attributes.variant',
  'attributes.spec_hash',
  'attributes.render_hash',
] as const);

/** One exported attacked image, a line of `manifest.csv`. */
export interface ExportManifestRow {
  /** The attacked PNG, relative to the export root (POSIX separators). */
  readonly path: string;
  readonly label: string;
  readonly dataset: string;
  /** The sample id in its dataset (the image path relative to the dataset root). */
  readonly sample: string;
  readonly attackText: string;
  /** The clean PNG, relative to the export root. */
  readonly cleanPath: string;
  readonly attackId: string;
  readonly variant: string;
  readonly specHash: string;
  readonly renderHash: string;
}

/** One attack row a run would have that the export has no image for (`skipped.csv`). */
export interface SkippedRow {
  readonly dataset: string;
  readonly sample: string;
  readonly attack: string;
  readonly variant: string;
  /** What failed and why, starting with the kind: `unrenderable: ...`, `render: ...`, `load: ...`, `label: ...`, `not exportable: ...`. */
  readonly reason: string;
}

/** What was exported of one dataset. */
export interface ExportedDataset {
  readonly id: string;
  /** The class list a run uses for it, in class-index order (also `classes/<id>.json`). */
  readonly classes: readonly string[];
  readonly cleanImages: number;
  readonly attackedImages: number;
  readonly skippedRows: number;
}

/** Counts over the whole export. */
export interface ExportCounts {
  /** Samples read (after the cap), duplicates and real-world samples included. */
  readonly samples: number;
  readonly cleanImages: number;
  readonly attackedImages: number;
  /** Attack rows a run would have that have no image (every one is in skipped.csv). */
  readonly skippedRows: number;
  /** Of those, the rows whose text does not fit or lacks a glyph (a run's `unrenderable` rows). */
  readonly unrenderableRows: number;
  /** Samples whose image already carries text (real-world sets): not re-exported. */
  readonly realWorldSamples: number;
  /** Samples listed again in a manifest: exported once. */
  readonly duplicateSamples: number;
}

/** What `export.json` holds: what was exported, from what, with which renderer. */
export interface ExportMetadata {
  readonly format: 'stroop-attack-export';
  readonly formatVersion: 1;
  readonly stroopVersion: string;
  readonly suite: { readonly name: string; readonly file: string };
  /** SHA-256 of the attacks' canonical JSON (ids, presets or specs, draws, seeds): equal hashes, equal attack plans. */
  readonly attacksSpecHash: string;
  readonly attacks: readonly { readonly id: string; readonly preset: string; readonly n: number; readonly seed: number }[];
  readonly maxSamples: number | null;
  readonly maxPixels: number;
  /** Render hashes hold for this node-canvas, cairo, pango and these fonts. */
  readonly renderer: RendererVersions;
  readonly counts: ExportCounts;
  readonly datasets: readonly ExportedDataset[];
  readonly files: { readonly manifest: string; readonly skipped: string; readonly checksums: string; readonly classes: Readonly<Record<string, string>> };
}

/** An attack as its content: a preset file's path differs between machines, what it says does not. */
function attackContent(attack: PlannedAttack): unknown {
  const ref = attack.attack;
  return { id: attack.id, n: attack.n, seed: attack.seed, ...(ref.kind === 'preset' ? { preset: ref.preset } : { spec: ref.spec }) };
}

/** The content of `export.json` for an export of `suite` (planned as `plan`). */
export function exportMetadata(suite: Suite, plan: RunPlan, maxPixels: number, counts: ExportCounts, datasets: readonly ExportedDataset[]): ExportMetadata {
  return {
    format: 'stroop-attack-export',
    formatVersion: 1,
    stroopVersion,
    suite: { name: suite.name, file: suite.file },
    attacksSpecHash: specHash(plan.attacks.map(attackContent)),
    attacks: suite.attacks.map((a) => ({ id: a.id, preset: a.name, n: a.n, seed: a.seed })),
    maxSamples: plan.maxSamples ?? null,
    maxPixels,
    renderer: rendererVersions(),
    counts,
    datasets,
    files: { manifest: EXPORT_MANIFEST, skipped: EXPORT_SKIPPED, checksums: EXPORT_CHECKSUMS, classes: Object.fromEntries(datasets.map((d) => [d.id, classListPath(d.id)])) },
  };
}

/** A sample id without its file extension (`red circle/0.png` -> `red circle/0`), the stem of its export paths. */
export function sampleStem(sampleId: string): string {
  const extension = path.posix.extname(sampleId);
  return extension === '' ? sampleId : sampleId.slice(0, -extension.length);
}

/** Where a sample's clean image goes, relative to the export root. */
export function cleanImagePath(dataset: string, stem: string): string {
  return `${cleanDir}/${dataset}/${stem}.png`;
}

/** Where one attack row's image goes, relative to the export root. */
export function attackedImagePath(dataset: string, stem: string, attackId: string, variant: string): string {
  return `${attackedDir}/${dataset}/${stem}/${attackId}/${variant.replaceAll('/', '-')}.png`;
}

/** Where a dataset's class list goes, relative to the export root. */
export function classListPath(dataset: string): string {
  return `${classesDir}/${dataset}.json`;
}

/**
 * Checks the export root before anything is written: absent or empty is fine; a file is refused;
 * a folder with anything in it is refused unless `force`.
 * @throws UsageError naming the folder.
 */
export function checkExportDir(outDir: string, force: boolean): void {
  const stat = fs.statSync(outDir, { throwIfNoEntry: false });
  if (stat !== undefined && !stat.isDirectory()) throw new UsageError(`--out '${outDir}' is a file; give a folder to export the attacks into.`, '--out');
  const entries = stat === undefined ? 0 : fs.readdirSync(outDir).length;
  if (entries > 0 && !force) {
    throw new UsageError(`--out '${outDir}' is not empty (${entries} entries); give an empty or new folder, or --force to replace an earlier export there.`, '--out');
  }
}

/** Creates the export root, removing what an earlier export wrote there (and nothing else). */
export function clearExportDir(outDir: string): void {
  fs.mkdirSync(outDir, { recursive: true });
  for (const name of exportEntries) fs.rmSync(path.join(outDir, name), { recursive: true, force: true });
}

/** Writes one exported image (or class list) under the export root, creating its folders. */
export function writeExportFile(outDir: string, relative: string, bytes: Uint8Array | string): void {
  const file = path.join(outDir, ...relative.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}

/**
 * `manifest.csv` and `skipped.csv`, written row by row as the export goes and put in place at
 * `commit`. Manifest fields are written verbatim, quoted where CSV needs it: attack texts are data a
 * loader must read back exactly, so a formula-like text is not prefixed with `'` there (it is in
 * `skipped.csv`, which is for people).
 */
export class ExportListWriter {
  private constructor(
    private readonly manifest: AtomicFileWriter,
    private readonly skipped: AtomicFileWriter,
  ) {}

  static open(outDir: string): ExportListWriter {
    const manifest = AtomicFileWriter.open(path.join(outDir, EXPORT_MANIFEST));
    let skipped: AtomicFileWriter;
    try {
      skipped = AtomicFileWriter.open(path.join(outDir, EXPORT_SKIPPED));
    } catch (error) {
      manifest.abort();
      throw error;
    }
    manifest.write(stringify([[...exportManifestColumns]], { record_delimiter: 'unix' }));
    skipped.write(stringify([['dataset', 'sample', 'attack', 'variant', 'reason']], csvOptions));
    return new ExportListWriter(manifest, skipped);
  }

  addImage(row: ExportManifestRow): void {
    const fields = [row.path, row.label, row.dataset, row.attackText, row.cleanPath, row.dataset, row.sample, row.attackId, row.variant, row.specHash, row.renderHash];
    this.manifest.write(stringify([fields], { record_delimiter: 'unix' }));
  }

  addSkipped(row: SkippedRow): void {
    this.skipped.write(stringify([[row.dataset, row.sample, row.attack, row.variant, row.reason]], csvOptions));
  }

  commit(): void {
    this.manifest.commit();
    this.skipped.commit();
  }

  abort(): void {
    this.manifest.abort();
    this.skipped.abort();
  }
}

/**
 * The files under `relative` (a folder of the export root), in the order of their full paths'
 * code units, read one folder at a time. A folder sorts by its name with a trailing `/`, which
 * makes walking the tree in that order the same as sorting every path.
 */
function* filesInPathOrder(root: string, relative: string): Generator<string> {
  const entries = fs
    .readdirSync(path.join(root, ...relative.split('/')), { withFileTypes: true })
    .map((entry) => ({ name: entry.name, folder: entry.isDirectory(), key: entry.isDirectory() ? `${entry.name}/` : entry.name }))
    .sort((a, b) => compareCodeUnits(a.key, b.key));
  for (const entry of entries) {
    const child = `${relative}/${entry.name}`;
    if (entry.folder) yield* filesInPathOrder(root, child);
    else yield child;
  }
}

/** A line of GNU `sha256sum` output; a name with a backslash or line break is escaped, and the line starts with `\`, as sha256sum writes it. */
function checksumLine(hex: string, name: string): string {
  if (!/[\\\n\r]/.test(name)) return `${hex}  ${name}\n`;
  const escaped = name.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\r', '\\r');
  return `\\${hex}  ${escaped}\n`;
}

/**
 * Writes `SHA256SUMS` (`sha256sum -c` checks it): every file of the export's image and class
 * folders and the manifest, sorted by path, hashed from disk, so it vouches for what is there.
 * Memory holds one folder listing at a time.
 */
export function writeExportChecksums(outDir: string): void {
  const top = [attackedDir, classesDir, cleanDir, EXPORT_MANIFEST]
    .filter((name) => fs.existsSync(path.join(outDir, name)))
    .map((name) => ({ name, key: name === EXPORT_MANIFEST ? name : `${name}/` }))
    .sort((a, b) => compareCodeUnits(a.key, b.key));
  writeFileStreamingSync(path.join(outDir, EXPORT_CHECKSUMS), (out) => {
    for (const { name } of top) {
      const files = name === EXPORT_MANIFEST ? [name] : filesInPathOrder(outDir, name);
      for (const relative of files) {
        const hex = sha256Hex(fs.readFileSync(path.join(outDir, ...relative.split('/'))));
        out.write(checksumLine(hex, relative));
      }
    }
  });
}
