import { ManifestParser, type ManifestFormat } from './ManifestParser.js';
import type { ManifestRow } from './manifestRow.js';

/**
 * The entries of a manifest whose text arrives in chunks, as one batch per chunk: the
 * next chunk is pulled only when the consumer asks for the next batch, so memory holds
 * about one chunk's entries, never the manifest. Batches (not single rows) keep the
 * per-entry cost of async iteration off a 100,000-row manifest. Empty batches are skipped.
 *
 * @param source the manifest's file name, for error messages.
 */
export async function* parseManifestRows(chunks: AsyncIterable<string>, source: string, format: ManifestFormat): AsyncGenerator<readonly ManifestRow[]> {
  const parser = new ManifestParser(source, format);
  for await (const chunk of chunks) {
    const rows = parser.push(chunk);
    if (rows.length > 0) yield rows;
  }
  const last = parser.end();
  if (last.length > 0) yield last;
}
