import { UsageError } from '../errors/errors.js';
import { isValidRepoId, isValidRevision } from './modelRef.js';
import { resolveHubRepo, type HubResolveOptions } from './resolveHubRepo.js';

/** A hub dataset reference once parsed: `org/name` at a revision. */
export interface DatasetRef {
  /** `org/name`. */
  readonly id: string;
  /** Branch, tag or 40-hex commit; `main` when the reference named none. */
  readonly revision: string;
  /** The reference as errors show it: `org/name`, or `org/name@rev` when it named the revision. */
  readonly shown: string;
}

/** How a dataset repository is fetched: the files wanted (e.g. the Parquet files of a split), the hub settings, test seams. */
export type ResolveDatasetOptions = HubResolveOptions;

/** A dataset repository's snapshot in the Hugging Face cache, holding the files asked for. */
export interface ResolvedDatasetRepo {
  /** The cache's `datasets--org--name/snapshots/<commit>` folder; files as `options.files` named them, relative to it. */
  readonly dir: string;
  /** `org/name`. */
  readonly id: string;
  /** The revision asked for (`main` by default). */
  readonly revision: string;
  /** The 40-hex commit the files come from. */
  readonly commit: string;
  /** Repo-relative paths downloaded by this call; empty when all came from the cache. */
  readonly downloaded: string[];
}

const allowedForms = 'a Hugging Face hub dataset id org/name[@revision], e.g. BLISS-e-V/SCAM@main';

/**
 * Parses a hub dataset reference `org/name[@revision]` (branch, tag, `refs/pr/N` or commit),
 * by the same rules as a model's hub id. There is no local-directory form.
 *
 * @throws UsageError naming the value and the allowed form.
 */
export function parseDatasetRef(ref: string): DatasetRef {
  const trimmed = ref.trim();
  if (trimmed === '') throw new UsageError(`The dataset reference is empty; give ${allowedForms}.`, 'dataset');
  const at = trimmed.indexOf('@');
  const id = at < 0 ? trimmed : trimmed.slice(0, at);
  const revision = at < 0 ? 'main' : trimmed.slice(at + 1);
  if (!isValidRepoId(id)) throw new UsageError(`Dataset '${ref}' is not a valid hub id; give ${allowedForms}.`, 'dataset');
  if (!isValidRevision(revision)) {
    throw new UsageError(
      `Dataset '${ref}': revision '${revision}' is not a valid branch, tag or commit (letters, digits, '_', '-', '.' and '/' between segments); give ${allowedForms}.`,
      'dataset',
    );
  }
  return { id, revision, shown: at < 0 ? id : `${id}@${revision}` };
}

/**
 * Brings files of a hub dataset repository `org/name[@revision]` into the Hugging Face cache
 * (`datasets--org--name/`, huggingface_hub's layout) through the same client as models: served
 * from the cache without any request when the revision's snapshot holds what `options.files`
 * picks, else listed (`GET /api/datasets/{id}/revision/{rev}` and its tree) and downloaded from
 * `{endpoint}/datasets/{id}/resolve/{commit}/{path}`, resumable and verified; HF_TOKEN,
 * HF_ENDPOINT, HF_HUB_CACHE and offline mode as for models.
 *
 * @throws UsageError for a malformed reference or HF_ENDPOINT; HubError (its messages say
 *   "Dataset '<id>'") for everything the hub, the network, the cache or offline mode can refuse.
 */
export async function resolveDatasetRepo(ref: string, options: ResolveDatasetOptions): Promise<ResolvedDatasetRepo> {
  const { id, revision, shown } = parseDatasetRef(ref);
  return resolveHubRepo({ type: 'dataset', id, revision, shown }, options);
}
