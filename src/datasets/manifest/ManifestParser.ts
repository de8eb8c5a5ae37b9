import { DatasetError } from '../../errors/DatasetError.js';
import { CsvParser, type CsvRecord } from './CsvParser.js';
import { JsonlParser, type JsonlRecord } from './JsonlParser.js';
import { checkManifestColumns, type ManifestColumn } from './manifestColumns.js';
import { toManifestRow, type ManifestRow } from './manifestRow.js';

/** Manifest file formats: CSV with a header row, or JSON Lines (one object per line). */
export type ManifestFormat = 'csv' | 'jsonl';

/**
 * An incremental manifest reader: text in, {@link ManifestRow}s out, chunk by chunk.
 * Checks column names (CSV header, or each JSON object's keys), field counts and the
 * required values, with a {@link DatasetError} naming file and line; paths are not
 * resolved here.
 */
export class ManifestParser {
  private readonly csv: CsvParser | undefined;
  private readonly jsonl: JsonlParser | undefined;
  private header: ManifestColumn[] | undefined;

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
      this.header = names as ManifestColumn[];
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
    header.forEach((column, i) => (values[column] = fields[i] ?? ''));
    return toManifestRow(values, source, line);
  }

  private jsonlRow({ value, line }: JsonlRecord): ManifestRow {
    const source = this.source;
    checkManifestColumns(Object.keys(value), source, line);
    const values: Partial<Record<ManifestColumn, string>> = {};
    for (const [column, v] of Object.entries(value)) {
      if (v === null) continue;
      if (typeof v !== 'string') {
        throw new DatasetError(`${source} line ${line}: '${column}' is ${JSON.stringify(v)}; manifest values are strings (or null for an absent optional column).`, source, line);
      }
      values[column as ManifestColumn] = v;
    }
    return toManifestRow(values, source, line);
  }
}
