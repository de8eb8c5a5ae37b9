import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DatasetError } from '../../../src/errors/errors.js';
import { openParquetFile, parquetRowGroups, toScalar } from '../../../src/datasets/hub/parquetRows.js';
import { scamColumns, scamRows, tinyPng, writeParquetFixture } from '../../helpers/parquetFixtures.js';

describe('parquetRows', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'stroop-parquet-rows-'))));
  after(async () => rm(dir, { recursive: true, force: true }));

  it('finds the Image struct column and the scalar columns, and reads row groups in order', async () => {
    const rows = scamRows(5);
    const file = path.join(dir, 'scam.parquet');
    writeParquetFixture(file, scamColumns(rows), { rowGroupSize: 2 });
    const parquet = await openParquetFile(file);
    assert.deepEqual(parquet.layout.image, { name: 'image', form: 'struct' });
    assert.deepEqual(parquet.layout.scalars, ['type', 'object_label', 'attack_word', 'postit_area_pct', 'id']);
    assert.deepEqual(parquet.layout.rowGroups, [2, 2, 1]);
    const read = [];
    for await (const group of parquetRowGroups(parquet)) read.push(group);
    assert.deepEqual(read.map((g) => g.length), [2, 2, 1]);
    const flat = read.flat();
    assert.deepEqual(flat.map((r) => Buffer.from(r.image ?? [])), rows.map((r) => Buffer.from(r.image ?? [])));
    assert.deepEqual(flat.map((r) => r.values['id']), rows.map((r) => r.id));
    assert.deepEqual(flat.map((r) => r.values['attack_word']), rows.map((r) => r.attack_word));
  });

  it('takes a plain binary column named image as the images, and a binary column of another name as neither image nor scalar', async () => {
    const file = path.join(dir, 'binary.parquet');
    writeParquetFixture(file, [
      { name: 'image', kind: 'binary', data: [tinyPng(1)] },
      { name: 'blob', kind: 'binary', data: [new Uint8Array([1, 2])] },
      { name: 'label', kind: 'string', data: ['cat'] },
    ]);
    const { layout } = await openParquetFile(file);
    assert.deepEqual([layout.image, layout.scalars], [{ name: 'image', form: 'bytes' }, ['label']]);
  });

  it('a file that is not Parquet is a DatasetError naming it', async () => {
    const file = path.join(dir, 'fake.parquet');
    await writeFile(file, 'not parquet at all');
    await assert.rejects(openParquetFile(file), (e: unknown) => e instanceof DatasetError && e.path === file && e.message.includes(file));
  });

  it('toScalar: INT64 exact, non-finite as null, dates as ISO text, ClassLabel ints as names', () => {
    const table: [unknown, readonly string[] | undefined, unknown][] = [
      [12n, undefined, 12],
      [2n ** 53n, undefined, '9007199254740992'],
      [-(2n ** 53n) + 1n, undefined, -(2 ** 53) + 1],
      [Number.NaN, undefined, null],
      [Number.POSITIVE_INFINITY, undefined, null],
      [new Date(Date.UTC(2024, 0, 2)), undefined, '2024-01-02T00:00:00.000Z'],
      [1, ['cat', 'dog'], 'dog'],
      [1n, ['cat', 'dog'], 'dog'],
      [-1, ['cat', 'dog'], null],
      [7, ['cat', 'dog'], 7],
      ['text', undefined, 'text'],
      [false, undefined, false],
      [undefined, undefined, null],
      [{ nested: 1 }, undefined, null],
    ];
    for (const [value, names, expected] of table) assert.deepEqual(toScalar(value, names), expected, String(value));
  });
});
