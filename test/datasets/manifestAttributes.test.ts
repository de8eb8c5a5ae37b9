import assert from 'node:assert/strict';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DatasetError } from '../../src/errors/errors.js';
import { ManifestParser, type ManifestFormat } from '../../src/datasets/manifest/ManifestParser.js';
import { openDataset } from '../../src/datasets/openDataset.js';
import { collect, makeTempDir, writeFiles } from './tempDataset.js';

const temp = makeTempDir();
after(temp.remove);

function rowsOf(text: string, format: ManifestFormat) {
  const parser = new ManifestParser('m', format);
  return [...parser.push(text), ...parser.end()];
}

function problemOf(text: string, format: ManifestFormat): string {
  try {
    rowsOf(text, format);
  } catch (error) {
    assert.ok(error instanceof DatasetError);
    return error.message;
  }
  return assert.fail('no error');
}

describe('manifest attributes', () => {
  it('reads attributes.<name> CSV columns: numbers that read back the same are numbers, empty cells are no value', () => {
    const text = 'path,label,attributes.type,attributes.postit_area_pct,attributes.id\na.png,cup,SCAM,0.377,0001\nb.png,cup,NoSCAM,,12\n';
    assert.deepEqual(rowsOf(text, 'csv'), [
      { line: 2, path: 'a.png', label: 'cup', attributes: { type: 'SCAM', postit_area_pct: 0.377, id: '0001' } },
      { line: 3, path: 'b.png', label: 'cup', attributes: { type: 'NoSCAM', id: 12 } },
    ]);
  });

  it('reads a JSON Lines attributes object of strings, finite numbers and booleans; null is no value', () => {
    const text = '{"path": "a.png", "label": "cup", "attributes": {"type": "SCAM", "area": 1.5, "paired": false, "note": null}}\n{"path": "b.png", "label": "cup", "attributes": null}\n';
    assert.deepEqual(rowsOf(text, 'jsonl'), [
      { line: 1, path: 'a.png', label: 'cup', attributes: { type: 'SCAM', area: 1.5, paired: false } },
      { line: 2, path: 'b.png', label: 'cup' },
    ]);
  });

  it('refuses bad attribute names and values, naming the line', () => {
    assert.match(problemOf('path,label,attributes.\na.png,cup\n', 'csv'), /line 1: attribute column 'attributes\.' needs a name/);
    assert.match(problemOf('path,label,attributes.a b\na.png,cup,x\n', 'csv'), /attribute column 'attributes\.a b'/);
    assert.match(problemOf('{"path": "a.png", "label": "cup", "attributes": [1]}\n', 'jsonl'), /line 1: 'attributes' is \[1\]; it must be an object/);
    assert.match(problemOf('{"path": "a.png", "label": "cup", "attributes": {"x": {"y": 1}}}\n', 'jsonl'), /attribute 'x' is \{"y":1\}; attribute values are strings, finite numbers or booleans/);
    assert.match(problemOf('{"path": "a.png", "label": "cup", "attributes": {"-x": 1}}\n', 'jsonl'), /attribute name "-x" must be/);
    // A misspelt column is still refused: only the attributes. prefix opens the door.
    assert.match(problemOf('path,label,atack_text\na.png,cup,x\n', 'csv'), /unknown manifest column 'atack_text'/);
  });

  it('carries attributes into samples, and `where` keeps the entries whose attributes match (count agrees)', async () => {
    const root = path.join(temp.dir, 'where');
    writeFiles(root, {
      'a.png': 'x',
      'b.png': 'x',
      'c.png': 'x',
      'manifest.jsonl': [
        '{"path": "a.png", "label": "cup", "attack_text": "cat", "attributes": {"type": "SCAM", "n": 1}}',
        '{"path": "b.png", "label": "cup", "attack_text": "cat", "attributes": {"type": "NoSCAM", "n": 2}}',
        '{"path": "c.png", "label": "cup", "attack_text": "cat", "attributes": {"type": "SynthSCAM", "n": 3}}',
      ].join('\n'),
    });
    const all = await openDataset({ root, manifest: 'manifest.jsonl' });
    assert.deepEqual((await collect(all.samples())).map((s) => s.attributes), [{ type: 'SCAM', n: 1 }, { type: 'NoSCAM', n: 2 }, { type: 'SynthSCAM', n: 3 }]);
    const some = await openDataset({ root, manifest: 'manifest.jsonl', where: { type: ['SCAM', 'SynthSCAM'], n: ['3'] } });
    assert.deepEqual((await collect(some.samples())).map((s) => s.id), ['c.png']);
    assert.equal(await some.count(), 1);
    const none = await openDataset({ root, manifest: 'manifest.jsonl', where: { type: ['scam'] } });
    await assert.rejects(collect(none.samples()), /has no entry with type in \[scam\] \(of its 3 entries\)/);
    await assert.rejects(openDataset({ root, where: { type: ['SCAM'] } }), /an image folder has none/);
  });
});
