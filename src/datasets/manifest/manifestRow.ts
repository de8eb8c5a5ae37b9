import { DatasetError } from '../../errors/DatasetError.js';
import type { ManifestColumn } from './manifestColumns.js';

/**
 * One manifest entry as written, before its paths are resolved against the dataset root.
 * Optional columns that are absent or empty are left out.
 */
export interface ManifestRow {
  /** 1-based line of the manifest where the entry starts. */
  readonly line: number;
  /** Image path as written (relative to the dataset root). */
  readonly path: string;
  readonly label: string;
  readonly split?: string;
  readonly attackText?: string;
  /** Paired clean image path as written (relative to the dataset root). */
  readonly cleanPath?: string;
}

/**
 * A {@link ManifestRow} from the values of one entry (column -> text). `path` and
 * `label` must be non-blank; empty optional values count as absent.
 */
export function toManifestRow(values: Partial<Record<ManifestColumn, string>>, source: string, line: number): ManifestRow {
  const { path, label, split, attack_text: attackText, clean_path: cleanPath } = values;
  for (const [column, value] of [['path', path], ['label', label]] as const) {
    if (value === undefined || value.trim() === '') {
      throw new DatasetError(`${source} line ${line}: empty '${column}'; every entry needs an image path and a label.`, source, line);
    }
  }
  return {
    line,
    path: path as string,
    label: label as string,
    ...(split ? { split } : {}),
    ...(attackText ? { attackText } : {}),
    ...(cleanPath ? { cleanPath } : {}),
  };
}
