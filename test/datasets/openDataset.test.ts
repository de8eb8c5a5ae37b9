import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DatasetError } from '../../src/errors/errors.js';
import { openDataset } from '../../src/datasets/openDataset.js';
import type { Dataset, DatasetSpec, Sample } from '../../src/datasets/dataset.js';
import { collect, makeTempDir, writeFiles } from './tempDataset.js';

const temp = makeTempDir();
after(temp.remove);
let counter = 0;

/** A fresh dataset root under the temp dir holding `files`. */
function datasetWith(files: Readonly<Record<string, string>>): string {
  const root = path.join(temp.dir, `ds${counter++}`);
  fs.mkdirSync(root);
  writeFiles(root, files);
  return root;
}

async function samplesOf(spec: DatasetSpec): Promise<Sample[]> {
  return collect((await openDataset(spec)).samples());
}

async function datasetErrorOf(run: () => Promise<unknown>): Promise<DatasetError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof DatasetError, `expected a DatasetError, got ${String(error)}`);
    return error;
  }
  assert.fail('no DatasetError');
}

describe('openDataset: image folders', () => {
  let root: string;
  before(() => {
    // Written in an order unrelated to the expected one.
    root = datasetWith({
      'zebra/b.PNG': 'x',
      'zebra/a.jpg': 'x',
      'Ant/10.jpeg': 'x',
      'Ant/2.webp': 'x',
      'Ant/.hidden.png': 'x',
      'Ant/notes.txt': 'x',
      'Ant/nested/deep.png': 'x',
      'cat/x.Gif': 'x',
      'cat/y.BMP': 'x',
      '.git/z.png': 'x',
      'empty/readme.md': 'x',
      'README.md': 'x',
      'manifest.csv': 'path,label\n',
    });
  });

  it('lists <root>/<class>/<image> by class, then file name (code-unit order), class = folder name', async () => {
    const samples = await samplesOf({ root });
    assert.deepEqual(
      samples.map((s) => [s.id, s.label]),
      [
        ['Ant/10.jpeg', 'Ant'],
        ['Ant/2.webp', 'Ant'],
        ['cat/x.Gif', 'cat'],
        ['cat/y.BMP', 'cat'],
        ['zebra/a.jpg', 'zebra'],
        ['zebra/b.PNG', 'zebra'],
      ],
    );
    for (const s of samples) {
      assert.equal(s.path, path.join(root, ...s.id.split('/')));
      assert.equal(s.split, undefined);
      assert.equal(s.attackText, undefined);
    }
  });

  it('gives the same order on every pass and counts without resolving', async () => {
    const dataset = await openDataset({ root });
    const first = await collect(dataset.samples());
    assert.deepEqual(await collect(dataset.samples()), first);
    assert.equal(await dataset.count(), first.length);
    assert.equal(dataset.layout, 'folder');
  });

  it('refuses a root that does not exist, a folder with no images, and a split on a folder', async () => {
    assert.match((await datasetErrorOf(() => openDataset({ root: path.join(temp.dir, 'nope') }))).message, /is not a folder \(it does not exist\)/);
    const empty = datasetWith({ 'a/readme.txt': 'x' });
    assert.match((await datasetErrorOf(() => samplesOf({ root: empty }))).message, /has no images/);
    assert.match((await datasetErrorOf(() => openDataset({ root, split: 'test' }))).message, /split 'test' needs a manifest with a split column/);
  });

  it('follows a symlink that stays inside the root and refuses one that leads out', async () => {
    const outside = datasetWith({ 'secret.png': 'x', 'dir/s.png': 'x' });
    const inside = datasetWith({ 'cat/real.png': 'x' });
    fs.symlinkSync(path.join(inside, 'cat', 'real.png'), path.join(inside, 'cat', 'alias.png'));
    const aliased = await samplesOf({ root: inside });
    assert.deepEqual(aliased.map((s) => [s.id, s.path]), [
      ['cat/alias.png', path.join(inside, 'cat', 'real.png')],
      ['cat/real.png', path.join(inside, 'cat', 'real.png')],
    ]);

    const leaky = datasetWith({ 'cat/ok.png': 'x' });
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(leaky, 'cat', 'leak.png'));
    const error = await datasetErrorOf(() => samplesOf({ root: leaky }));
    assert.match(error.message, /'cat\/leak\.png' leads outside the dataset root through a symlink/);

    const leakyDir = datasetWith({ 'cat/ok.png': 'x' });
    fs.symlinkSync(path.join(outside, 'dir'), path.join(leakyDir, 'dog'));
    assert.match((await datasetErrorOf(() => samplesOf({ root: leakyDir }))).message, /class folder is a symlink that leads outside the dataset root/);
  });
});

describe('openDataset: manifests', () => {
  it('reads a CSV manifest with BOM, CRLF and quoted fields, in file order, paths inside the root', async () => {
    const root = datasetWith({
      'imgs/b.png': 'x',
      'imgs/a, "quoted".png': 'x',
      'm.csv': '\ufeffpath,label,split,attack_text,clean_path\r\nimgs/b.png,dog,test,,\r\n"imgs/a, ""quoted"".png","hot dog",train,"=HYPERLINK(""x"")",imgs/b.png\r\n',
    });
    const samples = await samplesOf({ root, manifest: 'm.csv' });
    assert.deepEqual(samples, [
      { id: 'imgs/b.png', path: path.join(root, 'imgs', 'b.png'), label: 'dog', split: 'test' },
      {
        id: 'imgs/a, "quoted".png',
        path: path.join(root, 'imgs', 'a, "quoted".png'),
        label: 'hot dog',
        split: 'train',
        attackText: '=HYPERLINK("x")',
        cleanPath: path.join(root, 'imgs', 'b.png'),
      },
    ]);
  });

  it('reads a JSONL manifest, and normalises ./ and backslashes into the id', async () => {
    const root = datasetWith({
      'a/1.png': 'x',
      'm.jsonl': '{"path":"./a/1.png","label":"cat"}\n{"path":"a\\\\2.png","label":"dog","attack_text":"cat"}\n',
    });
    const dataset = await openDataset({ root, manifest: 'm.jsonl' });
    assert.equal(dataset.layout, 'manifest');
    assert.equal(dataset.manifest, path.join(root, 'm.jsonl'));
    assert.deepEqual(
      (await collect(dataset.samples())).map((s) => [s.id, s.label, s.attackText]),
      [
        ['a/1.png', 'cat', undefined],
        ['a/2.png', 'dog', 'cat'],
      ],
    );
  });

  it('yields an entry whose image is missing (the runner records the error outcome)', async () => {
    const root = datasetWith({ 'a.png': 'x', 'm.csv': 'path,label\nmissing/b.png,dog\na.png,cat\n' });
    const samples = await samplesOf({ root, manifest: 'm.csv' });
    assert.deepEqual(samples.map((s) => [s.id, s.path]), [
      ['missing/b.png', path.join(root, 'missing', 'b.png')],
      ['a.png', path.join(root, 'a.png')],
    ]);
  });

  it("refuses an entry escaping through '..', naming manifest and line", async () => {
    const root = datasetWith({ 'a.png': 'x', 'm.csv': 'path,label\na.png,cat\nsub/../../x.png,dog\n' });
    const error = await datasetErrorOf(() => samplesOf({ root, manifest: 'm.csv' }));
    assert.equal(error.path, path.join(root, 'm.csv'));
    assert.equal(error.line, 3);
    assert.match(error.message, /m\.csv line 3: path 'sub\/\.\.\/\.\.\/x\.png' escapes the dataset root through '\.\.'/);
    // '..' that stays inside is fine.
    const fine = datasetWith({ 'a.png': 'x', 'm.csv': 'path,label\nsub/../a.png,cat\n' });
    assert.deepEqual((await samplesOf({ root: fine, manifest: 'm.csv' })).map((s) => s.id), ['a.png']);
  });

  it('refuses absolute paths (POSIX, Windows drive, UNC) in path and clean_path', async () => {
    for (const entry of ['/etc/passwd', 'C:\\\\x.png', '\\\\\\\\server\\\\share\\\\x.png']) {
      const root = datasetWith({ 'm.jsonl': `{"path":"${entry}","label":"x"}\n` });
      const error = await datasetErrorOf(() => samplesOf({ root, manifest: 'm.jsonl' }));
      assert.equal(error.line, 1);
      assert.match(error.message, /is an absolute path/, entry);
    }
    const root = datasetWith({ 'a.png': 'x', 'm.csv': `path,label,clean_path\na.png,x,${path.join(temp.dir, 'a.png')}\n` });
    assert.match((await datasetErrorOf(() => samplesOf({ root, manifest: 'm.csv' }))).message, /line 2: clean_path '.*' is an absolute path/);
  });

  it('refuses an entry that leads out through a symlinked file or folder, or a dangling symlink', async () => {
    const outside = datasetWith({ 'secret.png': 'x', 'dir/s.png': 'x' });
    const root = datasetWith({ 'ok.png': 'x' });
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(root, 'link.png'));
    fs.symlinkSync(path.join(outside, 'dir'), path.join(root, 'linkdir'));
    fs.symlinkSync(path.join(root, 'nothing-here.png'), path.join(root, 'dangling.png'));
    fs.symlinkSync(path.join(root, 'ok.png'), path.join(root, 'inside.png'));
    const cases: Array<[string, RegExp]> = [
      ['link.png', /line 3: path 'link\.png' leads outside the dataset root through a symlink/],
      ['linkdir/s.png', /line 3: path 'linkdir\/s\.png' leads outside the dataset root through a symlink/],
      ['linkdir/missing.png', /line 3: path 'linkdir\/missing\.png' leads outside/],
      ['dangling.png', /line 3: path 'dangling\.png' is a symlink that cannot be resolved/],
    ];
    for (const [entry, pattern] of cases) {
      fs.writeFileSync(path.join(root, 'm.csv'), `path,label\ninside.png,x\n${entry},y\n`);
      const error = await datasetErrorOf(() => samplesOf({ root, manifest: 'm.csv' }));
      assert.equal(error.line, 3);
      assert.match(error.message, pattern);
    }
    fs.writeFileSync(path.join(root, 'm.csv'), 'path,label\ninside.png,x\n');
    assert.deepEqual(
      (await samplesOf({ root, manifest: 'm.csv' })).map((s) => [s.id, s.path]),
      [['inside.png', path.join(root, 'ok.png')]],
    );
  });

  it('refuses a malformed row with file and line, and a manifest with no entries', async () => {
    const root = datasetWith({ 'bad.csv': 'path,label\na.png,cat\nb.png,"dog\n', 'empty.csv': 'path,label\r\n' });
    const error = await datasetErrorOf(() => samplesOf({ root, manifest: 'bad.csv' }));
    assert.equal(error.line, 3);
    assert.equal(error.path, path.join(root, 'bad.csv'));
    assert.match((await datasetErrorOf(() => samplesOf({ root, manifest: 'empty.csv' }))).message, /has no entries\./);
    assert.match((await datasetErrorOf(() => openDataset({ root, manifest: 'm.txt' }))).message, /does not exist/);
  });

  it('filters by split, counts the filtered entries, and says which splits exist when none match', async () => {
    const root = datasetWith({ 'm.csv': 'path,label,split\na.png,x,test\nb.png,y,train\nc.png,z,test\nd.png,w,\n' });
    const test: Dataset = await openDataset({ root, manifest: 'm.csv', split: 'test' });
    assert.deepEqual((await collect(test.samples())).map((s) => s.id), ['a.png', 'c.png']);
    assert.equal(await test.count(), 2);
    assert.equal(test.split, 'test');
    assert.equal(await (await openDataset({ root, manifest: 'm.csv' })).count(), 4);
    const error = await datasetErrorOf(() => samplesOf({ root, manifest: 'm.csv', split: 'val' }));
    assert.match(error.message, /no entry with split 'val'\. Splits found: 'test', 'train'\./);
  });

  it('refuses an image listed twice with different labels, naming both lines', async () => {
    const root = datasetWith({ 'm.csv': 'path,label\na.png,cat\nb.png,cat\na.png,dog\n' });
    const error = await datasetErrorOf(() => samplesOf({ root, manifest: 'm.csv' }));
    assert.equal(error.line, 4);
    assert.equal(error.path, path.join(root, 'm.csv'));
    assert.equal(error.message, `${path.join(root, 'm.csv')} lines 2 and 4 both list the image 'a.png', with label "cat" and label "dog"; a run scores an image once, so list it once (or make the lines agree).`);
  });

  it('refuses repeats that differ in attack_text or clean_path, also when written differently (./a.png, a\\a.png)', async () => {
    const root = datasetWith({
      'text.jsonl': '{"path":"a.png","label":"cat","attack_text":"dog"}\n{"path":"./a.png","label":"cat"}\n',
      'clean.csv': 'path,label,clean_path\nx/a.png,cat,c1.png\nx\\a.png,cat,c2.png\n',
    });
    assert.match((await datasetErrorOf(() => samplesOf({ root, manifest: 'text.jsonl' }))).message, /lines 1 and 2 both list the image 'a\.png', with attack_text "dog" and no attack_text;/);
    assert.match((await datasetErrorOf(() => samplesOf({ root, manifest: 'clean.csv' }))).message, /lines 2 and 3 both list the image 'x\/a\.png', with clean_path ".*c1\.png" and clean_path ".*c2\.png";/);
  });

  it('lets repeats that agree through (byte-identical, or the same image written differently), and repeats in a split left out', async () => {
    const root = datasetWith({ 'm.csv': 'path,label,split\na.png,cat,test\na.png,cat,test\n./a.png,cat,test\na.png,dog,train\n' });
    assert.deepEqual((await samplesOf({ root, manifest: 'm.csv', split: 'test' })).map((s) => [s.id, s.label]), [['a.png', 'cat'], ['a.png', 'cat'], ['a.png', 'cat']]);
    assert.match((await datasetErrorOf(() => samplesOf({ root, manifest: 'm.csv' }))).message, /lines 2 and 5 both list the image 'a\.png', with label "cat" and label "dog"/);
  });

  it('finds a conflicting repeat far from the first entry, among many distinct images', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `img/${i}.png,class ${i % 7}`);
    const root = datasetWith({ 'ok.csv': `path,label\n${lines.join('\n')}\n`, 'bad.csv': `path,label\n${lines.join('\n')}\nimg/3.png,other\n` });
    assert.equal((await samplesOf({ root, manifest: 'ok.csv' })).length, 20_000);
    const error = await datasetErrorOf(() => samplesOf({ root, manifest: 'bad.csv' }));
    assert.match(error.message, /lines 5 and 20002 both list the image 'img\/3\.png', with label "class 3" and label "other"/);
  });

  it('finds <root>/manifest.csv for layout manifest and refuses conflicting specs', async () => {
    const root = datasetWith({ 'manifest.csv': 'path,label\na.png,x\n' });
    assert.deepEqual((await samplesOf({ root, layout: 'manifest' })).map((s) => s.id), ['a.png']);
    const none = datasetWith({ 'a/b.png': 'x' });
    assert.match((await datasetErrorOf(() => openDataset({ root: none, layout: 'manifest' }))).message, /no manifest/);
    assert.match((await datasetErrorOf(() => openDataset({ root, layout: 'folder', manifest: 'manifest.csv' }))).message, /give one or the other/);
    const bad = { root, layout: 'flat' } as unknown as DatasetSpec;
    assert.match((await datasetErrorOf(() => openDataset(bad))).message, /Unknown dataset layout 'flat' for '.*'\. Valid layouts: folder, manifest\./);
    assert.match((await datasetErrorOf(() => openDataset({ root, manifest: 'manifest.tsv' }))).message, /does not exist/);
    writeFiles(root, { 'manifest.tsv': 'x' });
    assert.match((await datasetErrorOf(() => openDataset({ root, manifest: 'manifest.tsv' }))).message, /unknown extension\. Valid extensions: \.csv, \.jsonl, \.ndjson, \.json \(an annotation\.json\)\./);
  });
});
