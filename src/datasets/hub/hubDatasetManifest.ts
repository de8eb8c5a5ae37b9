import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DatasetError } from '../../errors/errors.js';
import { specHash } from '../../util/hashing.js';
import { AtomicFileWriter, writeFileAtomically } from '../../util/writeFileAtomically.js';
import { attributeNamePattern, type AttributeValue } from '../manifest/manifestRow.js';
import { rowsFile, type ExtractionInfo } from './extractParquetDataset.js';
import type { ScalarValue } from './parquetRows.js';

/**
 * The JSON Lines manifest of an extracted hub dataset for one column mapping:
 * `manifest-<hash>.jsonl` beside rows.jsonl, one line per row with a label:
 * `{"path", "label", "attack_text"?, "attributes": {<every other scalar column>}}`.
 */

/** Which Parquet columns play which part in a manifest. */
export interface HubDatasetColumns {
  /** The column of the true class; default `label` (ClassLabel ints become their names). */
  readonly label?: string;
  /** The column of the text written on the image (SCAM's `attack_word`); none by default. */
  readonly attackText?: string;
  /** The column whose values name the extracted images (default: a column named `id`, when there is one). */
  readonly id?: string;
}

/** A written manifest and its counts. */
export interface HubManifest {
  /** Absolute path of the manifest. */
  readonly manifest: string;
  /** Lines in the manifest. */
  readonly rows: number;
  /** Rows left out: a null or blank label, or no image. */
  readonly skippedRows: number;
}

/** The mapping with its default applied, as hashed into the manifest's name. */
export function normaliseColumns(columns: HubDatasetColumns = {}): HubDatasetColumns & { readonly label: string } {
  return {
    label: columns.label ?? 'label',
    ...(columns.attackText === undefined ? {} : { attackText: columns.attackText }),
    ...(columns.id === undefined ? {} : { id: columns.id }),
  };
}

/** `manifest-<first 12 hex of the mapping's hash>.jsonl`. */
export function manifestFileName(columns: HubDatasetColumns): string {
  return `manifest-${specHash(normaliseColumns(columns)).slice(0, 12)}.jsonl`;
}

/**
 * Checks that every column the mapping names is a scalar column of the files.
 *
 * @param repo names the repository in errors, e.g. `'org/name' (commit abc1234, split train)`.
 * @throws DatasetError naming the column and listing the columns found.
 */
export function checkColumns(columns: HubDatasetColumns, found: Pick<ExtractionInfo, 'columns' | 'scalars'>, repo: string, source: string): void {
  const { label, attackText, id } = normaliseColumns(columns);
  const roles: [string, string | undefined][] = [['label', label], ['attack text', attackText], ['id', id]];
  for (const [role, column] of roles) {
    if (column === undefined) continue;
    if (!found.columns.includes(column)) {
      throw new DatasetError(`Dataset ${repo} has no column '${column}' (asked for as the ${role}); columns found: ${found.columns.join(', ')}.`, source);
    }
    if (!found.scalars.includes(column)) {
      throw new DatasetError(`Dataset ${repo}: column '${column}' (asked for as the ${role}) holds no text or numbers; columns of text or numbers: ${found.scalars.join(', ') || '(none)'}.`, source);
    }
  }
}

/** Attribute names for the scalar columns, made valid and unique (`my col` -> `my_col`). */
function attributeNames(columns: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const [i, column] of columns.entries()) {
    let name = attributeNamePattern.test(column) ? column : column.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[_.-]+/, '');
    if (name === '') name = `column${i}`;
    const stem = name;
    for (let n = 2; used.has(name); n++) name = `${stem}_${n}`;
    used.add(name);
    out.set(column, name);
  }
  return out;
}

function text(value: ScalarValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const s = String(value);
  return s.trim() === '' ? undefined : s;
}

interface ManifestCounts {
  readonly rows: number;
  readonly skippedRows: number;
}

async function readCounts(file: string): Promise<ManifestCounts | undefined> {
  const raw = await readFile(file, 'utf8').catch(() => undefined);
  if (raw === undefined) return undefined;
  try {
    const counts = JSON.parse(raw) as Partial<ManifestCounts>;
    return typeof counts.rows === 'number' && typeof counts.skippedRows === 'number' ? { rows: counts.rows, skippedRows: counts.skippedRows } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes (once: its counts go to `manifest-<hash>.counts.json`, which a later call reads back) the manifest of an extraction for a column
 * mapping, streaming rows.jsonl. A row with a null or blank label, or without an image, is left
 * out and counted: stroop's manifest refuses blank labels.
 */
export async function writeHubManifest(root: string, info: ExtractionInfo, columns: HubDatasetColumns): Promise<HubManifest> {
  const manifest = path.join(root, manifestFileName(columns));
  const countsFile = manifest.replace(/\.jsonl$/, '.counts.json');
  const known = await readCounts(countsFile);
  if (known !== undefined && (await stat(manifest).catch(() => undefined))?.isFile()) return { manifest, ...known };

  const { label, attackText } = normaliseColumns(columns);
  const attributes = attributeNames(info.scalars.filter((c) => c !== label && c !== attackText));
  const out = AtomicFileWriter.open(manifest);
  let rows = 0;
  let skippedRows = 0;
  try {
    const lines = createInterface({ input: createReadStream(path.join(root, rowsFile), 'utf8'), crlfDelay: Infinity });
    let batch = '';
    for await (const line of lines) {
      if (line === '') continue;
      const row = JSON.parse(line) as Record<string, ScalarValue>;
      const labelText = text(row[label]);
      const image = row['image'];
      if (labelText === undefined || typeof image !== 'string') {
        skippedRows++;
        continue;
      }
      const attack = attackText === undefined ? undefined : text(row[attackText]);
      const attrs: Record<string, AttributeValue> = {};
      for (const [column, name] of attributes) {
        const v = row[column];
        if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) attrs[name] = v;
      }
      batch += `${JSON.stringify({ path: image, label: labelText, ...(attack === undefined ? {} : { attack_text: attack }), attributes: attrs })}\n`;
      rows++;
      if (batch.length > 1 << 20) {
        out.write(batch);
        batch = '';
      }
    }
    out.write(batch);
  } catch (error) {
    out.abort();
    throw error;
  }
  out.commit();
  await writeFileAtomically(countsFile, `${JSON.stringify({ columns: normaliseColumns(columns), rows, skippedRows }, null, 2)}\n`);
  return { manifest, rows, skippedRows };
}
