import path from 'node:path';
import { DatasetError } from '../../errors/DatasetError.js';
import type { ManifestFormat } from './ManifestParser.js';

const formats: Readonly<Record<string, ManifestFormat>> = Object.freeze({ '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' });

/** A manifest's format, from its file extension (case-insensitive): `.csv`, `.jsonl` or `.ndjson`. */
export function manifestFormatOf(file: string): ManifestFormat {
  const format = formats[path.extname(file).toLowerCase()];
  if (!format) {
    throw new DatasetError(`Manifest '${file}' has an unknown extension. Valid extensions: ${Object.keys(formats).join(', ')}.`, file);
  }
  return format;
}
