import fs from 'node:fs';
import type { Outcome } from './outcome.js';

/**
 * Appends outcomes to a run's `results.jsonl` (or records to another JSON Lines log), one JSON object a line. Each batch is one write
 * followed by fsync, so a process killed at any moment leaves whole batches plus at most one
 * torn last line, which readResultLog drops.
 */
export class ResultLogWriter<T = Outcome> {
  #fd: number | undefined;

  private constructor(fd: number) {
    this.#fd = fd;
  }

  /** Opens `file` for appending, first cutting a torn tail of `tornBytes` after `validBytes`. */
  static open<T = Outcome>(file: string, validBytes: number, tornBytes: number): ResultLogWriter<T> {
    if (tornBytes > 0) fs.truncateSync(file, validBytes);
    return new ResultLogWriter<T>(fs.openSync(file, 'a'));
  }

  append(outcomes: readonly T[]): void {
    if (outcomes.length === 0) return;
    if (this.#fd === undefined) throw new Error('ResultLogWriter is closed');
    fs.writeSync(this.#fd, outcomes.map((o) => `${JSON.stringify(o)}\n`).join(''));
    fs.fsyncSync(this.#fd);
  }

  close(): void {
    if (this.#fd !== undefined) fs.closeSync(this.#fd);
    this.#fd = undefined;
  }
}
