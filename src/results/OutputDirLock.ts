import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutputLockedError, RunError } from '../errors/errors.js';

/** The lock file in an output directory. */
export const LOCK_FILE = '.stroop.lock';

/** What a lock file holds: who writes into the directory. */
export interface LockHolder {
  readonly pid: number;
  /** os.hostname() of the holder: a pid says nothing about a process on another host. */
  readonly host: string;
  /** When the lock was taken, ISO 8601. */
  readonly startedAt: string;
  /** The stroop command holding it, e.g. `run`. */
  readonly command: string;
  /** Random per lock, so a process removes only the lock it took. */
  readonly token: string;
}

/** A lock file being written has content within this long; an empty one older than this is a writer killed in between. */
const unwrittenGraceMs = 2000;
/** A stale-lock breaker file older than this was left by a process killed while breaking. */
const breakerStaleMs = 10_000;
const retryMs = 50;
const maxAttempts = 100;

type Observed = { readonly kind: 'missing' } | { readonly kind: 'held'; readonly text: string; readonly holder: LockHolder } | { readonly kind: 'unreadable'; readonly text: string; readonly ageMs: number };

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function observe(file: string): Observed {
  let text: string;
  let ageMs: number;
  try {
    text = fs.readFileSync(file, 'utf8');
    ageMs = Date.now() - fs.statSync(file).mtimeMs;
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    const holder = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isInteger(holder.pid) && typeof holder.host === 'string' && typeof holder.startedAt === 'string' && typeof holder.token === 'string') {
      return { kind: 'held', text, holder: { command: 'run', ...holder } as LockHolder };
    }
  } catch {
    // not JSON: a writer killed between creating and filling it, or not our file
  }
  return { kind: 'unreadable', text, ageMs };
}

/** Whether the holder may still be running: its pid lives on this host (on another host nobody can tell, so yes). */
function mayBeAlive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) !== 'ESRCH';
  }
}

/** Creates the lock file if there is none (O_CREAT | O_EXCL); false when one exists. */
function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (error) {
    if (errnoOf(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeFileSync(fd, `${JSON.stringify(holder)}\n`);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  return true;
}

/**
 * Removes a stale lock whose content is still `staleText`. Only the process that creates the
 * breaker file may remove it, so two processes that both found the same stale lock cannot remove
 * a lock the other has just taken.
 */
function breakStale(file: string, staleText: string): void {
  const breaker = `${file}.break`;
  let fd: number;
  try {
    fd = fs.openSync(breaker, 'wx');
  } catch (error) {
    if (errnoOf(error) !== 'EEXIST') throw error;
    try {
      if (Date.now() - fs.statSync(breaker).mtimeMs > breakerStaleMs) fs.rmSync(breaker, { force: true });
    } catch {
      // gone meanwhile
    }
    return;
  }
  try {
    const now = observe(file);
    if (now.kind !== 'missing' && now.text === staleText) fs.rmSync(file, { force: true });
  } finally {
    fs.closeSync(fd);
    fs.rmSync(breaker, { force: true });
  }
}

function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.host}, 'stroop ${holder.command}' since ${holder.startedAt}`;
}

/**
 * An exclusive lock on an output directory, so two stroop processes never append to one result
 * log: a lock file `<dir>/.stroop.lock` created with O_EXCL, holding the holder's pid, host and
 * start time. A lock whose holder is gone (its pid is not alive on this host: a SIGKILL, a crash)
 * is stale and taken over. Released by {@link release}, and on process exit if the holder forgets.
 */
export class OutputDirLock {
  #released = false;
  readonly #onExit = () => this.release();

  private constructor(
    /** The lock file. */
    readonly file: string,
    readonly holder: LockHolder,
  ) {
    process.on('exit', this.#onExit);
  }

  /**
   * Takes the lock on `dir` (which must exist) for `command`.
   * @throws OutputLockedError (a UsageError, exit code 2) naming the holder and the lock file when
   *   a live process holds it.
   */
  static async acquire(dir: string, command: string): Promise<OutputDirLock> {
    const file = path.join(dir, LOCK_FILE);
    const holder: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), command, token: randomUUID() };
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (tryCreate(file, holder)) return new OutputDirLock(file, holder);
      const seen = observe(file);
      if (seen.kind === 'missing') continue;
      if (seen.kind === 'held' && mayBeAlive(seen.holder)) {
        throw new OutputLockedError(
          `${dir} is being written by another stroop process (${describeHolder(seen.holder)}; lock file ${file}). ` +
            'Wait for it to finish or choose another --out; if that process is gone, delete the lock file.',
          file,
          seen.holder.pid,
          seen.holder.startedAt,
        );
      }
      if (seen.kind === 'unreadable' && seen.ageMs < unwrittenGraceMs) {
        await new Promise((resolve) => setTimeout(resolve, retryMs));
        continue;
      }
      breakStale(file, seen.text);
    }
    throw new RunError(`Could not take the lock ${file} after ${maxAttempts} attempts (it keeps changing); is another process removing it?`, file);
  }

  /** Removes the lock file if it is still this lock's. Safe to call more than once. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    process.off('exit', this.#onExit);
    const seen = observe(this.file);
    if (seen.kind === 'held' && seen.holder.token === this.holder.token) fs.rmSync(this.file, { force: true });
  }
}
