import fs from 'node:fs';
import type { ManifestFormat } from './ManifestParser.js';
import type { ManifestRow } from './manifestRow.js';
import { parseManifestRows } from './parseManifestRows.js';

/** Bytes read from the manifest at a time: a batch holds the entries of about this much text. */
const chunkBytes = 64 * 1024;

/**
 * The entries of a manifest file in batches, streamed (see {@link parseManifestRows}).
 * The file is opened when iteration starts and closed when it ends, also when the
 * consumer stops early.
 */
export async function* readManifestFile(file: string, format: ManifestFormat): AsyncGenerator<readonly ManifestRow[]> {
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: chunkBytes });
  try {
    yield* parseManifestRows(stream as AsyncIterable<string>, file, format);
  } finally {
    stream.destroy();
  }
}
