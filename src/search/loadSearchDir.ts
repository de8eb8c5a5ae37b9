import { SEARCH_LOG, SEARCH_MANIFEST } from '../results/outputDir.js';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors/UsageError.js';
import { readJsonLog } from '../results/resultLog.js';
import type { SearchManifest } from '../results/searchManifest.js';
import { searchRecordSchema, type SearchRecord } from '../results/searchRecord.js';
import { messageOf } from '../util/messageOf.js';

/** A search's output directory, read back: its manifest and records. */
export interface LoadedSearch {
  readonly dir: string;
  readonly manifest: SearchManifest;
  readonly records: readonly SearchRecord[];
}

/** Reads `search.json` and `search.jsonl` of a `stroop search` output directory; UsageError naming what is missing. */
export function loadSearchDir(dir: string): LoadedSearch {
  const manifestFile = path.join(dir, SEARCH_MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new UsageError(`${dir} is not a stroop search directory: it has no ${SEARCH_MANIFEST} (run stroop search first).`, '<dir>');
  let manifest: SearchManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as SearchManifest;
  } catch (error) {
    throw new UsageError(`${manifestFile} is not valid JSON: ${messageOf(error)}`, '<dir>');
  }
  if (typeof manifest?.plan?.search !== 'object' || manifest.plan.search === null) throw new UsageError(`${manifestFile} is not a stroop search manifest (no plan.search).`, '<dir>');
  const records = [...readJsonLog<SearchRecord>(path.join(dir, SEARCH_LOG), searchRecordSchema, 'search')];
  return { dir, manifest, records };
}
