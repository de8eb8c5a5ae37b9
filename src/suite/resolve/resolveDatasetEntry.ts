import path from 'node:path';
import { builtinDatasetLocation, type BuiltinDataset } from '../../datasets/builtinDataset.js';
import { defaultEmojiImageSize } from '../../emoji/resolveEmojiBuild.js';
import { defaultOrientation, type OrientationPolicy } from '../../image/decodeOptions.js';
import type { DatasetEntry } from '../schema/datasetEntrySchema.js';
import type { SuiteClasses, SuiteDataset } from '../suite.js';
import type { SuiteProblem } from '../suiteProblem.js';
import { deriveId } from './deriveId.js';
import { isDirectory, isFile } from './fileKinds.js';
import { drawnClassProblems } from './drawnClassProblems.js';
import { resolveClasses } from './resolveClasses.js';
import { problemAt, underPath, type Resolved } from './resolved.js';

/** Problems of listed class names that `drawers` would write on images but cannot (see drawnClassProblems); a rule's names are checked before a run. */
function classNameProblems(classes: SuiteClasses, drawers: readonly string[]): SuiteProblem[] {
  if (classes.kind !== 'names') return [];
  const inline = classes.source === 'inline';
  return drawnClassProblems(
    classes.names,
    drawers,
    (i) => (inline ? ['classes', i] : ['classes']),
    (i) => (inline ? `class ${i + 1}` : `class ${i + 1} of ${classes.source}`),
  );
}

/** The entry's orientation policy when it is not the default (so suites that leave it out keep their plan hash). */
function orientationOf(entry: DatasetEntry): { orientation?: OrientationPolicy } {
  return entry.orientation === undefined || entry.orientation === defaultOrientation ? {} : { orientation: entry.orientation };
}

/** A builtin dataset's entry: its cache location (built by the run, not here) and classes. */
function resolveBuiltinEntry(entry: DatasetEntry, builtin: BuiltinDataset, dir: string, drawers: readonly string[]): Resolved<SuiteDataset> & { readonly id?: string } {
  const id = entry.id ?? builtin.name;
  const classes = resolveClasses(entry.classes, dir);
  if (classes.value === undefined) return { id, problems: underPath(['classes'], classes.problems) };
  const named = classNameProblems(classes.value, drawers);
  if (named.length > 0) return { id, problems: named };
  const dataset: SuiteDataset = {
    id,
    ...builtinDatasetLocation(builtin),
    builtin,
    ...(entry.split !== undefined ? { split: entry.split } : {}),
    classes: classes.value,
    ...orientationOf(entry),
  };
  return { id, value: dataset, problems: [] };
}

/**
 * A suite's dataset entry, resolved: `root` made absolute against `dir` and `manifest`
 * against the root (both must exist), the class list read. The images are not read. A
 * builtin dataset resolves to where it is built in the cache; the run builds it if need be.
 * Listed class names that `drawers` (see classDrawers) would write on images must be valid
 * attack texts.
 */
export function resolveDatasetEntry(entry: DatasetEntry, dir: string, drawers: readonly string[] = []): Resolved<SuiteDataset> & { readonly id?: string } {
  if (entry.builtin !== undefined) return resolveBuiltinEntry(entry, { name: entry.builtin, size: entry.size ?? defaultEmojiImageSize }, dir, drawers);
  const root = path.resolve(dir, entry.root ?? '');
  const problems: SuiteProblem[] = [];
  const id = entry.id ?? deriveId(path.basename(root));
  if (id === undefined) problems.push(problemAt(['root'], `no id can be made from ${JSON.stringify(path.basename(root))}; give the dataset an id`));
  if (!isDirectory(root)) problems.push(problemAt(['root'], `no such folder: ${root}; must be the dataset folder, relative to the suite file`));
  const manifest = entry.manifest === undefined ? undefined : path.resolve(root, entry.manifest);
  if (manifest !== undefined && isDirectory(root) && !isFile(manifest)) {
    problems.push(problemAt(['manifest'], `no such file: ${manifest}; must be a .csv, .jsonl or .ndjson file, relative to root`));
  }
  if (entry.split !== undefined && manifest === undefined) {
    problems.push(problemAt(['split'], 'needs a manifest with a split column; an image folder has no splits (for a folder per split, make <root>/<split> the root)'));
  }
  const classes = resolveClasses(entry.classes, dir);
  problems.push(...underPath(['classes'], classes.problems));
  if (classes.value !== undefined) problems.push(...classNameProblems(classes.value, drawers));
  const idPart = id !== undefined ? { id } : {};
  if (problems.length > 0 || id === undefined || classes.value === undefined) return { ...idPart, problems };
  const dataset: SuiteDataset = {
    id,
    root,
    ...(manifest !== undefined ? { manifest } : {}),
    ...(entry.split !== undefined ? { split: entry.split } : {}),
    classes: classes.value,
    ...orientationOf(entry),
  };
  return { id, value: dataset, problems };
}
