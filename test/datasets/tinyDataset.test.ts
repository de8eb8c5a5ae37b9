import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { generateTinyDataset } from '../../scripts/generateTinyDataset.js';
import { classSetOf } from '../../src/datasets/classSetOf.js';
import { loadClassNames } from '../../src/datasets/shippedLists.js';
import { openDataset } from '../../src/datasets/openDataset.js';
import { repoRoot } from '../helpers/paths.js';
import { collect, makeTempDir } from './tempDataset.js';

const shipped = path.join(repoRoot, 'datasets');
const temp = makeTempDir();
after(temp.remove);

/** Every file under `dir`, as sorted POSIX relative paths. */
function filesUnder(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name), `${prefix}${d.name}/`) : d.isFile() ? [`${prefix}${d.name}`] : []))
    .sort();
}

const generatedFiles = (dir: string): string[] => filesUnder(dir).filter((f) => !f.endsWith('README.md'));

describe('bundled tiny datasets', () => {
  let first: string;
  let second: string;
  before(() => {
    first = path.join(temp.dir, 'a');
    second = path.join(temp.dir, 'b');
    generateTinyDataset(first);
    generateTinyDataset(second);
  });

  it('are generated deterministically: two runs write the same bytes', () => {
    const files = filesUnder(first);
    assert.deepEqual(filesUnder(second), files);
    for (const f of files) assert.ok(fs.readFileSync(path.join(first, f)).equals(fs.readFileSync(path.join(second, f))), f);
  });

  it('are what the script generates: same files, same manifests, same pixels (within 1/255 mean)', () => {
    for (const name of ['tiny', 'tiny-written']) {
      const files = generatedFiles(path.join(first, name));
      assert.deepEqual(generatedFiles(path.join(shipped, name)), files, name);
      for (const f of files) {
        const committed = fs.readFileSync(path.join(shipped, name, f));
        const fresh = fs.readFileSync(path.join(first, name, f));
        if (!f.endsWith('.png')) {
          assert.equal(committed.toString('utf8'), fresh.toString('utf8'), f);
          continue;
        }
        const a = PNG.sync.read(committed);
        const b = PNG.sync.read(fresh);
        assert.deepEqual([a.width, a.height], [96, 96], f);
        assert.deepEqual([b.width, b.height], [96, 96], f);
        let diff = 0;
        for (let i = 0; i < a.data.length; i++) diff += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
        assert.ok(diff / a.data.length <= 1, `${name}/${f}: mean abs difference ${diff / a.data.length}; regenerate with node dist/scripts/generateTinyDataset.js`);
      }
    }
  });

  it('stay small (under 200 KB together) and carry a CC0 README', () => {
    let bytes = 0;
    for (const name of ['tiny', 'tiny-written']) {
      for (const f of filesUnder(path.join(shipped, name))) bytes += fs.statSync(path.join(shipped, name, f)).size;
      assert.match(fs.readFileSync(path.join(shipped, name, 'README.md'), 'utf8'), /CC0 1\.0/);
    }
    assert.ok(bytes < 200 * 1024, `${bytes} bytes`);
  });

  it('tiny: 5 classes x 4 images as a folder; the manifest agrees and splits 3 test + 1 dev per class', async () => {
    const root = path.join(shipped, 'tiny');
    const folder = await collect((await openDataset({ root })).samples());
    assert.equal(folder.length, 20);
    assert.deepEqual(classSetOf(folder, 'labels'), loadClassNames('tiny'));
    const manifest = await collect((await openDataset({ root, manifest: 'manifest.csv' })).samples());
    const key = (s: { id: string; label: string; path: string }): string => `${s.id}|${s.label}|${s.path}`;
    assert.deepEqual(manifest.map(key).sort(), folder.map(key).sort());
    const test = await openDataset({ root, manifest: 'manifest.csv', split: 'test' });
    assert.equal(await test.count(), 15);
    for (const s of manifest) assert.ok(fs.existsSync(s.path), s.path);
  });

  it('tiny-written: attacked images read the same from file names and from the manifest, with clean pairs', async () => {
    const root = path.join(shipped, 'tiny-written');
    const fromNames = await collect((await openDataset({ root: path.join(root, 'attacked') })).samples());
    const fromManifest = await collect((await openDataset({ root, manifest: 'manifest.csv' })).samples());
    assert.equal(fromNames.length, 6);
    assert.deepEqual(
      fromManifest.map((s) => [s.label, s.attackText]).sort(),
      fromNames.map((s) => [s.label, s.attackText]).sort(),
    );
    for (const s of fromManifest) {
      assert.ok(s.cleanPath !== undefined && fs.existsSync(s.cleanPath), s.id);
      assert.ok(fs.existsSync(s.path), s.path);
    }
    assert.deepEqual(classSetOf(fromManifest, 'labels'), loadClassNames('tiny'));
    assert.deepEqual(classSetOf(fromManifest, 'labels+attack-texts'), [...loadClassNames('tiny'), 'iPod'].sort());
  });
});
