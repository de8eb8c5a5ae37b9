import { statSync } from 'node:fs';
import { parseModelRef } from './modelRef.js';
import { resolveHubRepo, type HubResolveOptions } from './resolveHubRepo.js';

/** How `--model` is resolved: the files wanted, the hub settings, and test seams (see HubResolveOptions). */
export type ResolveModelOptions = HubResolveOptions;

/** A model reference resolved to a local directory. */
export interface ResolvedModel {
  /** Directory in Hugging Face layout: the reference itself, or the cache's `snapshots/<commit>`. */
  readonly dir: string;
  /** The reference for reports: the local path as given, or the hub id `org/name`. */
  readonly id: string;
  /** Hub references: the revision asked for (`main` by default). */
  readonly revision?: string;
  /** Hub references: the 40-hex commit the files come from. */
  readonly commit?: string;
  /** Repo-relative paths downloaded by this call; empty when all came from the cache. */
  readonly downloaded: string[];
}

function isDirectory(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/**
 * Resolves `--model` to a local model directory. A local path is returned as is. A hub id
 * `org/name[@revision]` is served from the Hugging Face cache when the snapshot for that
 * revision already holds the files `options.files` asks for (no network at all);
 * otherwise the revision is resolved online, the missing files are downloaded (resumable,
 * verified) into the cache in huggingface_hub's layout, and `refs/<revision>` is updated.
 *
 * @throws UsageError for a malformed reference or HF_ENDPOINT; HubError for everything the
 *   hub, the network, the cache or offline mode can refuse.
 */
export async function resolveModelRef(ref: string, options: ResolveModelOptions): Promise<ResolvedModel> {
  const parsed = parseModelRef(ref, isDirectory);
  if (parsed.kind === 'local') return { dir: parsed.dir, id: ref, downloaded: [] };
  const { id, revision } = parsed;
  const shown = parsed.explicitRevision ? `${id}@${revision}` : id;
  return resolveHubRepo({ type: 'model', id, revision, shown }, options);
}
