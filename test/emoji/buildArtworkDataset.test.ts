import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { openDataset } from '../../src/datasets/openDataset.js';
import type { Sample } from '../../src/datasets/dataset.js';
import { checkArtworkIcons } from '../../src/emoji/artworkTables.js';
import { buildArtworkDataset, type ArtworkDatasetBuild } from '../../src/emoji/buildArtworkDataset.js';
import { emojiSets, readIconSet, type IconSet } from '../../src/emoji/emojiSets.js';
import { iconSvg, renderSvg } from '../../src/emoji/renderSvg.js';
import { emojiDatasetStatus } from '../../src/emoji/resolveEmojiBuild.js';
import { DatasetError } from '../../src/errors/errors.js';
import { sha256Hex } from '../../src/util/hashing.js';
import { repoRoot } from '../helpers/paths.js';

/**
 * The artwork dataset (issue #21): the reviewed icon tables of datasets/artwork/icons/ and the
 * emoji training sets, rendered for training. The expected rows are read from the tables and
 * classes.json here, not from the builder.
 */

const temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-artwork-')));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

interface TableFile {
  set: string;
  package: string;
  version: string;
  licence: string;
  palette: boolean;
  icons: Record<string, string | null>;
}

const tablesDir = path.join(repoRoot, 'datasets', 'artwork', 'icons');
const tableFiles = fs.readdirSync(tablesDir).filter((f) => f.endsWith('.json')).sort();
const readTable = (file: string): TableFile => JSON.parse(fs.readFileSync(path.join(tablesDir, file), 'utf8')) as TableFile;
const tables = tableFiles.map(readTable);
const classList = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'datasets', 'emoji', 'classes.json'), 'utf8')) as { classes: { name: string; icons: Record<string, string> }[] }).classes;
const trainingSets = emojiSets.filter((s) => s.split === 'train');

/** Three classes (given out of class-list order) with gaps in several tables keep the build small: 32 px, about 45 icons. */
const classes = ['octopus', 'apple', 'house'];
const cache = path.join(temp, 'cache');
let first: ArtworkDatasetBuild;

/** The manifest rows the tables and classes.json call for: `path -> [label, set, licence]`. */
function expectedRows(names: readonly string[]): Map<string, [string, string, string]> {
  const rows = new Map<string, [string, string, string]>();
  for (const name of names) {
    for (const set of trainingSets) rows.set(`${set.id}/${name.replace(/ /g, '-')}.png`, [name, set.id, set.licence]);
    for (const table of tables) {
      if (table.icons[name] !== null) rows.set(`${table.set}/${name.replace(/ /g, '-')}.png`, [name, table.set, table.licence]);
    }
  }
  return rows;
}

async function samplesOf(root: string): Promise<Sample[]> {
  const dataset = await openDataset({ root, manifest: 'manifest.csv' });
  const out: Sample[] = [];
  for await (const sample of dataset.samples()) out.push(sample);
  return out;
}

const mtimes = (root: string) => Object.fromEntries(fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => [f, fs.statSync(path.join(root, f)).mtimeMs]));

/** A folder holding copies of the named shipped tables, edited by `edit`. */
function tableDir(name: string, files: readonly string[], edit: (table: Record<string, unknown> & TableFile) => void = () => undefined): string {
  const dir = path.join(temp, 'tables', name);
  fs.mkdirSync(dir, { recursive: true });
  for (const file of files) {
    const table = readTable(file) as Record<string, unknown> & TableFile;
    edit(table);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(table));
  }
  return dir;
}

describe('buildArtworkDataset', () => {
  before(async () => {
    first = await buildArtworkDataset({ classes, size: 32, cacheDir: cache });
  });

  it('builds into <cache>/datasets/artwork-<key>, one image per non-null table entry and emoji training set', () => {
    assert.equal(first.root, path.join(cache, 'datasets', `artwork-${first.key}`));
    assert.match(first.key, /^[0-9a-f]{12}$/);
    const rows = expectedRows(classes);
    assert.equal(first.imageCount, rows.size);
    assert.equal(first.rendered, rows.size);
    assert.equal(first.upToDate, false);
    assert.equal(first.classCount, 3);
    assert.deepEqual(first.sets.map((s) => s.id), [...trainingSets.map((s) => s.id), ...tables.map((t) => t.set)]);
    const onDisk = fs.readdirSync(first.root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.png')).map((f) => f.split(path.sep).join('/'));
    assert.deepEqual(onDisk.sort(), [...rows.keys()].sort());
  });

  it('writes a manifest of training rows with the set and licence of each image, and the class names', async () => {
    const header = fs.readFileSync(first.manifest, 'utf8').split('\n')[0];
    assert.equal(header, 'path,label,split,attributes.set,attributes.licence');
    const rows = expectedRows(classes);
    const samples = await samplesOf(first.root);
    assert.equal(samples.length, rows.size);
    for (const sample of samples) {
      const want = rows.get(sample.id);
      assert.ok(want, `unexpected row ${sample.id}`);
      assert.deepEqual([sample.label, sample.split, sample.attributes?.['set'], sample.attributes?.['licence']], [want[0], 'train', want[1], want[2]], sample.id);
    }
    const sets = new Set(samples.map((s) => s.attributes?.['set']));
    for (const heldout of emojiSets.filter((s) => s.split === 'heldout')) assert.ok(!sets.has(heldout.id), `${heldout.id} is held out`);
    assert.deepEqual(JSON.parse(fs.readFileSync(first.classNames, 'utf8')), ['apple', 'octopus', 'house']);
  });

  it('draws opaque 32 px squares on white; monochrome sets in black and greys only', async () => {
    const monochrome = new Set(tables.filter((t) => !t.palette).map((t) => t.set));
    for (const sample of await samplesOf(first.root)) {
      const png = PNG.sync.read(fs.readFileSync(sample.path));
      assert.deepEqual([png.width, png.height], [32, 32], sample.id);
      assert.deepEqual([...png.data.subarray(0, 4)], [255, 255, 255, 255], `${sample.id}: white corner`);
      let darkest = 255;
      for (let i = 0; i < png.data.length; i += 4) {
        const [r = 0, g = 0, b = 0, a = 0] = png.data.subarray(i, i + 4);
        assert.equal(a, 255);
        if (monochrome.has(String(sample.attributes?.['set']))) assert.ok(r === g && g === b, `${sample.id}: colour in a monochrome set`);
        darkest = Math.min(darkest, r, g, b);
      }
      assert.ok(darkest < 128, `${sample.id}: no artwork`);
      if (monochrome.has(String(sample.attributes?.['set']))) assert.equal(darkest, 0, `${sample.id}: drawn black`);
    }
  });

  it('does nothing the second time', async () => {
    const before = mtimes(first.root);
    const second = await buildArtworkDataset({ classes, size: 32, cacheDir: cache });
    assert.deepEqual([second.rendered, second.upToDate, second.root, second.key], [0, true, first.root, first.key]);
    assert.deepEqual(mtimes(first.root), before);
  });

  it('renders a damaged image again, alone', async () => {
    const damagedFile = path.join(first.root, 'tabler', 'apple.png');
    const original = fs.readFileSync(damagedFile);
    fs.writeFileSync(damagedFile, original.subarray(0, original.length >> 1));
    const untouched = path.join(first.root, 'noto', 'octopus.png');
    const untouchedTime = fs.statSync(untouched).mtimeMs;

    const repaired = await buildArtworkDataset({ classes, size: 32, cacheDir: cache });
    assert.deepEqual([repaired.rendered, repaired.upToDate], [1, false]);
    assert.deepEqual(fs.readFileSync(damagedFile), original);
    assert.equal(fs.statSync(untouched).mtimeMs, untouchedTime);
    assert.equal((await buildArtworkDataset({ classes, size: 32, cacheDir: cache })).upToDate, true);
  });

  it('leaves the emoji dataset alone, and draws the emoji sets with the emoji dataset\'s pixels; an alias draws its icon', async () => {
    assert.equal(emojiDatasetStatus({ size: 32, classes, cacheDir: cache }).built, false);
    const lucideWithAlias = tableDir('alias', ['lucide.json'], (table) => {
      table.icons['house'] = 'home';
    });
    const build = await buildArtworkDataset({ classes: ['apple', 'house'], size: 112, tablesDir: lucideWithAlias, out: path.join(temp, 'alias') });
    assert.equal(build.imageCount, 2 * trainingSets.length + 2);
    const record = JSON.parse(fs.readFileSync(path.join(build.root, 'build.json'), 'utf8')) as { pixels: Record<string, string> };
    const expected = JSON.parse(fs.readFileSync(path.join(repoRoot, 'datasets', 'emoji', 'expected-hashes-112.json'), 'utf8')) as { images: Record<string, string> };
    for (const set of trainingSets) {
      for (const name of ['apple', 'house']) assert.equal(record.pixels[`${set.id}/${name}.png`], expected.images[`${set.id}/${name}.png`], `${set.id}/${name}`);
    }
    const lucide = readIconSet({ id: 'lucide', packageName: '@iconify-json/lucide', title: 'Lucide', licence: 'ISC', split: 'train' });
    assert.equal(record.pixels['lucide/house.png'], sha256Hex((await renderSvg(iconSvg(lucide, 'house', 112), 112, 'house')).data));
  });

  it('refuses a rotated or flipped alias, and names the table, class and icon', () => {
    const set: IconSet = { id: 't', packageName: 't', version: '1', left: 0, top: 0, width: 16, height: 16, icons: { a: { body: '<path d="M0 0h1v1z"/>' } }, aliases: { b: { parent: 'a', hFlip: true }, c: { parent: 'b', hFlip: true } } };
    assert.doesNotThrow(() => checkArtworkIcons({ file: 't.json', icons: { apple: 'a', dog: 'c', cat: null } }, set, ['apple', 'dog', 'cat']));
    assert.throws(() => checkArtworkIcons({ file: 't.json', icons: { apple: 'b' } }, set, ['apple']), (e: unknown) => e instanceof DatasetError && /t\.json: class 'apple' names icon 'b', which t draws rotated or flipped/.test(e.message));
    assert.throws(() => checkArtworkIcons({ file: 't.json', icons: { apple: 'z' } }, set, ['apple']), (e: unknown) => e instanceof DatasetError && /t\.json: class 'apple' names icon 'z', which is not in t@1/.test(e.message));
  });

  it('refuses a malformed table, an unknown or missing class, another installed version, and an icon not in the package', async () => {
    const cases: Array<[string, (table: Record<string, unknown> & TableFile) => void, RegExp]> = [
      ['malformed', (t) => Object.assign(t.icons, { apple: 5 }), /Invalid artwork table .*lucide\.json: icons\.apple: /],
      ['unknown-class', (t) => Object.assign(t.icons, { appel: 'apple' }), /lucide\.json: class 'appel' is not in the class list/],
      ['missing-class', (t) => delete t.icons['dog'], /lucide\.json: class 'dog' has no entry/],
      ['version', (t) => Object.assign(t, { version: '0.0.1' }), /lucide\.json was reviewed against @iconify-json\/lucide@0\.0\.1, but \d+\.\d+\.\d+ is installed/],
      ['renamed', (t) => Object.assign(t, { set: 'lucid' }), /lucide\.json: its set is 'lucid', so the file must be named lucid\.json/],
      ['no-such-icon', (t) => Object.assign(t.icons, { apple: 'no-such-apple' }), /lucide\.json: class 'apple' names icon 'no-such-apple', which is not in @iconify-json\/lucide@/],
    ];
    for (const [name, edit, message] of cases) {
      const out = path.join(temp, 'bad', name);
      await assert.rejects(buildArtworkDataset({ classes: ['apple'], size: 16, tablesDir: tableDir(name, ['lucide.json'], edit), out }), (e: unknown) => e instanceof DatasetError && message.test(e.message), name);
      assert.equal(fs.existsSync(out), false, `${name}: nothing written`);
    }
    await assert.rejects(buildArtworkDataset({ tablesDir: path.join(temp, 'no-tables') }), DatasetError);
    await assert.rejects(buildArtworkDataset({ classes: ['appel'], cacheDir: cache }), (e: unknown) => e instanceof DatasetError && e.message.includes("'appel'"));
    for (const size of [8, 64.5, 1024]) await assert.rejects(buildArtworkDataset({ size, cacheDir: cache }), DatasetError);
  });
});

/** `stroop dataset build artwork` and `dataset list`, through yargs in a child process of the same build as this test. */
describe('stroop dataset build artwork', () => {
  const dist = (...parts: string[]) => JSON.stringify(pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', ...parts)).href);
  function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const script = `
      import yargs from 'yargs';
      const { datasetCommand } = await import(${dist('src', 'cli', 'commands', 'dataset.js')});
      try {
        await yargs(process.argv.slice(1)).command(datasetCommand).strict().demandCommand(1).fail(false).parseAsync();
      } catch (error) {
        process.stderr.write('stroop: ' + error.message + '\\n');
        process.exitCode = 2;
      }`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', ...args], { encoding: 'utf8', cwd: repoRoot, env: { ...process.env, STROOP_CACHE_DIR: path.join(temp, 'cli-cache') } });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('builds the chosen classes at the given size into --out and prints where the manifest is', () => {
    const out = path.join(temp, 'cli');
    const result = runCli(['dataset', 'build', 'artwork', '--classes', 'dog', '--size', '16', '--out', out]);
    assert.equal(result.status, 0, result.stderr);
    const images = expectedRows(['dog']).size;
    assert.equal(result.stdout.split('\n')[0], `artwork: ${images} images, 1 classes, ${trainingSets.length + tables.length} sets, 16 px, in ${out}`);
    assert.match(result.stdout, new RegExp(`rendered ${images} images in `));
    assert.ok(result.stdout.includes(`manifest: ${path.join(out, 'manifest.csv')}`));
    assert.equal(PNG.sync.read(fs.readFileSync(path.join(out, 'tabler', 'dog.png'))).width, 16);
  });

  it('lists artwork with every image of the full build, not built yet', () => {
    const result = runCli(['dataset', 'list', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const artwork = (JSON.parse(result.stdout) as Array<{ name: string; kind: string; ready: boolean; root: string; images: number }>).find((r) => r.name === 'artwork');
    assert.deepEqual([artwork?.kind, artwork?.ready, artwork?.images], ['built', false, expectedRows(classList.map((c) => c.name)).size]);
    assert.ok(artwork?.root.startsWith(path.join(temp, 'cli-cache', 'datasets', 'artwork-')), artwork?.root);
  });
});
