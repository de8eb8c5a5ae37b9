import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DatasetError, HubError, UsageError } from '../../errors/errors.js';
import type { ProgressListener } from '../../hub/downloadProgress.js';
import { readCachedCommit, repoCachePaths } from '../../hub/hubCache.js';
import { readHubSettings, type HubEnv } from '../../hub/hubSettings.js';
import { parseDatasetRef, resolveDatasetRepo, type ResolveDatasetOptions } from '../../hub/resolveDatasetRepo.js';
import { sha256Hex } from '../../util/hashing.js';
import { extractParquetDataset, openSplitFiles, readExtraction, type ExtractionInfo, type ExtractionRequest } from './extractParquetDataset.js';
import { checkColumns, normaliseColumns, writeHubManifest, type HubDatasetColumns } from './hubDatasetManifest.js';
import { splitFiles, splitNamePattern } from './hubDatasetFiles.js';

/** Where and how to open a hub dataset. */
export interface OpenHubDatasetOptions {
  /** The split to open; default `train`. */
  readonly split?: string;
  /** Which columns are the label, the attack text and the image names; default `{label: 'label'}`. */
  readonly columns?: HubDatasetColumns;
  /** stroop's cache folder: extractions go to `<cacheDir>/hub-datasets/<org>--<name>/<commit>/<split>/`. */
  readonly cacheDir: string;
  /** Environment to read HF_* variables from; default `process.env`. */
  readonly env?: HubEnv;
  /** Use only the caches (also on when HF_HUB_OFFLINE is set). */
  readonly offline?: boolean;
  /** Overrides HF_ENDPOINT. */
  readonly endpoint?: string;
  /** Overrides HF_TOKEN. */
  readonly token?: string;
  /** The Hugging Face cache; overrides HF_HUB_CACHE / HF_HOME. */
  readonly hubCacheDir?: string;
  /** Download progress; none is shown without it. */
  readonly progress?: ProgressListener;
  /** Injected for tests. */
  readonly fetch?: typeof fetch;
  /** Called after each extracted row group (progress; tests pause here). */
  readonly onRowGroup?: ExtractionRequest['onRowGroup'];
}

/** A hub dataset split, extracted, with a manifest for its column mapping. */
export interface HubDataset {
  /** The extraction folder: the dataset root the manifest's paths are relative to. */
  readonly root: string;
  /** Absolute path of the JSON Lines manifest. */
  readonly manifest: string;
  /** `org/name`. */
  readonly id: string;
  /** The revision asked for (`main` by default). */
  readonly revision: string;
  /** The 40-hex commit the rows come from. */
  readonly commit: string;
  readonly split: string;
  /** Lines in the manifest. */
  readonly rows: number;
  /** Rows left out of the manifest: a null or blank label, or no image. */
  readonly skippedRows: number;
  /** Every top-level column of the Parquet files. */
  readonly columns: readonly string[];
}

/** The extraction folder's name: the split, or for images named by another column than `id`, `<split>.by-<column>`. */
function extractionFolderName(split: string, nameColumn: string | undefined): string {
  if (nameColumn === undefined || nameColumn === 'id') return split;
  const safe = nameColumn.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${split}.by-${safe}${safe === nameColumn ? '' : `-${sha256Hex(nameColumn).slice(0, 8)}`}`;
}

/** Options for the hub client, with only the values given (exactOptionalPropertyTypes). */
function hubOptions(options: OpenHubDatasetOptions, files: ResolveDatasetOptions['files']): ResolveDatasetOptions {
  const { env, offline, endpoint, token, hubCacheDir, progress, fetch } = options;
  return {
    files,
    ...(env === undefined ? {} : { env }),
    ...(offline === undefined ? {} : { offline }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(token === undefined ? {} : { token }),
    ...(hubCacheDir === undefined ? {} : { cacheDir: hubCacheDir }),
    ...(progress === undefined ? {} : { progress }),
    ...(fetch === undefined ? {} : { fetch }),
  };
}

/**
 * Opens split `options.split` of the hub dataset `ref` (`org/name[@revision]`, e.g.
 * `BLISS-e-V/SCAM`) as a local dataset: its Parquet files are downloaded once through the hub
 * client and cache that models use (HF_TOKEN, HF_ENDPOINT, HF_HUB_CACHE, offline mode), the
 * split is extracted once per commit into `images/` and `rows.jsonl` under
 * `<cacheDir>/hub-datasets/`, and a JSON Lines manifest is written for the column mapping. A
 * revision whose extraction is complete is served without any request.
 *
 * @throws UsageError for a malformed reference or split name; HubError for what the hub,
 *   network, cache or offline mode refuse; DatasetError for a repo without Parquet files, an
 *   unknown split (listing those found), a mapped column the files lack (listing those found),
 *   or Parquet stroop cannot read.
 */
export async function openHubDataset(ref: string, options: OpenHubDatasetOptions): Promise<HubDataset> {
  const { id, revision, shown } = parseDatasetRef(ref);
  const split = options.split ?? 'train';
  if (!splitNamePattern.test(split)) {
    throw new UsageError(`Split '${split}' of dataset '${shown}' is not a split name (letters, digits, '_', with '.' or '-' between them), e.g. train.`, 'split');
  }
  const columns = normaliseColumns(options.columns);
  const datasetDir = path.join(path.resolve(options.cacheDir), 'hub-datasets', id.replace('/', '--'));
  const folder = extractionFolderName(split, columns.id);
  const finish = async (commit: string, info: ExtractionInfo): Promise<HubDataset> => {
    const root = path.join(datasetDir, commit, folder);
    checkColumns(columns, info, `'${shown}' (commit ${commit.slice(0, 7)}, split ${split})`, root);
    const written = await writeHubManifest(root, info, columns);
    return { root, manifest: written.manifest, id, revision, commit, split, rows: written.rows, skippedRows: written.skippedRows, columns: info.columns };
  };

  const settings = await readHubSettings(options.env ?? process.env, { cacheDir: options.hubCacheDir, offline: options.offline, endpoint: options.endpoint, token: options.token });
  const known = await readCachedCommit(repoCachePaths(settings.cacheDir, id, 'dataset'), revision);
  const done = known === undefined ? undefined : await readExtraction(path.join(datasetDir, known, folder));
  if (known !== undefined && done !== undefined) return finish(known, done);

  const withReadme = await resolveDatasetRepo(ref, hubOptions(options, (files) => (files.includes('README.md') ? ['README.md'] : [])));
  const { commit } = withReadme;
  const root = path.join(datasetDir, commit, folder);
  const extracted = await readExtraction(root);
  if (extracted !== undefined) return finish(commit, extracted);

  const readme = await readFile(path.join(withReadme.dir, 'README.md'), 'utf8').catch(() => undefined);
  const repo = `'${shown}' (commit ${commit.slice(0, 7)})`;
  let chosen: readonly string[] = [];
  let refusal: DatasetError | undefined;
  const pick = (files: readonly string[]): readonly string[] => {
    try {
      chosen = splitFiles(files, readme, split, repo);
      return chosen;
    } catch (error) {
      if (error instanceof DatasetError) refusal = error;
      throw error;
    }
  };
  // Pinned to the commit the README came from, so a branch that moves meanwhile cannot mix two commits.
  const snapshot = await resolveDatasetRepo(`${id}@${commit}`, hubOptions(options, pick)).catch((error: unknown) => {
    throw error instanceof HubError && error.kind === 'missingFiles' && refusal !== undefined ? refusal : error;
  });

  const files = chosen.map((repoPath) => ({ repoPath, file: path.join(snapshot.dir, ...repoPath.split('/')) }));
  const opened = await openSplitFiles(files, repo);
  const layout: Pick<ExtractionInfo, 'columns' | 'scalars'> = opened[0]?.layout ?? { columns: [], scalars: [] };
  checkColumns(columns, layout, `'${shown}' (commit ${commit.slice(0, 7)}, split ${split})`, root);
  const nameColumn = columns.id ?? (layout.scalars.includes('id') ? 'id' : undefined);
  const info = await extractParquetDataset(
    { root, id, commit, split, files, ...(nameColumn === undefined ? {} : { nameColumn }), ...(options.onRowGroup === undefined ? {} : { onRowGroup: options.onRowGroup }) },
    repo,
  );
  return finish(commit, info);
}
