import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { summarizeOutcomes } from '../../src/metrics/runMetrics.js';
import { writeSearchCsv } from '../../src/reports/search/writeSearchCsv.js';
import { writeSamplesCsv } from '../../src/reports/writeSamplesCsv.js';
import { writeSummaryCsv } from '../../src/reports/writeSummaryCsv.js';
import type { Outcome } from '../../src/results/outcome.js';
import { writeJsonAtomically } from '../../src/results/outputDir.js';
import { scored } from '../metrics/outcomeBuilders.js';
import { errorRecord, flippedRecord, heldRecord } from '../search/searchRecords.js';
import { fillingDisk } from '../util/fillingDisk.js';

/**
 * Issue 18 #5: a full disk must never leave a short report under its final name (the README's CI
 * workflow uploads reports even when the run failed), nor temporary files beside it.
 */

/** `rows` sample x attack rows, about 250 bytes each in samples.csv. */
function outcomes(rows: number): Outcome[] {
  return Array.from({ length: rows }, (_, i) =>
    scored({ sampleId: `images/sample-${String(i).padStart(6, '0')}.png`, trueIndex: i % 3, clean: [i % 3, 1, 2, 3, 4], attacked: [1, i % 3, 2, 3, 4], attackId: i % 2 === 0 ? 'clean' : 'sticker' }),
  );
}

const writers = {
  'samples.csv': (file: string) => writeSamplesCsv(file, outcomes(2000), ['m'], ['sticker']),
  'summary.csv': (file: string) => writeSummaryCsv(file, summarizeOutcomes(outcomes(2000))),
  'search.csv': (file: string) => writeSearchCsv(file, [flippedRecord('m', 'a.png', 'cat', 20), heldRecord('m', 'b.png', 'dog'), errorRecord('m', 'c.png', 'car')], ['size']),
  'run.json': (file: string) => writeJsonAtomically(file, { rows: outcomes(50) }),
} as const;

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-full-disk-'));
});
afterEach(() => {
  mock.restoreAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('report writers on a disk that fills part-way', () => {
  for (const [name, write] of Object.entries(writers)) {
    it(`${name}: complete through short writes; on ENOSPC the previous file stays whole and no temporary file is left`, () => {
      const file = path.join(dir, name);
      write(file);
      const complete = fs.readFileSync(file);
      fs.rmSync(file);

      // A disk with room for all of it, but taking at most a few KiB per write call.
      const real = fs.writeSync;
      mock.method(fs, 'writeSync', (fd: number, bytes: Uint8Array, offset: number, length: number) => real(fd, bytes, offset, Math.min(length, 3000)));
      write(file);
      assert.ok(fs.readFileSync(file).equals(complete), `${name} differs when written in short pieces`);
      mock.restoreAll();

      fs.writeFileSync(file, 'previous, complete\n');
      const disk = fillingDisk(Math.floor(complete.length / 2));
      assert.throws(() => write(file), { code: 'ENOSPC' });
      assert.ok(disk.written() > 0);
      assert.equal(fs.readFileSync(file, 'utf8'), 'previous, complete\n');
      assert.deepEqual(fs.readdirSync(dir), [name]);
    });
  }
});

/** Mounts a tmpfs of `bytes` (needs root on Linux); undefined where that is not allowed. */
function mountTmpfs(bytes: number): { readonly dir: string; readonly unmount: () => void } | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-tmpfs-'));
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', mountPoint]).status !== 0) {
    fs.rmSync(mountPoint, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir: mountPoint,
    unmount: () => {
      spawnSync('umount', [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    },
  };
}

describe('report writers on a real, small tmpfs', () => {
  it('fail with ENOSPC and leave the previous file (or none) and no temporary file; succeed once there is room', (t) => {
    const capacity = 1024 * 1024;
    const disk = mountTmpfs(capacity);
    if (disk === undefined) {
      t.skip('cannot mount a tmpfs here (needs root on Linux); the stubbed disk above covers the same paths');
      return;
    }
    try {
      for (const [name, write] of Object.entries(writers)) {
        write(path.join(dir, name));
        const complete = fs.readFileSync(path.join(dir, name));
        // Leave room for half of the file (whole 4 KiB pages; none for a small one).
        const room = Math.floor(complete.length / 2 / 4096) * 4096;
        const filler = path.join(disk.dir, 'filler');
        fs.writeFileSync(filler, Buffer.alloc(capacity - room));
        const file = path.join(disk.dir, name);
        assert.throws(() => write(file), { code: 'ENOSPC' }, name);
        assert.deepEqual(fs.readdirSync(disk.dir), ['filler'], name);
        fs.rmSync(filler);
        write(file);
        assert.ok(fs.readFileSync(file).equals(complete), name);
        fs.rmSync(file);
      }
    } finally {
      disk.unmount();
    }
  });
});
