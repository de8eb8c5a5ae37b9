import { annotationRows, maxAnnotationBytes } from './annotationRows.js';
import fs from 'node:fs';
import path from 'node:path';
import { DatasetError } from '../../errors/errors.js';
import { CsvParser, type CsvRecord } from './CsvParser.js';
import {
  attributeColumnPrefix,
  attributeFromText,
  attributeNamePattern,
  checkManifestColumns,
  isAttributeColumn,
  toManifestRow,
  type AttributeValue,
  type ManifestColumn,
  type ManifestRow,
} from './manifestRow.js';

/**
 * Reading a manifest: its format from the file name, text to {@link ManifestRow}s chunk by chunk
 * (CSV through {@link CsvParser}, JSON Lines through {@link JsonlParser}), and a manifest file
 * streamed in batches.
 */

/** Manifest formats read as a stream: CSV with a header row, or JSON Lines (one object per line). */
export type ManifestFormat = 'csv' | 'jsonl';

/** Every manifest file format: the streamed ones, and `annotations` (Materzynska et al.'s `annotation.json`, read whole). */
export type ManifestFileFormat = ManifestFormat | 'annotations';

/** One JSON Lines record: the object on the line and its 1-based line number. */
export interface JsonlRecord {
  readonly value: Readonly<Record<string, unknown>>;
  readonly line: number;
}

const formatsByExtension: Readonly<Record<string, ManifestFileFormat>> = Object.freeze({ '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'annotations' });

/** A manifest's format, from its file extension (case-insensitive): `.csv`, `.jsonl` or `.ndjson`, or `.json` for an annotation file. */
export function manifestFormatOf(file: string): ManifestFileFormat {
  const format = formatsByExtension[path.extname(file).toLowerCase()];
  if (!format) {
    throw new DatasetError(`Manifest '${file}' has an unknown extension. Valid extensions: .csv, .jsonl, .ndjson, .json (an annotation.json).`, file);
  }
  return format;
}

/**
 * An incremental JSON Lines reader: feed it text in chunks of any size, get one record
 * per complete line. LF or CRLF line ends, a leading byte-order mark and blank lines are
 * accepted; a line that is not one JSON object is a {@link DatasetError} naming file and line.
 */
export class JsonlParser {
  private pending = '';
  private line = 0;

  /** @param source the file name used in error messages. */
  constructor(private readonly source: string) {}

  /** Feeds the next chunk; yields the records of the lines it completes. */
  *push(chunk: string): Generator<JsonlRecord> {
    const text = this.line === 0 && this.pending === '' && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    this.pending += text;
    let start = 0;
    let newline = this.pending.indexOf('\n');
    while (newline !== -1) {
      const record = this.parseLine(this.pending.slice(start, newline));
      if (record) yield record;
      start = newline + 1;
      newline = this.pending.indexOf('\n', start);
    }
    this.pending = this.pending.slice(start);
  }

  /** Signals the end of the input; yields the last line's record when the file does not end with a line break. */
  *end(): Generator<JsonlRecord> {
    const record = this.parseLine(this.pending);
    this.pending = '';
    if (record) yield record;
  }

  private parseLine(raw: string): JsonlRecord | undefined {
    const line = ++this.line;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return undefined;
    const source = this.source;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new DatasetError(`${source} line ${line}: not valid JSON (${(error as Error).message}); each line must be one JSON object.`, source, line, { cause: error });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DatasetError(
        `${source} line ${line}: expected a JSON object such as {"path": "...", "label": "..."}, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}.`,
        source,
        line,
      );
    }
    return { value: value as Record<string, unknown>, line };
  }
}

/**
 * The `attributes` object of a JSON Lines entry: names as in {@link attributeNamePattern}, values
 * strings, finite numbers or booleans; a null value (or a null object) counts as absent.
 */
function jsonlAttributes(value: unknown, source: string, line: number): Record<string, AttributeValue> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new DatasetError(`${source} line ${line}: 'attributes' is ${JSON.stringify(value)}; it must be an object such as {"type": "SCAM", "postit_area_pct": 2.5}.`, source, line);
  }
  const attributes: Record<string, AttributeValue> = {};
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (!attributeNamePattern.test(name)) {
      throw new DatasetError(`${source} line ${line}: attribute name ${JSON.stringify(name)} must be letters, digits, '_', '-' or '.', starting with a letter or digit.`, source, line);
    }
    if (v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) {
      throw new DatasetError(`${source} line ${line}: attribute '${name}' is ${JSON.stringify(v)}; attribute values are strings, finite numbers or booleans (or null for none).`, source, line);
    }
    attributes[name] = v;
  }
  return attributes;
}

/**
 * An incremental manifest reader: text in, {@link ManifestRow}s out, chunk by chunk.
 * Checks column names (CSV header, or each JSON object's keys), field counts and the
 * required values, with a {@link DatasetError} naming file and line; paths are not
 * resolved here.
 */
export class ManifestParser {
  private readonly csv: CsvParser | undefined;
  private readonly jsonl: JsonlParser | undefined;
  private header: string[] | undefined;

  /** @param source the manifest's file name, for error messages. */
  constructor(
    private readonly source: string,
    format: ManifestFormat,
  ) {
    if (format === 'csv') this.csv = new CsvParser(source);
    else this.jsonl = new JsonlParser(source);
  }

  /** Feeds the next chunk of text; returns the entries it completes. */
  push(chunk: string): ManifestRow[] {
    return this.rowsOf(this.csv ? this.csv.push(chunk) : (this.jsonl as JsonlParser).push(chunk));
  }

  /** Signals the end of the text; returns the last entry, if the text did not end with a line break. */
  end(): ManifestRow[] {
    const rows = this.rowsOf(this.csv ? this.csv.end() : (this.jsonl as JsonlParser).end());
    if (this.csv && !this.header) {
      throw new DatasetError(`${this.source}: empty manifest; a CSV manifest starts with a header row such as 'path,label'.`, this.source);
    }
    return rows;
  }

  private rowsOf(records: Iterable<CsvRecord | JsonlRecord>): ManifestRow[] {
    const rows: ManifestRow[] = [];
    for (const record of records) {
      const row = 'fields' in record ? this.csvRow(record) : this.jsonlRow(record);
      if (row) rows.push(row);
    }
    return rows;
  }

  private csvRow({ fields, line }: CsvRecord): ManifestRow | undefined {
    const source = this.source;
    if (!this.header) {
      const names = fields.map((name) => name.trim());
      checkManifestColumns(names, source, line);
      this.header = names;
      return undefined;
    }
    const header = this.header;
    if (fields.length !== header.length) {
      throw new DatasetError(
        `${source} line ${line}: ${fields.length} field${fields.length === 1 ? '' : 's'}, but the header names ${header.length} (${header.join(',')}); quote fields that contain commas.`,
        source,
        line,
      );
    }
    const values: Partial<Record<ManifestColumn, string>> = {};
    const attributes: Record<string, AttributeValue> = {};
    header.forEach((column, i) => {
      const text = fields[i] ?? '';
      if (!isAttributeColumn(column)) values[column as ManifestColumn] = text;
      else if (text !== '') attributes[column.slice(attributeColumnPrefix.length)] = attributeFromText(text);
    });
    return toManifestRow(values, source, line, attributes);
  }

  private jsonlRow({ value: record, line }: JsonlRecord): ManifestRow {
    const source = this.source;
    const { attributes, ...value } = record;
    checkManifestColumns(Object.keys(value), source, line);
    const values: Partial<Record<ManifestColumn, string>> = {};
    for (const [column, v] of Object.entries(value)) {
      if (v === null) continue;
      if (typeof v !== 'string') {
        throw new DatasetError(`${source} line ${line}: '${column}' is ${JSON.stringify(v)}; manifest values are strings (or null for an absent optional column).`, source, line);
      }
      values[column as ManifestColumn] = v;
    }
    return toManifestRow(values, source, line, jsonlAttributes(attributes, source, line));
  }
}

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

/** Bytes read from the manifest at a time: a batch holds the entries of about this much text. */
const chunkBytes = 64 * 1024;

/**
 * The entries of a manifest file in batches, streamed (see {@link parseManifestRows}).
 * The file is opened when iteration starts and closed when it ends, also when the
 * consumer stops early.
 */
export async function* readManifestFile(file: string, format: ManifestFileFormat): AsyncGenerator<readonly ManifestRow[]> {
  if (format === 'annotations') {
    const bytes = fs.statSync(file).size;
    if (bytes > maxAnnotationBytes) throw new DatasetError(`${file} is ${bytes} bytes; an annotation file is read whole, at most ${maxAnnotationBytes} bytes (use a CSV or JSON Lines manifest).`, file);
    yield annotationRows(fs.readFileSync(file, 'utf8'), file);
    return;
  }
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: chunkBytes });
  try {
    yield* parseManifestRows(stream as AsyncIterable<string>, file, format);
  } finally {
    stream.destroy();
  }
}
