import path from 'node:path';
import { parse } from 'yaml';
import { DatasetError, messageOf } from '../../errors/errors.js';
import { compareCodeUnits } from '../../util/ordering.js';

/**
 * Which files of a hub dataset repository make up each split, by the hub's own rules
 * (https://huggingface.co/docs/hub/datasets-file-names-and-splits and datasets-manual-configuration):
 * the default config's `data_files` in README.md's YAML front matter when it has one, else the
 * file and folder names. Pure: works on the repo's file list and README text.
 */

/** The files of every split, each list sorted; and where the assignment came from. */
export interface DatasetSplits {
  readonly splits: ReadonlyMap<string, readonly string[]>;
  /** `README.md configs` when the default config's data_files decided, else `file names`. */
  readonly from: 'README.md configs' | 'file names';
}

/** Split patterns by split name: what a config's `data_files` says once its forms are unified. */
type DataFiles = ReadonlyMap<string, readonly string[]>;

/** The hub's keywords for the three standard splits, and the split each stands for. */
const splitKeywords: Readonly<Record<string, readonly string[]>> = Object.freeze({
  train: ['train', 'training'],
  validation: ['validation', 'valid', 'val', 'dev'],
  test: ['test', 'testing', 'eval', 'evaluation'],
});

/** `data/<split>-00000-of-00003.<ext>`: the hub's naming for any split name (the parquet-converter's too). */
const shardedFileName = /^data\/(\w+(?:\.\w+)*)-\d{5}-of-\d{5}[^/]*$/;

/** A split name that can name a folder: the hub's `\w+(\.\w+)*`, plus '-'. */
export const splitNamePattern = /^\w+(?:[.-]\w+)*$/;

function isParquet(file: string): boolean {
  return file.toLowerCase().endsWith('.parquet');
}

/** Files the hub's automatic rules never read: in or named like hidden (`.x`) or private (`__x`) entries. */
function isIgnored(file: string): boolean {
  return file.split('/').some((segment) => segment.startsWith('.') || segment.startsWith('__'));
}

/** Whether `text` contains `keyword` with no letter right before or after it. */
function hasDelimitedKeyword(text: string, keyword: string): boolean {
  return new RegExp(`(?<![A-Za-z])${keyword}(?![A-Za-z])`).test(text);
}

/**
 * A glob of `data_files` as a regular expression over repo-relative paths: `*`, `?` and `[abc]`
 * (`[!abc]`) within one path segment, `**` across segments (`data/**` and `**\/x.parquet` match at any depth).
 */
export function globToRegExp(glob: string): RegExp {
  const normalised = glob.replace(/^\.\//, '');
  let source = '';
  for (let i = 0; i < normalised.length; i++) {
    const c = normalised[i] as string;
    if (c === '*' && normalised[i + 1] === '*') {
      const slashAfter = normalised[i + 2] === '/';
      source += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[' && normalised.indexOf(']', i + 2) > i) {
      const end = normalised.indexOf(']', i + 2);
      const body = normalised.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
      source += `[${body}]`;
      i = end;
    } else source += c.replace(/[\\^$.+()|{}[\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function patternsOf(value: unknown, where: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new Error(`${where} must be a glob or a list of globs`);
}

/** The `data_files` forms the hub accepts: a glob, a list of globs, `[{split, path}]`, or `{split: globs}`. */
function parseDataFiles(value: unknown): DataFiles {
  if (typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
    return new Map([['train', patternsOf(value, 'data_files')]]);
  }
  const out = new Map<string, string[]>();
  const add = (split: unknown, globs: unknown): void => {
    if (typeof split !== 'string') throw new Error(`a data_files entry has no split name`);
    out.set(split, [...(out.get(split) ?? []), ...patternsOf(globs, `data_files of split '${split}'`)]);
  };
  if (Array.isArray(value)) {
    for (const entry of value as unknown[]) {
      if (entry === null || typeof entry !== 'object') throw new Error('data_files entries must be {split, path}');
      const { split, path: globs } = entry as Record<string, unknown>;
      add(split, globs);
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [split, globs] of Object.entries(value)) add(split, globs);
  } else throw new Error('data_files must be a glob, a list of globs, or a list of {split, path}');
  return out;
}

/** README.md's YAML front matter (between the leading `---` lines), or undefined when it has none. */
function frontMatter(readme: string): string | undefined {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(readme);
  return match?.[1];
}

/**
 * The default config's `data_files` from README.md: the config with `default: true`, else the one
 * named `default`. Undefined when the README has no front matter, no `configs`, or no default
 * config with `data_files` (then the file names decide).
 *
 * @param source names the README in errors (`org/name/README.md`).
 * @throws DatasetError for front matter that is not YAML or a `data_files` of no known form.
 */
export function defaultConfigDataFiles(readme: string, source: string): DataFiles | undefined {
  const yaml = frontMatter(readme);
  if (yaml === undefined) return undefined;
  let card: unknown;
  try {
    card = parse(yaml);
  } catch (error) {
    throw new DatasetError(`${source}: the YAML front matter cannot be read (${messageOf(error).split('\n')[0] ?? ''}).`, source);
  }
  const configs = (card as { configs?: unknown } | null)?.configs;
  if (!Array.isArray(configs)) return undefined;
  const entries = configs.filter((c): c is Record<string, unknown> => c !== null && typeof c === 'object');
  const chosen = entries.find((c) => c['default'] === true) ?? entries.find((c) => c['config_name'] === 'default');
  if (chosen?.['data_files'] === undefined) return undefined;
  try {
    return parseDataFiles(chosen['data_files']);
  } catch (error) {
    throw new DatasetError(`${source}: config '${String(chosen['config_name'])}' has a data_files stroop cannot read (${messageOf(error)}).`, source);
  }
}

function sortedSplits(splits: Map<string, string[]>): Map<string, readonly string[]> {
  return new Map([...splits].map(([name, files]) => [name, [...new Set(files)].sort(compareCodeUnits)]));
}

function splitsFromConfig(files: readonly string[], dataFiles: DataFiles, repo: string): Map<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const [split, globs] of dataFiles) {
    const patterns = globs.map((glob) => {
      try {
        return globToRegExp(glob);
      } catch {
        throw new DatasetError(`Dataset ${repo}: split '${split}' of README.md's configs has a glob stroop cannot read: ${JSON.stringify(glob)}.`, 'README.md');
      }
    });
    out.set(split, files.filter((f) => patterns.some((p) => p.test(f))));
  }
  return sortedSplits(out);
}

/** Parquet files by the standard split whose keyword `text(file)` holds, delimited by non-letters. */
function splitsByKeyword(parquet: readonly string[], text: (file: string) => string): Map<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const file of parquet) {
    for (const [split, keywords] of Object.entries(splitKeywords)) {
      if (keywords.some((k) => hasDelimitedKeyword(text(file), k))) out.set(split, [...(out.get(split) ?? []), file]);
    }
  }
  return sortedSplits(out);
}

/** The hub's automatic rules over Parquet files: sharded `data/<split>-…` names, then split folders, then split words in file names, else one `train` split. */
function splitsFromNames(parquet: readonly string[]): Map<string, readonly string[]> {
  const sharded = new Map<string, string[]>();
  for (const file of parquet) {
    const split = shardedFileName.exec(file)?.[1];
    if (split !== undefined) sharded.set(split, [...(sharded.get(split) ?? []), file]);
  }
  if (sharded.size > 0) return sortedSplits(sharded);
  const inFolders = splitsByKeyword(parquet, (file) => path.posix.dirname(file));
  if (inFolders.size > 0) return inFolders;
  const inNames = splitsByKeyword(parquet, (file) => path.posix.basename(file));
  if (inNames.size > 0) return inNames;
  return sortedSplits(new Map([['train', [...parquet]]]));
}

/** The file extensions among `files`, for a message: `.csv, .json, (none)`. */
function extensionsOf(files: readonly string[]): string {
  const found = [...new Set(files.map((f) => path.posix.extname(f).toLowerCase() || '(none)'))].sort(compareCodeUnits);
  return found.length > 0 ? found.join(', ') : 'no files at all';
}

/**
 * Every split of a dataset repository and its Parquet files.
 *
 * @param files the repo's files (repo-relative POSIX paths).
 * @param readme README.md's text, when the repo has one.
 * @param repo names the repository in errors, e.g. `'org/name' (commit abc1234)`.
 * @throws DatasetError when the repo has no Parquet files (naming the extensions it has), or its
 *   README's default config names files that are not Parquet.
 */
export function datasetSplits(files: readonly string[], readme: string | undefined, repo: string): DatasetSplits {
  const dataFiles = readme === undefined ? undefined : defaultConfigDataFiles(readme, `Dataset ${repo} README.md`);
  if (dataFiles !== undefined) {
    const splits = splitsFromConfig(files, dataFiles, repo);
    for (const [split, matched] of splits) {
      const other = matched.filter((f) => !isParquet(f));
      if (other.length > 0) {
        throw new DatasetError(`Dataset ${repo}: split '${split}' of README.md's configs names ${other.slice(0, 3).join(', ')}; stroop reads only .parquet files (found ${extensionsOf(matched)}).`, 'README.md');
      }
    }
    return { splits, from: 'README.md configs' };
  }
  const parquet = files.filter((f) => isParquet(f) && !isIgnored(f));
  if (parquet.length === 0) {
    throw new DatasetError(`Dataset ${repo} has no .parquet files; stroop reads only Parquet (found ${extensionsOf(files.filter((f) => !isIgnored(f)))}).`, repo);
  }
  return { splits: splitsFromNames(parquet), from: 'file names' };
}

/**
 * The Parquet files of one split, sorted.
 *
 * @throws DatasetError (see datasetSplits), or for a split the repo lacks, listing those it has.
 */
export function splitFiles(files: readonly string[], readme: string | undefined, split: string, repo: string): readonly string[] {
  const { splits, from } = datasetSplits(files, readme, repo);
  const chosen = splits.get(split);
  if (chosen === undefined || chosen.length === 0) {
    const found = [...splits].filter(([, f]) => f.length > 0).map(([name]) => name);
    throw new DatasetError(`Dataset ${repo} has no split '${split}'; splits found (by ${from}): ${found.length > 0 ? found.join(', ') : '(none)'}.`, repo);
  }
  return chosen;
}
