import { rm, stat } from 'node:fs/promises';
import { HubError } from './HubError.js';
import { hashFile } from './hashFile.js';
import type { RepoFile } from './repoFile.js';

/**
 * Checks a finished partial file against the hub's listing: its size, and its sha256 (LFS
 * files) or git blob id (files stored in git). A file that fails is deleted, so the next
 * run downloads it afresh rather than resuming a corrupt one.
 *
 * @throws HubError of kind `integrity`.
 */
export async function verifyDownload(partial: string, file: RepoFile, modelId: string): Promise<void> {
  const fail = async (what: string): Promise<never> => {
    await rm(partial, { force: true });
    throw new HubError(
      `Downloaded '${file.path}' of model '${modelId}' does not match the hub's listing (${what}); the file was discarded, run again to download it afresh.`,
      'integrity',
      modelId,
      partial,
    );
  };
  const { size } = await stat(partial);
  if (size !== file.size) return fail(`${size} bytes instead of ${file.size}`);
  if (file.sha256 !== undefined) {
    const actual = await hashFile(partial, 'sha256');
    if (actual !== file.sha256) return fail(`sha256 ${actual} instead of ${file.sha256}`);
  } else if (file.gitOid !== undefined && file.gitOid.length === 40) {
    const actual = await hashFile(partial, 'sha1', size);
    if (actual !== file.gitOid) return fail(`git blob id ${actual} instead of ${file.gitOid}`);
  }
}
