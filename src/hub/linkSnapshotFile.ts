import { copyFile, mkdir, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Puts `snapshots/<commit>/<file>` in place as a relative symlink to its blob, as
 * huggingface_hub does (so the cache can be moved); where symlinks are not allowed
 * (Windows without developer mode) the blob is copied instead, as huggingface_hub also does.
 * A link that already resolves to a file is left alone.
 */
export async function linkSnapshotFile(blobPath: string, linkPath: string): Promise<void> {
  if ((await stat(linkPath).catch(() => undefined))?.isFile()) return;
  await mkdir(path.dirname(linkPath), { recursive: true });
  await rm(linkPath, { force: true });
  try {
    await symlink(path.relative(path.dirname(linkPath), blobPath), linkPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EACCES' && code !== 'ENOTSUP') throw error;
    await copyFile(blobPath, linkPath);
  }
}
