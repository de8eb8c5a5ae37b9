import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { cliBinary } from '../helpers/runCli.js';

describe('a reader that closes stdout early (stroop ... | head -1)', () => {
  it('ends the CLI quietly with status 0, without an EPIPE stack trace', async () => {
    // The reader closes the pipe before the CLI writes its first line, so every write fails.
    const child = spawn(process.execPath, [cliBinary, 'attacks', 'list'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled/);
    assert.equal(code, 0, stderr);
  });
});
