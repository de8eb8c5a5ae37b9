import { DatasetError } from '../../errors/errors.js';

/** One manifest entry and the columns it comes from: names, the required ones, and the checks on both. */

/** The columns a manifest may have, in the order they are documented. */
export const manifestColumns = Object.freeze(['path', 'label', 'split', 'attack_text', 'clean_path'] as const);

/** One manifest column name. */
export type ManifestColumn = (typeof manifestColumns)[number];

/** The columns every manifest must have. */
export const requiredManifestColumns = Object.freeze(['path', 'label'] as const);

/**
 * A CSV column `attributes.<name>` (and a JSON Lines key `attributes`, an object) carries one more
 * fact about an image, e.g. SCAM's `type` or `postit_area_pct`, or an exported attack's `spec_hash`.
 * Attributes travel with the sample into its result rows; a suite may break results down by them.
 */
export const attributeColumnPrefix = 'attributes.';

/** What an attribute name may be: letters, digits, `_`, `-`, `.`, starting with a letter or digit. */
export const attributeNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** One attribute value: a string, a finite number or a boolean. */
export type AttributeValue = string | number | boolean;

/** A sample's attributes by name. */
export type Attributes = Readonly<Record<string, AttributeValue>>;

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
  /** The entry's attributes (see {@link attributeColumnPrefix}); absent when it has none. */
  readonly attributes?: Attributes;
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
  const list = `found: ${found.length > 0 ? found.join(', ') : '(none)'}; allowed: ${manifestColumns.join(', ')} and ${attributeColumnPrefix}<name>`;
  const seen = new Set<string>();
  for (const name of found) {
    if (isAttributeColumn(name)) {
      if (!attributeNamePattern.test(name.slice(attributeColumnPrefix.length))) {
        throw new DatasetError(`${where}: attribute column '${name}' needs a name after '${attributeColumnPrefix}' of letters, digits, '_', '-' or '.' (${list}).`, source, line);
      }
    } else if (!allowed.has(name)) throw new DatasetError(`${where}: unknown manifest column '${name}' (${list}).`, source, line);
    if (seen.has(name)) throw new DatasetError(`${where}: manifest column '${name}' appears twice (${list}).`, source, line);
    seen.add(name);
  }
  const missing = requiredManifestColumns.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw new DatasetError(`${where}: manifest is missing the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (${list}).`, source, line);
  }
}

/** Whether a CSV column name is an attribute column (`attributes.<name>`). */
export function isAttributeColumn(name: string): boolean {
  return name.startsWith(attributeColumnPrefix);
}

/**
 * An attribute's value from CSV text: a number when the text is a number written the way
 * JavaScript writes it back (`0.377`, `12`, `-3`), so `0001` or `1e3` stay strings; otherwise the text.
 */
export function attributeFromText(text: string): AttributeValue {
  const number = Number(text);
  return text !== '' && Number.isFinite(number) && String(number) === text ? number : text;
}

/**
 * A {@link ManifestRow} from the values of one entry (column -> text). `path` and
 * `label` must be non-blank; empty optional values count as absent.
 */
export function toManifestRow(values: Partial<Record<ManifestColumn, string>>, source: string, line: number, attributes?: Attributes): ManifestRow {
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
    ...(attributes !== undefined && Object.keys(attributes).length > 0 ? { attributes } : {}),
  };
}
