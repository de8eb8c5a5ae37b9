import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * Hex digest of a file, streamed. With `gitBlob`, the git object id: sha1 of
 * `blob <size>\0` followed by the content, which is what the hub lists for non-LFS files.
 */
export async function hashFile(file: string, algorithm: 'sha256' | 'sha1', gitBlobSize?: number): Promise<string> {
  const hash = createHash(algorithm);
  if (gitBlobSize !== undefined) hash.update(`blob ${gitBlobSize}\0`);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
