import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Atomic file replacement: bytes go to a temporary sibling (`.<name>.<pid>.<random>.tmp`), which
 * is flushed to disk and renamed over `<name>` only once every byte is written, so a reader sees
 * the old file or the whole new one, never a short one - a full disk fails the write (the
 * file system's error, e.g. `ENOSPC`, is rethrown unchanged) and leaves the old file in place.
 * The temporary file is removed on every failure; one left by a killed process is removed by
 * the next write of the same file. The folder is created when missing.
 *
 * All file system calls go through the `fs` module object at call time, so a test can make a
 * write fail part-way by replacing `fs.writeSync` / `fs.write`.
 */

const temporarySuffix = '.tmp';

function temporaryPrefix(file: string): string {
  return `.${path.basename(file)}.`;
}

function temporaryPathOf(file: string): string {
  return path.join(path.dirname(file), `${temporaryPrefix(file)}${process.pid}.${randomBytes(4).toString('hex')}${temporarySuffix}`);
}

/** Whether a process with this id is running (EPERM: it exists but belongs to someone else). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary files of `file` that processes no longer running left behind (a SIGKILL mid-write). */
function removeStaleTemporaries(file: string): void {
  const prefix = temporaryPrefix(file);
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(temporarySuffix)) continue;
    const pid = Number(/^(\d+)\.[0-9a-f]+$/.exec(name.slice(prefix.length, -temporarySuffix.length))?.[1]);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !isProcessRunning(pid)) fs.rmSync(path.join(path.dirname(file), name), { force: true });
  }
}

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

/** An error for a write that made no progress and reported no error (so the loop cannot spin). */
function noProgress(file: string, missing: number): NodeJS.ErrnoException {
  return Object.assign(new Error(`EIO: the file system accepted 0 bytes of ${missing} for ${file}`), { code: 'EIO' });
}

/**
 * Writes a file in pieces (a CSV row batch at a time) and replaces `file` with it atomically on
 * {@link AtomicFileWriter.commit}. Every `write` writes all its bytes, looping on short writes, or
 * throws; after a throw, call {@link AtomicFileWriter.abort} (or use {@link writeFileStreamingSync}).
 */
export class AtomicFileWriter {
  private fd: number | undefined;

  private constructor(
    /** The file that `commit` replaces. */
    readonly file: string,
    /** Where the bytes go until then. */
    readonly temporary: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Creates the temporary file next to `file` (and `file`'s folder, when missing). */
  static open(file: string): AtomicFileWriter {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    removeStaleTemporaries(file);
    const temporary = temporaryPathOf(file);
    return new AtomicFileWriter(file, temporary, fs.openSync(temporary, 'wx'));
  }

  /** Appends `data` (strings as UTF-8), all of it or throwing. */
  write(data: string | Uint8Array): void {
    const fd = this.openFd();
    const bytes = bytesOf(data);
    let offset = 0;
    while (offset < bytes.length) {
      const written = fs.writeSync(fd, bytes, offset, bytes.length - offset);
      if (written <= 0) throw noProgress(this.file, bytes.length - offset);
      offset += written;
    }
  }

  /** Flushes the bytes to disk and renames the temporary file over `file`; on failure removes it and throws. */
  commit(): void {
    const fd = this.openFd();
    try {
      fs.fsyncSync(fd);
      this.fd = undefined;
      fs.closeSync(fd);
      fs.renameSync(this.temporary, this.file);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Closes and removes the temporary file; `file` is left as it was. Safe to call twice. */
  abort(): void {
    if (this.fd !== undefined) {
      const fd = this.fd;
      this.fd = undefined;
      try {
        fs.closeSync(fd);
      } catch {
        // The write already failed; that error is the one to report.
      }
    }
    fs.rmSync(this.temporary, { force: true });
  }

  private openFd(): number {
    if (this.fd === undefined) throw new Error(`${this.temporary} is already committed or aborted`);
    return this.fd;
  }
}

/**
 * Replaces `file` atomically with what `produce` writes, piece by piece (for files too large to
 * hold as one string, like `samples.csv`). When `produce` or a write throws, `file` is untouched.
 */
export function writeFileStreamingSync(file: string, produce: (out: AtomicFileWriter) => void): void {
  const out = AtomicFileWriter.open(file);
  try {
    produce(out);
  } catch (error) {
    out.abort();
    throw error;
  }
  out.commit();
}

/** Replaces `file` atomically with `data` (strings as UTF-8). */
export function writeFileAtomicallySync(file: string, data: string | Uint8Array): void {
  writeFileStreamingSync(file, (out) => out.write(data));
}

const openAsync = (file: string) => new Promise<number>((resolve, reject) => fs.open(file, 'wx', (error, fd) => (error === null ? resolve(fd) : reject(error))));
const writeAsync = (fd: number, bytes: Uint8Array, offset: number, length: number) =>
  new Promise<number>((resolve, reject) => fs.write(fd, bytes, offset, length, null, (error, written) => (error === null ? resolve(written) : reject(error))));
const fsyncAsync = (fd: number) => new Promise<void>((resolve, reject) => fs.fsync(fd, (error) => (error === null ? resolve() : reject(error))));
const closeAsync = (fd: number) => new Promise<void>((resolve, reject) => fs.close(fd, (error) => (error === null ? resolve() : reject(error))));

/**
 * Replaces `file` atomically with `data` without blocking the event loop (model files of
 * hundreds of MB). Same guarantees as {@link writeFileAtomicallySync}.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  removeStaleTemporaries(file);
  const temporary = temporaryPathOf(file);
  const bytes = bytesOf(data);
  let fd: number | undefined = await openAsync(temporary);
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const written = await writeAsync(fd, bytes, offset, bytes.length - offset);
      if (written <= 0) throw noProgress(file, bytes.length - offset);
      offset += written;
    }
    await fsyncAsync(fd);
    const closing = fd;
    fd = undefined;
    await closeAsync(closing);
    await fs.promises.rename(temporary, file);
  } catch (error) {
    if (fd !== undefined) await closeAsync(fd).catch(() => undefined);
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
}
