import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { AtomicFileWriter, writeFileAtomically, writeFileAtomicallySync, writeFileStreamingSync } from '../../src/util/writeFileAtomically.js';
import { fillingDisk } from './fillingDisk.js';

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-atomic-'));
});
afterEach(() => {
  mock.restoreAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

const listing = () => fs.readdirSync(dir).sort();
const text = (rows: number) => Array.from({ length: rows }, (_, i) => `row ${i},${'x'.repeat(i % 50)}\n`).join('');

describe('writeFileAtomicallySync', () => {
  it('writes the file, replaces an old one, creates the folder and leaves no temporary file', () => {
    const file = path.join(dir, 'sub', 'a.txt');
    writeFileAtomicallySync(file, 'first\n');
    writeFileAtomicallySync(file, new TextEncoder().encode('second ✓\n'));
    assert.equal(fs.readFileSync(file, 'utf8'), 'second ✓\n');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['a.txt']);
  });

  it('writes every byte when the file system takes a few bytes per call (short writes)', () => {
    const real = fs.writeSync;
    const calls = mock.method(fs, 'writeSync', (fd: number, bytes: Uint8Array, offset: number, length: number) => real(fd, bytes, offset, Math.min(length, 7)));
    const file = path.join(dir, 'short.csv');
    writeFileAtomicallySync(file, text(200));
    assert.equal(fs.readFileSync(file, 'utf8'), text(200));
    assert.ok(calls.mock.callCount() > 100, `${calls.mock.callCount()} writes`);
  });

  it('on a disk that fills part-way: throws ENOSPC, keeps the old file whole, leaves no temporary file', () => {
    const file = path.join(dir, 'samples.csv');
    writeFileAtomicallySync(file, 'old, complete\n');
    fillingDisk(1000);
    assert.throws(() => writeFileAtomicallySync(file, text(500)), { code: 'ENOSPC' });
    assert.equal(fs.readFileSync(file, 'utf8'), 'old, complete\n');
    assert.deepEqual(listing(), ['samples.csv']);
  });

  it('on a disk full from the start: no file at all under the final name', () => {
    fillingDisk(0);
    assert.throws(() => writeFileAtomicallySync(path.join(dir, 'summary.md'), '# summary\n'), { code: 'ENOSPC' });
    assert.deepEqual(listing(), []);
  });

  it('refuses a write that makes no progress instead of looping', () => {
    mock.method(fs, 'writeSync', () => 0);
    assert.throws(() => writeFileAtomicallySync(path.join(dir, 'a'), 'abc'), { code: 'EIO' });
    assert.deepEqual(listing(), []);
  });

  it('removes the temporary file when fsync or the rename fails', () => {
    mock.method(fs, 'fsyncSync', () => {
      throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    });
    assert.throws(() => writeFileAtomicallySync(path.join(dir, 'a'), 'abc'), { code: 'EIO' });
    assert.deepEqual(listing(), []);
    mock.restoreAll();
    fs.mkdirSync(path.join(dir, 'taken'));
    fs.writeFileSync(path.join(dir, 'taken', 'inside'), '');
    assert.throws(() => writeFileAtomicallySync(path.join(dir, 'taken'), 'abc'));
    assert.deepEqual(listing(), ['taken']);
  });

  it('removes the temporary files a killed process left, but not those of a running one', () => {
    const exited = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    assert.ok(exited !== undefined);
    const stale = `.run.json.${exited}.0a1b2c3d.tmp`;
    const live = `.run.json.${process.ppid}.0a1b2c3d.tmp`;
    const other = `.summary.md.${exited}.0a1b2c3d.tmp`;
    for (const name of [stale, live, other]) fs.writeFileSync(path.join(dir, name), 'partial');
    writeFileAtomicallySync(path.join(dir, 'run.json'), '{}\n');
    assert.deepEqual(listing(), [live, other, 'run.json'].sort());
  });
});

describe('writeFileStreamingSync', () => {
  it('joins the pieces; a throw while producing leaves the old file and no temporary file', () => {
    const file = path.join(dir, 'samples.csv');
    writeFileStreamingSync(file, (out) => {
      out.write('a,b\n');
      out.write(new TextEncoder().encode('1,2\n'));
    });
    assert.equal(fs.readFileSync(file, 'utf8'), 'a,b\n1,2\n');
    assert.throws(
      () =>
        writeFileStreamingSync(file, (out) => {
          out.write('c,d\n');
          throw new Error('renderer failed');
        }),
      /renderer failed/,
    );
    assert.equal(fs.readFileSync(file, 'utf8'), 'a,b\n1,2\n');
    assert.deepEqual(listing(), ['samples.csv']);
  });

  it('a writer is closed once committed or aborted', () => {
    const out = AtomicFileWriter.open(path.join(dir, 'x'));
    out.write('x');
    out.commit();
    assert.throws(() => out.write('y'), /already committed or aborted/);
    out.abort();
    assert.equal(fs.readFileSync(path.join(dir, 'x'), 'utf8'), 'x');
  });
});

describe('writeFileAtomically (async)', () => {
  it('writes every byte through short writes and replaces the file', async () => {
    const real = fs.write;
    mock.method(fs, 'write', (fd: number, bytes: Uint8Array, offset: number, length: number, position: null, callback: (error: NodeJS.ErrnoException | null, written: number) => void) =>
      real(fd, bytes, offset, Math.min(length, 5), position, callback),
    );
    const file = path.join(dir, 'model.onnx');
    await writeFileAtomically(file, 'old');
    await writeFileAtomically(file, text(100));
    assert.equal(fs.readFileSync(file, 'utf8'), text(100));
    assert.deepEqual(listing(), ['model.onnx']);
  });

  it('on a full disk: rejects with ENOSPC, keeps the old file, leaves no temporary file', async () => {
    const file = path.join(dir, 'model.safetensors');
    await writeFileAtomically(file, 'old');
    let budget = 10;
    mock.method(fs, 'write', (_fd: number, _bytes: Uint8Array, _offset: number, length: number, _position: null, callback: (error: NodeJS.ErrnoException | null, written: number) => void) => {
      if (budget === 0) return process.nextTick(callback, Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), 0);
      const written = Math.min(length, budget);
      budget -= written;
      process.nextTick(callback, null, written);
    });
    await assert.rejects(writeFileAtomically(file, text(50)), { code: 'ENOSPC' });
    assert.equal(fs.readFileSync(file, 'utf8'), 'old');
    assert.deepEqual(listing(), ['model.safetensors']);
  });
});
