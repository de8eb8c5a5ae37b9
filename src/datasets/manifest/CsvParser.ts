import { DatasetError } from '../../errors/errors.js';

/** One CSV record: its fields, verbatim, and the 1-based line of the file it starts on. */
export interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

const quote = 0x22;
const comma = 0x2c;
const cr = 0x0d;
const lf = 0x0a;
const bom = 0xfeff;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted';

/**
 * An incremental RFC 4180 reader: feed it text in chunks of any size, get records as
 * soon as they are complete, so memory holds one record, never the file.
 *
 * Accepts what RFC 4180 writes and what spreadsheets export: quoted fields with `""`
 * for a quote, line breaks inside quoted fields (kept verbatim), CRLF, LF or CR line
 * ends, a UTF-8 byte-order mark at the start. Blank lines are skipped. Refused, with a
 * {@link DatasetError} naming the file and line: a quote inside an unquoted field, text
 * after a closing quote, and a quoted field still open at the end of the file.
 */
export class CsvParser {
  private state: State = 'fieldStart';
  private field = '';
  private fields: string[] = [];
  /** Current physical line, 1-based. */
  private line = 1;
  private recordLine = 1;
  private quotedLine = 1;
  private previousWasCr = false;
  private atStart = true;

  /** @param source the file name used in error messages. */
  constructor(private readonly source: string) {}

  /** Feeds the next chunk; yields the records it completes. */
  *push(chunk: string): Generator<CsvRecord> {
    let i = 0;
    if (this.atStart && chunk.length > 0) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === bom) i = 1;
    }
    for (; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === lf && this.previousWasCr) {
        // Second half of a CRLF: the CR already counted the line (and ended the record).
        this.previousWasCr = false;
        if (this.state === 'quoted') this.field += '\n';
        continue;
      }
      this.previousWasCr = c === cr;
      const newline = c === cr || c === lf;
      if (newline) this.line++;
      switch (this.state) {
        case 'fieldStart':
          if (c === quote) {
            this.state = 'quoted';
            this.quotedLine = this.line;
          } else if (c === comma) {
            this.fields.push('');
          } else if (newline) {
            // A line with nothing on it is skipped; after a comma it ends the record with an empty field.
            if (this.fields.length > 0) {
              this.fields.push('');
              yield this.takeRecord();
            } else {
              this.recordLine = this.line;
            }
          } else {
            this.field = String.fromCharCode(c);
            this.state = 'unquoted';
          }
          break;
        case 'unquoted': {
          // Copy a run of ordinary characters at once.
          let end = i;
          while (end < chunk.length) {
            const d = chunk.charCodeAt(end);
            if (d === comma || d === cr || d === lf || d === quote) break;
            end++;
          }
          if (end > i) {
            this.field += chunk.slice(i, end);
            i = end - 1;
            this.previousWasCr = false;
            break;
          }
          if (c === comma) this.endField();
          else if (newline) {
            this.endField();
            yield this.takeRecord();
          } else {
            throw this.error(this.line, `a '"' inside an unquoted field; quote the whole field and double the quotes in it ("a ""b"" c")`);
          }
          break;
        }
        case 'quoted': {
          if (c === quote) {
            this.state = 'quoteInQuoted';
            break;
          }
          let end = i + 1;
          while (end < chunk.length) {
            const d = chunk.charCodeAt(end);
            if (d === quote || d === cr || d === lf) break;
            end++;
          }
          this.field += chunk.slice(i, end);
          // The run read past `c` holds no CR, so an LF after it is a line of its own, not the end of a CRLF.
          if (end > i + 1) this.previousWasCr = false;
          i = end - 1;
          break;
        }
        case 'quoteInQuoted':
          if (c === quote) {
            this.field += '"';
            this.state = 'quoted';
          } else if (c === comma) {
            this.endField();
          } else if (newline) {
            this.endField();
            yield this.takeRecord();
          } else {
            throw this.error(this.line, `text after the closing quote of a field; a quote inside a quoted field is written '""'`);
          }
          break;
      }
    }
  }

  /** Signals the end of the input; yields the last record when the file does not end with a line break. */
  *end(): Generator<CsvRecord> {
    switch (this.state) {
      case 'quoted':
        throw this.error(this.quotedLine, `a quoted field opened here is never closed`);
      case 'unquoted':
      case 'quoteInQuoted':
        this.endField();
        yield this.takeRecord();
        break;
      case 'fieldStart':
        if (this.fields.length > 0) {
          this.fields.push('');
          yield this.takeRecord();
        }
        break;
    }
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = 'fieldStart';
  }

  private takeRecord(): CsvRecord {
    const record = { fields: this.fields, line: this.recordLine };
    this.fields = [];
    this.recordLine = this.line;
    return record;
  }

  private error(line: number, problem: string): DatasetError {
    return new DatasetError(`${this.source} line ${line}: malformed CSV: ${problem}.`, this.source, line);
  }
}
