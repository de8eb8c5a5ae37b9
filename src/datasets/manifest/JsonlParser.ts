import { DatasetError } from '../../errors/DatasetError.js';

/** One JSON Lines record: the object on the line and its 1-based line number. */
export interface JsonlRecord {
  readonly value: Readonly<Record<string, unknown>>;
  readonly line: number;
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
