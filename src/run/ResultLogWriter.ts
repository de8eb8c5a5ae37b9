import fs from 'node:fs';
import { RunError } from '../errors/RunError.js';
import type { Outcome } from './outcome.js';

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
