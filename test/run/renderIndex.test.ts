import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseAttackSpec } from '../../src/attacks/attackSpec.js';
import { RecordFile } from '../../src/store/RecordFile.js';
import { RenderIndex, renderKey, type RenderInputs } from '../../src/store/RenderIndex.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-index-'));
let files = 0;
const tmpFile = (name: string) => path.join(scratch, `${(files += 1)}-${name}`);
const hex = (i: number) => i.toString(16).padStart(64, '0');

describe('RecordFile', () => {
  it('keeps the first record of a key, finds every key after reopening, and cuts a torn record', () => {
    const file = tmpFile('records.bin');
    const records = RecordFile.open(file, 4);
    assert.equal(records.append(hex(1), Uint8Array.from([1, 2, 3, 4])), true);
    assert.equal(records.append(hex(1), Uint8Array.from([9, 9, 9, 9])), false, 'the same key is not written twice');
    for (let i = 2; i <= 40_000; i++) records.append(hex(i), Uint8Array.from([i & 255, 0, 0, 0]));
    records.close();
    fs.appendFileSync(file, Buffer.alloc(7));
    const reopened = RecordFile.open(file, 4);
    assert.equal(reopened.size, 40_000, 'keys beyond the first read chunk are indexed too');
    assert.deepEqual([...(reopened.read(hex(1)) ?? [])], [1, 2, 3, 4]);
    assert.deepEqual([...(reopened.read(hex(39_999)) ?? [])], [39_999 & 255, 0, 0, 0]);
    assert.equal(reopened.read(hex(40_001)), undefined);
    reopened.close();
    assert.equal(fs.statSync(file).size, 40_000 * (32 + 4 + 4));
  });

  it('misses, rather than answering with another key, when another process wrote over a record', () => {
    const file = tmpFile('shared.bin');
    const first = RecordFile.open(file, 4);
    const second = RecordFile.open(file, 4);
    first.append(hex(1), Uint8Array.from([1, 1, 1, 1]));
    second.append(hex(2), Uint8Array.from([2, 2, 2, 2]));
    assert.equal(first.read(hex(1)), undefined, 'record 1 was overwritten by the other writer');
    assert.deepEqual([...(second.read(hex(2)) ?? [])], [2, 2, 2, 2]);
    first.close();
    second.close();
  });

  it('misses a record whose bytes changed on disk, counts it once, and rewrites it in place when appended again', () => {
    const file = tmpFile('flipped.bin');
    const records = RecordFile.open(file, 4);
    for (let i = 1; i <= 4; i++) records.append(hex(i), Uint8Array.from([i, i, i, i]));
    records.close();
    const bytes = fs.readFileSync(file);
    const recordBytes = 32 + 4 + 4;
    bytes[1 * recordBytes + 32 + 2]! ^= 0x40; // record 2: a payload byte
    bytes[3 * recordBytes + 32 + 4]! ^= 0x01; // record 4: a checksum byte
    fs.writeFileSync(file, bytes);

    const reopened = RecordFile.open(file, 4);
    assert.equal(reopened.corruptRecords, 0, 'records are verified when read, not when opened');
    assert.equal(reopened.read(hex(2)), undefined, 'a changed payload is a miss, not the changed value');
    assert.equal(reopened.has(hex(4)), false);
    assert.equal(reopened.read(hex(4)), undefined);
    assert.deepEqual([...(reopened.read(hex(3)) ?? [])], [3, 3, 3, 3]);
    assert.equal(reopened.corruptRecords, 2, 'each damaged key is counted once');
    assert.equal(reopened.append(hex(2), Uint8Array.from([2, 2, 2, 2])), true);
    assert.equal(reopened.append(hex(4), Uint8Array.from([4, 4, 4, 4])), true);
    reopened.close();
    assert.equal(fs.statSync(file).size, 4 * recordBytes, 'rewritten in place: still one record per key');

    const healed = RecordFile.open(file, 4);
    for (let i = 1; i <= 4; i++) assert.deepEqual([...(healed.read(hex(i)) ?? [])], [i, i, i, i]);
    assert.equal(healed.corruptRecords, 0);
    healed.close();
  });

  it('refuses a payload of the wrong size or a key that is not 32 bytes of hex', () => {
    const records = RecordFile.open(tmpFile('bad.bin'), 4);
    assert.throws(() => records.append(hex(1), new Uint8Array(3)), RangeError);
    assert.throws(() => records.append('abc', new Uint8Array(4)), RangeError);
    records.close();
  });
});

describe('RenderIndex', () => {
  it('round-trips render hashes and font sizes across reopening', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 4096, noNaN: true }), (ids, size) => {
        const file = tmpFile('renders.bin');
        const index = RenderIndex.open(file);
        for (const id of ids) index.put(hex(id), { renderHash: hex(id + 7), fontSizePx: size + id });
        index.close();
        const again = RenderIndex.open(file);
        for (const id of ids) assert.deepEqual(again.get(hex(id)), { renderHash: hex(id + 7), fontSizePx: size + id });
        assert.equal(again.size, ids.length);
        again.close();
      }),
      { numRuns: 20 },
    );
  });
});

describe('RenderIndex checksums', () => {
  it('misses a record whose font size or render hash changed on disk, so the attack is drawn again', () => {
    const file = tmpFile('renders.bin');
    const index = RenderIndex.open(file);
    index.put(hex(1), { renderHash: hex(11), fontSizePx: 24 });
    index.put(hex(2), { renderHash: hex(12), fontSizePx: 36 });
    index.close();
    const bytes = fs.readFileSync(file);
    const recordBytes = 32 + 40 + 4;
    bytes[32 + 32 + 7]! ^= 0x10; // record 1: the font size's sign/exponent byte
    bytes[recordBytes + 32 + 5]! ^= 0xff; // record 2: a render hash byte
    fs.writeFileSync(file, bytes);
    const again = RenderIndex.open(file);
    assert.equal(again.get(hex(1)), undefined);
    assert.equal(again.get(hex(2)), undefined);
    assert.equal(again.corruptRecords, 2);
    again.put(hex(1), { renderHash: hex(11), fontSizePx: 24 });
    assert.deepEqual(again.get(hex(1)), { renderHash: hex(11), fontSizePx: 24 });
    again.close();
  });

  it('keeps its records in a file named for the checksummed layout, so files of the old layout are never read', () => {
    const cache = fs.mkdtempSync(path.join(scratch, 'cache-'));
    const renderer = 'f'.repeat(64);
    const oldFile = path.join(cache, 'renders', `${renderer.slice(0, 32)}.bin`);
    fs.mkdirSync(path.dirname(oldFile), { recursive: true });
    fs.writeFileSync(oldFile, Buffer.alloc(72 * 3, 1)); // three layout-1 records: [key][hash][float64], no checksum
    const file = RenderIndex.fileIn(cache, renderer);
    assert.notEqual(file, oldFile);
    const index = RenderIndex.open(file);
    assert.equal(index.size, 0);
    index.close();
    assert.equal(fs.statSync(oldFile).size, 72 * 3, 'the old file is left alone');
  });
});

describe('renderKey', () => {
  const base: RenderInputs = {
    renderer: 'r1',
    imageSha256: hex(1),
    maxPixels: 1000,
    spec: parseAttackSpec({ text: 'iPod' }, 'inline'),
    seed: 3,
  };

  it('is the same for the same inputs, whatever the key order of the spec', () => {
    const reordered = Object.fromEntries(Object.entries(base.spec).reverse()) as typeof base.spec;
    assert.equal(renderKey(base), renderKey({ ...base, spec: reordered }));
  });

  it('changes with every input a render depends on', () => {
    const variants: RenderInputs[] = [
      { ...base, renderer: 'r2' },
      { ...base, imageSha256: hex(2) },
      { ...base, maxPixels: 999 },
      { ...base, seed: 4 },
      { ...base, spec: parseAttackSpec({ text: 'iPad' }, 'inline') },
    ];
    const keys = new Set([renderKey(base), ...variants.map(renderKey)]);
    assert.equal(keys.size, variants.length + 1);
  });
});
