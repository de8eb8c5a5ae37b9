import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { RunError } from '../errors/RunError.js';
import type { z } from 'zod';
import type { Outcome } from './outcome.js';
import { outcomeSchema } from './outcomeSchema.js';

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
