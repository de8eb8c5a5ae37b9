import path from 'node:path';
import { attackTextProblem } from '../../attacks/attackText.js';
import { classDrawingStrategies } from '../../attacks/textChoice.js';
import { builtinDatasetLocation, type BuiltinDataset } from '../../datasets/builtinDataset.js';
import { classSetRules, type ClassSetRule } from '../../datasets/classSetOf.js';
import { classNamesDir, loadClassNames, shippedClassNameLists } from '../../datasets/shippedLists.js';
import { defaultEmojiImageSize } from '../../emoji/resolveEmojiBuild.js';
import { defaultOrientation, type OrientationPolicy } from '../../image/decodeImage.js';
import { messageOf } from '../../errors/errors.js';
import type { SearchEntry } from '../schema/searchEntrySchema.js';
import type { DatasetEntry } from '../schema/suiteEntrySchemas.js';
import type { SuiteAttack, SuiteClasses, SuiteDataset } from '../suite.js';
import { describeFound, problemAt, underPath, type Resolved, type SuiteProblem } from '../suiteProblem.js';
import { deriveId, isDirectory, isFile } from './resolveEntries.js';
import { parseModelRef } from '../../hub/modelRef.js';

/*
 * A suite's dataset entries, resolved: folders and manifests located, class lists read, and the
 * class names that attacks (or the search) would write on images checked as attack texts.
 */

/** Bad class names reported one by one per dataset; the rest are counted in one more problem. */
const namesShown = 10;

function isRule(value: string): value is ClassSetRule {
  return (classSetRules as readonly string[]).includes(value);
}

/**
 * A dataset's `classes`, resolved: a rule stays a rule; a shipped list or a .json
 * file (relative to `dir`) is read now, so a bad file fails before any image is read.
 */
export function resolveClasses(classes: string | readonly string[], dir: string): Resolved<SuiteClasses> {
  if (typeof classes !== 'string') return { value: { kind: 'names', names: [...classes], source: 'inline' }, problems: [] };
  if (isRule(classes)) return { value: { kind: 'rule', rule: classes }, problems: [] };
  const file = shippedClassNameLists().includes(classes) ? path.join(classNamesDir, `${classes}.json`) : path.resolve(dir, classes);
  if (!isFile(file)) return { problems: [problemAt([], `no such file: ${file}; must be a JSON file of class names`)] };
  try {
    return { value: { kind: 'names', names: loadClassNames(file), source: file }, problems: [] };
  } catch (error) {
    return { problems: [problemAt([], messageOf(error))] };
  }
}

/**
 * What writes a dataset's class names on its images, as messages name it: each attack whose text
 * strategy draws classes (randomWrongClass, everyWrongClass, mostConfusable), and a search whose
 * texts are the wrong classes. Empty when nothing does.
 */
export function classDrawers(attacks: readonly SuiteAttack[], search: SearchEntry | undefined): string[] {
  const drawers = attacks.flatMap((a) => {
    const strategy = a.ref.kind === 'preset' ? a.ref.preset.text.strategy : undefined;
    return strategy !== undefined && classDrawingStrategies.has(strategy) ? [`attack '${a.id}' (${strategy})`] : [];
  });
  if (search?.texts === 'wrongClasses') drawers.push('the search (texts: wrongClasses)');
  return drawers;
}

/**
 * The problems of class names that `drawers` would write on images but that are no valid attack
 * text (over 200 characters, a control character): one per bad name, at `pathOf(its index)`,
 * saying where it came from (`sourceOf`), what writes it and why it cannot be written. Without
 * this, every row that draws such a name would be an error of the run, found only after it.
 */
export function drawnClassProblems(
  names: readonly string[],
  drawers: readonly string[],
  pathOf: (index: number) => readonly (string | number)[],
  sourceOf: (index: number) => string,
): SuiteProblem[] {
  if (drawers.length === 0) return [];
  const bad = names.flatMap((name, i) => {
    const reason = attackTextProblem(name);
    return reason === undefined ? [] : [{ name, i, reason }];
  });
  const problems = bad.slice(0, namesShown).map(({ name, i, reason }) =>
    problemAt(
      pathOf(i),
      `class name ${describeFound(name)} (${sourceOf(i)}) would be written on images by ${drawers.join(' and ')}, and an attack text ${reason}; ` +
        'rename the class, or give the attack a text strategy that does not draw class names (fixed or list)',
    ),
  );
  const rest = bad.slice(namesShown);
  if (rest[0] !== undefined) problems.push(problemAt(pathOf(rest[0].i), `and ${rest.length} more class names that cannot be written as attack texts, the same way`));
  return problems;
}

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

/** The entry's attribute filter and breakdown, when given. */
function attributeOptionsOf(entry: DatasetEntry): { where?: Readonly<Record<string, readonly string[]>>; breakdown?: readonly string[] } {
  return {
    ...(entry.where === undefined ? {} : { where: entry.where }),
    ...(entry.breakdown === undefined || entry.breakdown.length === 0 ? {} : { breakdown: [...new Set(entry.breakdown)] }),
  };
}

/**
 * A hub dataset's entry: the reference checked (org/name[@revision]); where it lies is known
 * only once the run has resolved the revision, downloaded and extracted it (see ensureSuiteDatasets).
 */
function resolveHubEntry(entry: DatasetEntry, hf: string, classes: string | readonly string[], dir: string): Resolved<SuiteDataset> & { readonly id?: string } {
  const problems: SuiteProblem[] = [];
  let repo: string | undefined;
  try {
    const ref = parseModelRef(hf, () => false);
    if (ref.kind === 'hub') repo = ref.id;
    else problems.push(problemAt(['hf'], 'must be a hub dataset id org/name[@revision], not a path; for a local folder give root'));
  } catch {
    problems.push(problemAt(['hf'], 'must be a hub dataset id org/name[@revision] (letters, digits, "_", "-", "." in each part)'));
  }
  const id = entry.id ?? (repo === undefined ? undefined : deriveId(repo.split('/')[1] ?? repo));
  const resolvedClasses = resolveClasses(classes, dir);
  problems.push(...underPath(['classes'], resolvedClasses.problems));
  const idPart = id !== undefined ? { id } : {};
  if (problems.length > 0 || id === undefined || resolvedClasses.value === undefined) return { ...idPart, problems };
  const given = entry.columns;
  const columns = {
    label: given?.label ?? 'label',
    ...(given?.attackText === undefined ? {} : { attackText: given.attackText }),
    ...(given?.id === undefined ? {} : { id: given.id }),
  };
  const dataset: SuiteDataset = {
    id,
    root: '',
    hub: { ref: hf, split: entry.split ?? 'train', columns },
    classes: resolvedClasses.value,
    ...orientationOf(entry),
    ...attributeOptionsOf(entry),
  };
  return { id, value: dataset, problems };
}

/** A builtin dataset's entry: its cache location (built by the run, not here) and classes. */
function resolveBuiltinEntry(
  entry: DatasetEntry,
  builtin: BuiltinDataset,
  classRule: string | readonly string[],
  dir: string,
  drawers: readonly string[],
): Resolved<SuiteDataset> & { readonly id?: string } {
  const id = entry.id ?? builtin.name;
  const classes = resolveClasses(classRule, dir);
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
    ...attributeOptionsOf(entry),
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
export function resolveDatasetEntry(
  entry: DatasetEntry,
  dir: string,
  drawers: readonly string[] = [],
  defaultClasses: ClassSetRule = 'labels',
): Resolved<SuiteDataset> & { readonly id?: string } {
  const classRule = entry.classes ?? defaultClasses;
  if (entry.hf !== undefined) return resolveHubEntry(entry, entry.hf, classRule, dir);
  if (entry.builtin !== undefined) return resolveBuiltinEntry(entry, { name: entry.builtin, size: entry.size ?? defaultEmojiImageSize }, classRule, dir, drawers);
  const root = path.resolve(dir, entry.root ?? '');
  const problems: SuiteProblem[] = [];
  const id = entry.id ?? deriveId(path.basename(root));
  if (id === undefined) problems.push(problemAt(['root'], `no id can be made from ${JSON.stringify(path.basename(root))}; give the dataset an id`));
  if (!isDirectory(root)) problems.push(problemAt(['root'], `no such folder: ${root}; must be the dataset folder, relative to the suite file`));
  const manifest = entry.manifest === undefined ? undefined : path.resolve(root, entry.manifest);
  if (manifest !== undefined && isDirectory(root) && !isFile(manifest)) {
    problems.push(problemAt(['manifest'], `no such file: ${manifest}; must be a .csv, .jsonl, .ndjson or annotation .json file, relative to root`));
  }
  if (entry.split !== undefined && manifest === undefined) {
    problems.push(problemAt(['split'], 'needs a manifest with a split column; an image folder has no splits (for a folder per split, make <root>/<split> the root)'));
  }
  if (entry.where !== undefined && manifest === undefined) {
    problems.push(problemAt(['where'], 'filters manifest entries by their attributes; an image folder has none (give a manifest)'));
  }
  const classes = resolveClasses(classRule, dir);
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
    ...attributeOptionsOf(entry),
  };
  return { id, value: dataset, problems };
}
