import fs from 'node:fs';
import { RunError, UsageError } from '../errors/errors.js';
import { whyNotWritable } from '../util/fileSystem.js';
import { writeFileAtomicallySync } from '../util/writeFileAtomically.js';

/** The result log of a run directory: one JSON outcome per line, appended as rows finish. */
export const RESULT_LOG = 'results.jsonl';
/** The manifest of a run directory: plan, provenance, classes (see runManifest.ts). */
export const RUN_MANIFEST = 'run.json';
/** The report files a run directory gets, in the order they are written. */
export const RUN_REPORTS = Object.freeze({
  summaryJson: 'summary.json',
  summaryCsv: 'summary.csv',
  samplesCsv: 'samples.csv',
  summaryMarkdown: 'summary.md',
  junit: 'junit.xml',
  html: 'report.html',
});
/** The record log of a search directory: one JSON search record per line. */
export const SEARCH_LOG = 'search.jsonl';
/** The manifest of a search directory. */
export const SEARCH_MANIFEST = 'search.json';
/** The search summary (JSON) beside the search's other reports. */
export const SEARCH_SUMMARY = 'search-summary.json';

/** Writes `value` as indented JSON, atomically (see writeFileAtomicallySync): a reader never sees half of it. */
export function writeJsonAtomically(file: string, value: unknown): void {
  writeFileAtomicallySync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** The manifest an output directory already holds (`run.json`, `search.json`), or undefined; RunError when it is not JSON. */
export function readJsonManifest<T>(file: string): T | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new RunError(`${file} is not valid JSON; remove the output directory or choose another --out.`, file, { cause: error });
  }
}

/**
 * Makes sure a run or search can write its output folder before anything is computed.
 *
 * @param option the command-line option that names the folder, for the message.
 * @throws UsageError (exit 2) saying which folder cannot be written and why.
 */
export function checkOutputDir(dir: string, option = '--out'): void {
  const why = whyNotWritable(dir);
  if (why !== undefined) throw new UsageError(`Cannot write the output directory ${dir} (${why}); choose another ${option}, or make it writable.`, option);
}
