// Materzynska et al.'s annotation.json as a manifest: a real-world typographic-attack set.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { openDataset } from '../../src/datasets/openDataset.js';
import { annotationRows } from '../../src/datasets/manifest/annotationRows.js';
import { DatasetError } from '../../src/errors/errors.js';
import { collect, makeTempDir, writeFiles } from './tempDataset.js';

const temp = makeTempDir();
after(temp.remove);

describe('annotation.json (Materzynska et al.)', () => {
  it('gives one sample per entry: the true object as the label, the written word as the attack text, no clean pair', async () => {
    const root = path.join(temp.dir, 'materzynska');
    fs.mkdirSync(root);
    writeFiles(root, { 'IMG_1.png': 'x', 'IMG_2.png': 'y' });
    fs.writeFileSync(
      path.join(root, 'annotation.json'),
      JSON.stringify({ 'IMG_1.png': { 'true object': 'apple', 'typographic attack label': 'iPod' }, 'IMG_2.png': { 'true object': 'mug', 'typographic attack label': 'pizza' } }),
    );
    const samples = await collect((await openDataset({ root, manifest: 'annotation.json' })).samples());
    assert.deepEqual(
      samples.map((s) => [s.id, s.label, s.attackText, s.cleanPath]),
      [
        ['IMG_1.png', 'apple', 'iPod', undefined],
        ['IMG_2.png', 'mug', 'pizza', undefined],
      ],
    );
  });

  it('refuses an entry without both fields, naming the file, the entry and what it found', () => {
    const bad = JSON.stringify({ 'a.png': { 'true object': 'apple', 'typographic attack label': 'iPod' }, 'b.png': { 'true object': 'mug', label: 'x' } });
    assert.throws(
      () => annotationRows(bad, 'annotation.json'),
      (e: unknown) => e instanceof DatasetError && /^annotation\.json entry 2 \('b\.png'\): needs string values "true object" and "typographic attack label" \(found keys "true object", "label"\)/.test(e.message),
    );
    assert.throws(() => annotationRows('[1, 2]', 'annotation.json'), (e: unknown) => e instanceof DatasetError && /must be a JSON object/.test(e.message));
    assert.throws(() => annotationRows('{"a.png": ', 'annotation.json'), (e: unknown) => e instanceof DatasetError && /is not valid JSON/.test(e.message));
  });
});
