import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { OutputLockedError, UsageError } from '../../src/errors/errors.js';
import { LOCK_FILE, OutputDirLock, type LockHolder } from '../../src/results/OutputDirLock.js';
import type { RunPlan } from '../../src/results/runPlan.js';
import { runSuite } from '../../src/run/runSuite.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-lock-'));

/** The pid of a process that has exited (so no process has it, barring reuse in the last instant). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function writeHolder(dir: string, holder: Partial<LockHolder>): string {
  const file = path.join(dir, LOCK_FILE);
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: '2024-01-02T03:04:05.000Z', command: 'run', token: 'other', ...holder }));
  return file;
}

describe('OutputDirLock', () => {
  it('lets one holder in at a time and names the holder to the next, as a usage error', async () => {
    const dir = tmp();
    const lock = await OutputDirLock.acquire(dir, 'run');
    const file = path.join(dir, LOCK_FILE);
    assert.equal((JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder).pid, process.pid);
    await assert.rejects(OutputDirLock.acquire(dir, 'search'), (e: unknown) => {
      assert.ok(e instanceof OutputLockedError && e instanceof UsageError, String(e));
      assert.equal(e.holderPid, process.pid);
      assert.equal(e.lockFile, file);
      assert.equal(e.holderSince, lock.holder.startedAt);
      assert.ok(e.message.includes(`pid ${process.pid}`) && e.message.includes(file) && e.message.includes(lock.holder.startedAt), e.message);
      return true;
    });
    lock.release();
    lock.release();
    assert.equal(fs.existsSync(file), false, 'released');
    const next = await OutputDirLock.acquire(dir, 'run');
    next.release();
  });

  it('takes over a stale lock whose holder is not alive, or that was never written', async () => {
    const dir = tmp();
    const file = writeHolder(dir, { pid: deadPid() });
    const lock = await OutputDirLock.acquire(dir, 'run');
    assert.equal((JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder).token, lock.holder.token);
    lock.release();

    fs.writeFileSync(file, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    const again = await OutputDirLock.acquire(dir, 'run');
    again.release();
    assert.equal(fs.existsSync(path.join(dir, `${LOCK_FILE}.break`)), false);
  });

  it('treats a holder on another host as alive (its pid cannot be checked from here)', async () => {
    const dir = tmp();
    writeHolder(dir, { pid: deadPid(), host: `not-${os.hostname()}` });
    await assert.rejects(OutputDirLock.acquire(dir, 'run'), OutputLockedError);
  });

  it('removes only its own lock on release', async () => {
    const dir = tmp();
    const lock = await OutputDirLock.acquire(dir, 'run');
    const file = writeHolder(dir, { token: 'someone else' });
    lock.release();
    assert.equal(fs.existsSync(file), true);
  });

  it('runSuite refuses a directory another process is writing into, leaving it as it was, and unlocks after a failed run', async () => {
    const out = tmp();
    const file = writeHolder(out, { pid: process.ppid, command: 'run' });
    const plan: RunPlan = {
      name: 'locked',
      models: [{ id: 'tiny', ref: fixturePath('clip-tiny'), engine: 'onnx', dtype: 'fp32', device: 'cpu' }],
      datasets: [{ id: 'tiny', spec: { root: path.join(repoRoot, 'datasets', 'tiny'), manifest: 'manifest.csv' }, classes: 'labels' }],
      templates: ['a photo of a {}.'],
      attacks: [],
      batch: 4,
      topK: 3,
      shard: { index: 1, count: 1 },
    };
    await assert.rejects(runSuite(plan, { outDir: out, cacheDir: tmp(), maxPixels: 1e8 }), (e: unknown) => e instanceof OutputLockedError && e.holderPid === process.ppid);
    assert.deepEqual(fs.readdirSync(out), [LOCK_FILE], 'nothing written');
    fs.rmSync(file);

    // A run that fails (a model that is not there) still releases the lock.
    await assert.rejects(runSuite({ ...plan, models: plan.models.map((m) => ({ ...m, ref: path.join(out, 'no-model') })) }, { outDir: out, cacheDir: tmp(), maxPixels: 1e8 }));
    assert.equal(fs.existsSync(file), false);
  });
});
