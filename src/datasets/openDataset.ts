import fs from 'node:fs/promises';
import path from 'node:path';
import { DatasetError } from '../errors/errors.js';
import type { Dataset, DatasetLayout, DatasetSpec, Sample } from './dataset.js';
import { EntryResolver } from './EntryResolver.js';
import { imageExtensions, listImageFolder } from './listImageFolder.js';
import { manifestFormatOf, readManifestFile, type ManifestFileFormat } from './manifest/ManifestParser.js';
import { ManifestRepeats } from './manifest/ManifestRepeats.js';
import type { ManifestRow } from './manifest/manifestRow.js';

const layouts: readonly DatasetLayout[] = ['folder', 'manifest'];
const defaultManifests = ['manifest.csv', 'manifest.jsonl'];
/** How many distinct split names an error message lists at most. */
const splitsShown = 20;

async function realRootOf(root: string): Promise<string> {
  const real = await fs.realpath(root).catch(() => undefined);
  if (real === undefined || !(await fs.stat(real)).isDirectory()) {
    throw new DatasetError(`Dataset root '${root}' is not a folder${real === undefined ? ' (it does not exist)' : ''}.`, root);
  }
  return real;
}

async function manifestPathOf(spec: DatasetSpec, root: string): Promise<string> {
  if (spec.manifest !== undefined) {
    const file = path.resolve(root, spec.manifest);
    const stats = await fs.stat(file).catch(() => undefined);
    if (!stats || stats.isDirectory()) throw new DatasetError(`Manifest '${file}' ${stats ? 'is a folder' : 'does not exist'}; a manifest is a .csv, .jsonl, .ndjson or annotation .json file.`, file);
    return file;
  }
  const found: string[] = [];
  for (const name of defaultManifests) {
    if ((await fs.stat(path.join(root, name)).catch(() => undefined))?.isFile()) found.push(path.join(root, name));
  }
  if (found.length !== 1) {
    throw new DatasetError(
      found.length === 0
        ? `Dataset '${root}' has layout 'manifest' but no manifest: name one, or put ${defaultManifests.join(' or ')} in the root.`
        : `Dataset '${root}' has both ${defaultManifests.join(' and ')}; name the one to use.`,
      root,
    );
  }
  return found[0] as string;
}

function layoutOf(spec: DatasetSpec, root: string): DatasetLayout {
  const layout = spec.layout ?? (spec.manifest !== undefined ? 'manifest' : 'folder');
  if (!layouts.includes(layout)) throw new DatasetError(`Unknown dataset layout '${String(layout)}' for '${root}'. Valid layouts: ${layouts.join(', ')}.`, root);
  if (layout === 'folder' && spec.manifest !== undefined) {
    throw new DatasetError(`Dataset '${root}' has layout 'folder' and a manifest; give one or the other.`, root);
  }
  if (layout === 'folder' && spec.split !== undefined) {
    throw new DatasetError(
      `Dataset '${root}': split '${spec.split}' needs a manifest with a split column; an image folder has no splits (for a folder per split, make <root>/${spec.split} the root).`,
      root,
    );
  }
  return layout;
}

async function* folderSamples(root: string): AsyncGenerator<Sample> {
  let yielded = 0;
  const resolver = new EntryResolver(root);
  for await (const entry of listImageFolder(root)) {
    const file = entry.symlink
      ? resolver.resolve(entry.relative, { file: path.join(root, entry.relative) }).absolute
      : path.join(root, ...entry.relative.split('/'));
    yielded++;
    yield { id: entry.relative, path: file, label: entry.label, ...(entry.attackText !== undefined ? { attackText: entry.attackText } : {}) };
  }
  if (yielded === 0) {
    throw new DatasetError(`Dataset '${root}' has no images: expected <root>/<class>/<image> with an extension among ${imageExtensions.join(', ')}.`, root);
  }
}

/** The sample of a manifest entry, its paths resolved inside the root (see EntryResolver). */
function sampleOf(row: ManifestRow, resolver: EntryResolver, file: string): Sample {
  const image = resolver.resolve(row.path, { file, line: row.line, column: 'path' });
  const clean = row.cleanPath === undefined ? undefined : resolver.resolve(row.cleanPath, { file, line: row.line, column: 'clean_path' });
  return {
    id: image.relative,
    path: image.absolute,
    label: row.label,
    ...(row.split !== undefined ? { split: row.split } : {}),
    ...(row.attackText !== undefined ? { attackText: row.attackText } : {}),
    ...(clean !== undefined ? { cleanPath: clean.absolute } : {}),
    ...(row.attributes !== undefined ? { attributes: row.attributes } : {}),
  };
}

/** Which manifest entries a dataset keeps: those of its split, whose attributes match its `where`. */
interface RowFilter {
  readonly split: string | undefined;
  readonly where: Readonly<Record<string, readonly string[]>> | undefined;
}

function whereKeeps(row: ManifestRow, where: RowFilter['where']): boolean {
  if (where === undefined) return true;
  return Object.entries(where).every(([name, values]) => {
    const value = row.attributes?.[name];
    return value !== undefined && values.includes(String(value));
  });
}

function describeWhere(where: NonNullable<RowFilter['where']>): string {
  return Object.entries(where).map(([name, values]) => `${name} in [${values.join(', ')}]`).join(' and ');
}

/** The sample of the entry at `line`, read again from the manifest (undefined when no entry starts there). */
async function entryAt(root: string, file: string, format: ManifestFileFormat, line: number): Promise<Sample | undefined> {
  for await (const rows of readManifestFile(file, format)) {
    const row = rows.find((r) => r.line === line);
    if (row !== undefined) return sampleOf(row, new EntryResolver(root), file);
    if ((rows.at(-1)?.line ?? 0) > line) return undefined;
  }
  return undefined;
}

async function* manifestSamples(root: string, file: string, format: ManifestFileFormat, { split, where }: RowFilter): AsyncGenerator<Sample> {
  let yielded = 0;
  let inSplit = 0;
  const splitsSeen = new Set<string>();
  const resolver = new EntryResolver(root);
  const repeats = new ManifestRepeats(file, (line) => entryAt(root, file, format, line));
  for await (const rows of readManifestFile(file, format)) {
    for (const row of rows) {
      if (split !== undefined && row.split !== split) {
        if (row.split !== undefined && splitsSeen.size < splitsShown) splitsSeen.add(row.split);
        continue;
      }
      inSplit++;
      if (!whereKeeps(row, where)) continue;
      const sample = sampleOf(row, resolver, file);
      await repeats.check(sample, row.line);
      yielded++;
      yield sample;
    }
  }
  if (yielded > 0) return;
  if (where !== undefined && inSplit > 0) {
    throw new DatasetError(`Manifest '${file}' has no entry${split === undefined ? '' : ` of split '${split}'`} with ${describeWhere(where)} (of its ${inSplit} entries).`, file);
  }
  if (split === undefined) throw new DatasetError(`Manifest '${file}' has no entries.`, file);
  const found = splitsSeen.size > 0 ? [...splitsSeen].map((s) => `'${s}'`).join(', ') : 'none (no entry has a split)';
  throw new DatasetError(`Manifest '${file}' has no entry with split '${split}'. Splits found: ${found}.`, file);
}

async function countFolderImages(root: string): Promise<number> {
  let n = 0;
  for await (const _ of listImageFolder(root)) n++;
  return n;
}

async function countManifestRows(file: string, format: ManifestFileFormat, { split, where }: RowFilter): Promise<number> {
  let n = 0;
  for await (const rows of readManifestFile(file, format)) {
    n += split === undefined && where === undefined ? rows.length : rows.filter((row) => (split === undefined || row.split === split) && whereKeeps(row, where)).length;
  }
  return n;
}

/**
 * Opens a dataset: checks the spec and that the root (and manifest) exist, and returns a
 * {@link Dataset} whose samples stream from disk.
 *
 * Paths are confined to the root: a manifest entry that is absolute, climbs out through
 * `..`, or leads out through a symlink (checked on real paths) is refused with a
 * DatasetError naming manifest and line; so is an image-folder symlink that leads out.
 *
 * A manifest entry whose image does not exist is still yielded, on purpose: one missing
 * file in a 50,000-image set should cost one error outcome in the report (the runner
 * records it when it cannot read the image), not the run. A malformed entry (bad CSV
 * quoting, a blank path or label, a wrong number of fields, an unknown column) is a fault
 * of the manifest itself and stops the pass; so is an image listed twice with a different
 * label, attack text or clean image (both lines are named). Repeats that agree pass (the
 * runner evaluates them once).
 */
export async function openDataset(spec: DatasetSpec): Promise<Dataset> {
  if (typeof spec.root !== 'string' || spec.root === '') throw new DatasetError(`A dataset needs a root folder; got ${JSON.stringify(spec.root)}.`, String(spec.root));
  const userRoot = path.resolve(spec.root);
  const layout = layoutOf(spec, userRoot);
  const root = await realRootOf(userRoot);
  const split = spec.split;
  const where = spec.where;
  if (layout === 'folder') {
    if (where !== undefined) throw new DatasetError(`Dataset '${userRoot}': 'where' filters manifest entries by their attributes; an image folder has none.`, userRoot);
    return { root, layout, samples: () => folderSamples(root), count: () => countFolderImages(root) };
  }
  const manifest = await manifestPathOf(spec, userRoot);
  const format = manifestFormatOf(manifest);
  return {
    root,
    layout,
    manifest,
    ...(split !== undefined ? { split } : {}),
    ...(where !== undefined ? { where } : {}),
    samples: () => manifestSamples(root, manifest, format, { split, where }),
    count: () => countManifestRows(manifest, format, { split, where }),
  };
}
