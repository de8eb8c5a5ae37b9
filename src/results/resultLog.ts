import fs from 'node:fs';
import { RunError } from '../errors/errors.js';
import type { Outcome } from './outcome.js';
import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { z } from 'zod';
import { outcomeSchema } from './outcome.js';

/**
 * TEST ONLY: `STROOP_TEST_PAUSE_AFTER_ROWS=N` makes every writer of this process write its first N
 * records, fsync them, and then block (up to 10 minutes), so a test can kill a run at an exact
 * point instead of racing it. Read here and nowhere else; never set it outside tests.
 */
export const PAUSE_AFTER_ROWS_ENV = 'STROOP_TEST_PAUSE_AFTER_ROWS';

const pauseLimitMs = 10 * 60 * 1000;

function pauseAfterRowsOf(env: NodeJS.ProcessEnv): number | undefined {
  const value = env[PAUSE_AFTER_ROWS_ENV];
  if (value === undefined || value === '') return undefined;
  const rows = Number(value);
  if (!(Number.isInteger(rows) && rows >= 0)) throw new RunError(`${PAUSE_AFTER_ROWS_ENV} (a test hook) must be a whole number of rows >= 0, got '${value}'.`);
  return rows;
}

/** JSON of one record, refusing numbers JSON cannot hold (NaN and infinities would be written as null). */
function lineOf(record: unknown): string {
  return `${JSON.stringify(record, function (this: unknown, key, value: unknown) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new RunError(`Refusing to write a result record whose '${key}' is ${value} (a bug: non-finite scores must become error rows): ${JSON.stringify(record).slice(0, 300)}`);
    }
    return value;
  })}\n`;
}

/**
 * Appends outcomes to a run's `results.jsonl` (or records to another JSON Lines log), one JSON
 * object a line. Each batch is one write followed by fsync, so a process killed at any moment
 * leaves whole batches plus at most one torn last line, which readResultLog drops. A batch with a
 * number that is not finite is refused whole (RunError), before anything is written: the reader
 * would reject that line, and with it the whole log.
 */
export class ResultLogWriter<T = Outcome> {
  #fd: number | undefined;
  #written = 0;
  readonly #pauseAfterRows: number | undefined;

  private constructor(fd: number, pauseAfterRows: number | undefined) {
    this.#fd = fd;
    this.#pauseAfterRows = pauseAfterRows;
  }

  /** Opens `file` for appending, first cutting a torn tail of `tornBytes` after `validBytes`. */
  static open<T = Outcome>(file: string, validBytes: number, tornBytes: number): ResultLogWriter<T> {
    const pauseAfterRows = pauseAfterRowsOf(process.env);
    if (tornBytes > 0) fs.truncateSync(file, validBytes);
    return new ResultLogWriter<T>(fs.openSync(file, 'a'), pauseAfterRows);
  }

  append(outcomes: readonly T[]): void {
    if (outcomes.length === 0) return;
    if (this.#fd === undefined) throw new Error('ResultLogWriter is closed');
    const pause = this.#pauseAfterRows;
    const kept = pause === undefined ? outcomes : outcomes.slice(0, Math.max(0, pause - this.#written));
    const bytes = Buffer.from(kept.map(lineOf).join(''));
    if (bytes.length > 0) {
      for (let at = 0; at < bytes.length; ) {
        const wrote = fs.writeSync(this.#fd, bytes, at, bytes.length - at);
        if (wrote <= 0) throw new RunError('Writing the result log stopped short (0 bytes written).');
        at += wrote;
      }
      fs.fsyncSync(this.#fd);
      this.#written += kept.length;
    }
    if (pause !== undefined && this.#written >= pause) {
      // The test hook: block this thread (timers and all) until the test kills the process.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseLimitMs);
      throw new RunError(`${PAUSE_AFTER_ROWS_ENV}=${pause}: paused for ${pauseLimitMs / 60000} minutes and was not killed; this hook is for tests only.`);
    }
  }

  close(): void {
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** Where a result log's intact part ends. */
export interface ResultLogTail {
  /** Bytes of whole, valid lines from the start. */
  validBytes: number;
  /** Bytes after them: a line torn by a killed process (dropped), or 0. */
  tornBytes: number;
  /** Lines skipped as byte-identical repeats of an earlier line (set when given). */
  duplicateLines?: number;
}

/** A line's identity for spotting exact repeats: 128 bits of its SHA-256 (no two different lines share it in practice). */
function lineDigest(line: string): string {
  return createHash('sha256').update(line).digest('base64').slice(0, 22);
}

function parseLine<T>(line: string, schema: z.ZodType): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(line));
    return parsed.success ? (parsed.data as T) : undefined;
  } catch {
    return undefined;
  }
}

/** The file's text in 1 MB pieces, read synchronously (so metrics can consume a plain iterable). */
function* readChunks(file: string): Generator<string> {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder('utf8');
    for (let read = fs.readSync(fd, buffer); read > 0; read = fs.readSync(fd, buffer)) yield decoder.write(buffer.subarray(0, read));
    yield decoder.end();
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Streams the outcomes of a `results.jsonl`, validated, in file order. A last line that is
 * incomplete or invalid (a write cut short by SIGKILL) is dropped and reported through `tail`;
 * an invalid line anywhere else means the log is corrupt: RunError naming file and line.
 *
 * A line byte-identical to an earlier one is skipped: two processes that once wrote into one
 * directory at the same time (before output directories were locked) appended every row twice,
 * and such a log reads as if written once. Two different lines of one row still reach the metrics,
 * which refuse them (see indexOutcomes).
 */
export function readResultLog(file: string, tail?: ResultLogTail): Generator<Outcome> {
  return readJsonLog<Outcome>(file, outcomeSchema, 'outcome', tail);
}

/** {@link readResultLog} for any append-only JSON Lines log whose lines `schema` validates (`what` names a line in errors). */
export function* readJsonLog<T>(file: string, schema: z.ZodType, what: string, tail?: ResultLogTail): Generator<T> {
  if (!fs.existsSync(file)) return;
  let carry = '';
  let offset = 0;
  let lineNumber = 0;
  let pendingBad: { line: number; bytes: number } | undefined;
  const seen = new Set<string>();
  let duplicateLines = 0;
  for (const chunk of readChunks(file)) {
    carry += chunk;
    let newline: number;
    while ((newline = carry.indexOf('\n')) >= 0) {
      const line = carry.slice(0, newline);
      carry = carry.slice(newline + 1);
      lineNumber += 1;
      const bytes = Buffer.byteLength(line) + 1;
      if (pendingBad !== undefined) {
        throw new RunError(`Log ${file} is corrupt at line ${pendingBad.line}: not a valid ${what} record (only a torn last line can be repaired).`, file);
      }
      const outcome = line.trim() === '' ? undefined : parseLine<T>(line, schema);
      if (outcome === undefined) {
        if (line.trim() === '') offset += bytes;
        else pendingBad = { line: lineNumber, bytes };
        continue;
      }
      offset += bytes;
      const digest = lineDigest(line);
      if (seen.has(digest)) {
        duplicateLines += 1;
        continue;
      }
      seen.add(digest);
      yield outcome;
    }
  }
  const tornBytes = (pendingBad?.bytes ?? 0) + Buffer.byteLength(carry);
  if (tail !== undefined) {
    tail.validBytes = offset;
    tail.tornBytes = tornBytes;
    tail.duplicateLines = duplicateLines;
  }
}
