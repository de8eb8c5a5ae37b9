import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { quantizesActivationsPerBatch } from '../../../src/engines/onnx/quantizesActivationsPerBatch.js';

describe('quantizesActivationsPerBatch', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-dq-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fileWith = (name: string, size: number, at: number | null) => {
    const bytes = Buffer.alloc(size, 0x41);
    if (at !== null) bytes.write('DynamicQuantizeMatMul', at, 'latin1');
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it('finds the op name anywhere in a file, also across the 8 MB pieces it is read in', async () => {
    const piece = 8 << 20;
    for (const at of [0, piece - 7, piece - 1, piece, 2 * piece + 3]) assert.equal(await quantizesActivationsPerBatch(fileWith(`at-${at}`, 2 * piece + 100, at)), true, `at ${at}`);
    assert.equal(await quantizesActivationsPerBatch(fileWith('none', 2 * piece + 100, null)), false);
    assert.equal(await quantizesActivationsPerBatch(fileWith('tiny', 10, null)), false);
  });
});
