import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RunError } from '../../src/errors/errors.js';
import { EmbeddingStore } from '../../src/store/EmbeddingStore.js';
import type { Outcome } from '../../src/results/outcome.js';
import { readResultLog, type ResultLogTail, ResultLogWriter } from '../../src/results/resultLog.js';
import { sampleSeed } from '../../src/run/sampleState.js';

const row = (i: number): Outcome => ({ kind: 'error', sampleId: `s${i}`, model: 'm', attackId: 'a', variant: '0', trueLabel: 'x', trueIndex: 0, stage: 'load', message: 'm' });
const tmpFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-log-')), name);

describe('result log', () => {
  it('drops a torn last line, and the writer cuts it before appending', () => {
    const file = tmpFile('results.jsonl');
    fs.writeFileSync(file, '');
    const writer = ResultLogWriter.open(file, 0, 0);
    writer.append([row(1), row(2)]);
    writer.close();
    fs.appendFileSync(file, '{"kind":"error","sampleId":"s3","mo');
    const tail: ResultLogTail = { validBytes: 0, tornBytes: 0 };
    assert.deepEqual([...readResultLog(file, tail)].map((o) => o.sampleId), ['s1', 's2']);
    assert.ok(tail.tornBytes > 0);
    const again = ResultLogWriter.open(file, tail.validBytes, tail.tornBytes);
    again.append([row(3)]);
    again.close();
    assert.deepEqual([...readResultLog(file)].map((o) => o.sampleId), ['s1', 's2', 's3']);
  });

  it('refuses a log corrupt before its last line, naming the line', () => {
    const file = tmpFile('results.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(row(1))}\nnot json\n${JSON.stringify(row(2))}\n`);
    assert.throws(() => [...readResultLog(file)], (e: unknown) => e instanceof RunError && /line 2/.test(e.message));
  });
});

describe('result log integrity', () => {
  it('the writer refuses a record with a number that is not finite, writing nothing of its batch', () => {
    const file = tmpFile('results.jsonl');
    fs.writeFileSync(file, '');
    const writer = ResultLogWriter.open(file, 0, 0);
    const scored: Outcome = {
      kind: 'scored', sampleId: 's', model: 'm', attackId: 'clean', variant: '', trueLabel: 'x', trueIndex: 0,
      attackText: null, targetIndex: null, specHash: null, renderHash: null, params: {},
      clean: [{ index: 0, label: 'x', probability: NaN }], attacked: [{ index: 0, label: 'x', probability: 0.5 }],
    };
    assert.throws(() => writer.append([row(1), scored]), (e: unknown) => e instanceof RunError && /'probability' is NaN/.test(e.message));
    assert.throws(() => writer.append([{ ...row(2), trueIndex: Infinity }]), RunError);
    writer.append([row(3)]);
    writer.close();
    assert.deepEqual([...readResultLog(file)].map((o) => o.sampleId), ['s3']);
  });

  it('the reader skips byte-identical repeated lines and passes conflicting ones on to the metrics', () => {
    const file = tmpFile('results.jsonl');
    const lines = [row(1), row(2), row(1), row(3), row(2)].map((o) => JSON.stringify(o));
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const tail: ResultLogTail = { validBytes: 0, tornBytes: 0 };
    assert.deepEqual([...readResultLog(file, tail)].map((o) => o.sampleId), ['s1', 's2', 's3']);
    assert.equal(tail.duplicateLines, 2);
    assert.equal(tail.validBytes, fs.statSync(file).size);
    fs.appendFileSync(file, `${JSON.stringify({ ...row(1), message: 'other' })}\n`);
    assert.equal([...readResultLog(file)].length, 4, 'a different row with the same key is not dropped here');
  });
});

describe('EmbeddingStore', () => {
  it('round-trips embeddings across reopen and cuts a torn record', () => {
    const file = tmpFile('store.bin');
    const key = (i: number) => i.toString(16).padStart(64, '0');
    const store = EmbeddingStore.open(file, 3);
    store.put(key(1), Float32Array.from([1, 2, 3]));
    store.put(key(2), Float32Array.from([4, 5, 6]));
    store.close();
    fs.appendFileSync(file, Buffer.alloc(10));
    const reopened = EmbeddingStore.open(file, 3);
    assert.equal(reopened.size, 2);
    assert.deepEqual([...(reopened.get(key(2)) ?? [])], [4, 5, 6]);
    assert.equal(reopened.get(key(3)), undefined);
    reopened.close();
    assert.equal(fs.statSync(file).size, 2 * (32 + 12 + 4));
  });

  it('misses an embedding whose bytes changed on disk, stores it again, and refuses non-finite values', () => {
    const file = tmpFile('store.bin');
    const key = (i: number) => i.toString(16).padStart(64, '0');
    const store = EmbeddingStore.open(file, 3);
    store.put(key(1), Float32Array.from([1, 2, 3]));
    store.close();
    const bytes = fs.readFileSync(file);
    bytes[32 + 4 + 3]! ^= 0x20; // the second value's sign/exponent byte: 2 becomes 2^-63
    fs.writeFileSync(file, bytes);
    const reopened = EmbeddingStore.open(file, 3);
    assert.equal(reopened.get(key(1)), undefined);
    assert.equal(reopened.has(key(1)), false);
    assert.equal(reopened.corruptRecords, 1);
    reopened.put(key(1), Float32Array.from([1, 2, 3]));
    assert.deepEqual([...(reopened.get(key(1)) ?? [])], [1, 2, 3]);
    assert.throws(() => reopened.put(key(2), Float32Array.from([1, NaN, 3])), /non-finite/);
    assert.equal(reopened.has(key(2)), false);
    reopened.close();
  });
});

describe('sampleSeed', () => {
  it('depends on base seed, sample and draw only, and stays a non-negative 31-bit integer', () => {
    assert.equal(sampleSeed(1, 'a', 0), sampleSeed(1, 'a', 0));
    assert.notEqual(sampleSeed(1, 'a', 0), sampleSeed(1, 'a', 1));
    assert.notEqual(sampleSeed(1, 'a', 0), sampleSeed(2, 'a', 0));
    for (let i = 0; i < 100; i++) {
      const s = sampleSeed(i, `s${i}`, i);
      assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 31);
    }
  });
});
