import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { after, describe, it } from 'node:test';
import { parseManifestRows } from '../../src/datasets/manifest/ManifestParser.js';
import { openDataset } from '../../src/datasets/openDataset.js';
import { makeTempDir } from './tempDataset.js';

const rows = 100_000;
const rowsPerChunk = 100;
const temp = makeTempDir();
after(temp.remove);

const header = 'path,label,split\n';
const rowText = (i: number): string => `img/${i % 50}/${i}.png,class ${i % 7},${i % 2 === 0 ? 'test' : 'train'}\n`;

describe('datasets stream: memory does not grow with the manifest', () => {
  it('yields the first entries of a 100k-row manifest after reading one chunk of it', async () => {
    let pulled = 0;
    async function* chunks(): AsyncGenerator<string> {
      for (let start = 0; start < rows; start += rowsPerChunk) {
        pulled++;
        let text = start === 0 ? header : '';
        for (let i = start; i < start + rowsPerChunk; i++) text += rowText(i);
        yield text;
      }
    }
    const batches = parseManifestRows(chunks(), 'generated.csv', 'csv');
    const first = await batches.next();
    assert.equal(first.done, false);
    assert.equal(first.value?.[0]?.path, 'img/0/0.png');
    assert.equal(pulled, 1, 'chunks pulled before the first batch');
    let total = first.value?.length ?? 0;
    for await (const batch of batches) {
      total += batch.length;
      assert.ok(batch.length <= rowsPerChunk + 1, 'a batch holds one chunk of entries');
    }
    assert.equal(total, rows);
    assert.equal(pulled, rows / rowsPerChunk);
  });

  it('gives the first sample of a manifest still being written (a FIFO) before the writer is done', { skip: process.platform === 'win32' }, async () => {
    const root = path.join(temp.dir, 'fifo');
    fs.mkdirSync(root);
    const fifo = path.join(root, 'manifest.csv');
    execFileSync('mkfifo', [fifo]);
    const dataset = await openDataset({ root, manifest: 'manifest.csv' });
    const samples = dataset.samples()[Symbol.asyncIterator]();
    const firstSample = samples.next();
    const writer = fs.createWriteStream(fifo);
    writer.write(header + rowText(0) + rowText(1));
    const first = await firstSample;
    // The loader has a sample while the file is still open for writing with 999 rows to come.
    assert.ok(!first.done);
    assert.equal(first.value.id, 'img/0/0.png');
    for (let i = 2; i < 1000; i++) writer.write(rowText(i));
    writer.end();
    let n = 1;
    for (let next = await samples.next(); !next.done; next = await samples.next()) n++;
    assert.equal(n, 1000);
  });

  it('keeps the heap flat over a full pass of a 100k-row manifest file', async () => {
    const root = path.join(temp.dir, 'big');
    fs.mkdirSync(root);
    const fd = fs.openSync(path.join(root, 'manifest.csv'), 'w');
    fs.writeSync(fd, header);
    for (let start = 0; start < rows; start += 1000) {
      let text = '';
      for (let i = start; i < start + 1000; i++) text += rowText(i);
      fs.writeSync(fd, text);
    }
    fs.closeSync(fd);
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const dataset = await openDataset({ root, manifest: 'manifest.csv', split: 'test' });
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let growth = 0;
    let n = 0;
    for await (const sample of dataset.samples()) {
      n++;
      if (n === 1) assert.equal(sample.id, 'img/0/0.png');
      if (n % 10_000 === 0) {
        gc();
        growth = Math.max(growth, process.memoryUsage().heapUsed - baseline);
      }
    }
    assert.equal(n, rows / 2);
    assert.equal(await dataset.count(), rows / 2);
    // Holding the 50,000 samples would take about 11 MB; the streaming pass stays near zero.
    assert.ok(growth < 6e6, `heap grew by ${(growth / 1e6).toFixed(1)} MB over the pass`);
  });
});
