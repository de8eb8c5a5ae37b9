import { DatasetError } from '../../errors/errors.js';

/** One manifest entry and the columns it comes from: names, the required ones, and the checks on both. */

/** The columns a manifest may have, in the order they are documented. */
export const manifestColumns = Object.freeze(['path', 'label', 'split', 'attack_text', 'clean_path'] as const);

/** One manifest column name. */
export type ManifestColumn = (typeof manifestColumns)[number];

/** The columns every manifest must have. */
export const requiredManifestColumns = Object.freeze(['path', 'label'] as const);

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

const allowed = new Set<string>(manifestColumns);

/**
 * Checks the column names of a manifest (a CSV header, or the keys of one JSON Lines
 * object): every required column present, no unknown and no repeated column. Unknown
 * columns are refused rather than ignored, so that a misspelt `atack_text` cannot
 * silently turn a real-world attack set into a clean one.
 *
 * @param line the 1-based line the names come from, for the error.
 */
export function checkManifestColumns(found: readonly string[], source: string, line: number): void {
  const where = `${source} line ${line}`;
  const list = `found: ${found.length > 0 ? found.join(', ') : '(none)'}; allowed: ${manifestColumns.join(', ')}`;
  const seen = new Set<string>();
  for (const name of found) {
    if (!allowed.has(name)) throw new DatasetError(`${where}: unknown manifest column '${name}' (${list}).`, source, line);
    if (seen.has(name)) throw new DatasetError(`${where}: manifest column '${name}' appears twice (${list}).`, source, line);
    seen.add(name);
  }
  const missing = requiredManifestColumns.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new DatasetError(`${where}: manifest is missing the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (${list}).`, source, line);
  }
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
