import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { exportAttacks, type ExportedAttacks } from '../../src/audit/exportAttacks.js';
import { CsvParser } from '../../src/datasets/manifest/CsvParser.js';
import { ConfigError, UsageError } from '../../src/errors/errors.js';
import { decodeImage } from '../../src/image/decodeImage.js';
import { decodePng } from '../../src/image/pngCodec.js';
import type { Outcome, ScoredOutcome } from '../../src/results/outcome.js';
import { readResultLog } from '../../src/results/resultLog.js';
import { planFromSuite } from '../../src/run/planFromSuite.js';
import { runSuite } from '../../src/run/runSuite.js';
import { loadSuite } from '../../src/suite/loadSuite.js';
import { sha256Hex } from '../../src/util/hashing.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-export-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const classes = ['red circle', 'blue square', 'green triangle', 'purple heart', 'yellow star'];
/** Attack texts that break naive CSV writers and readers, and one no bundled font can draw. */
const adversarialTexts = ['=HYPERLINK("http://x"),1', 'say "hi",\nthen', '+1;@cmd', 'smile \u{1F600}'];
const pillow = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'conformance', 'pillow', name);
const pngsuite = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'conformance', 'pngsuite', name);

/**
 * Images of every mode a run keeps (RGB, L, LA, RGBA, P with and without transparency), a JPEG
 * whose EXIF turns it upright and a PNG of the same name; in the manifest (writeDataset) also
 * samples a run cannot attack (a broken file, an unknown label), a repeated entry and one the
 * export does not re-export (a real-world image).
 */
const images: ReadonlyArray<readonly [name: string, source: string, label: string]> = [
  ['shapes/shape.png', path.join(repoRoot, 'datasets', 'tiny', 'red circle', '0.png'), 'red circle'],
  ['photo.jpg', pillow('hopper_orientation_6.jpg'), 'blue square'],
  ['photo.png', pngsuite('basn2c08.png'), 'green triangle'],
  ['palette.gif', pillow('hopper.gif'), 'green triangle'],
  ['trns.png', pngsuite('tbbn3p08.png'), 'purple heart'],
  ['grey-alpha.png', pngsuite('basn4a08.png'), 'yellow star'],
  ['rgba.png', pngsuite('basn6a08.png'), 'red circle'],
  ['grey16.png', pngsuite('basn0g16.png'), 'blue square'],
];

function writeDataset(root: string): void {
  fs.mkdirSync(path.join(root, 'shapes'), { recursive: true });
  for (const [name, source] of images) fs.copyFileSync(source, path.join(root, name));
  fs.writeFileSync(path.join(root, 'broken.png'), 'not a png');
  fs.copyFileSync(path.join(repoRoot, 'datasets', 'tiny', 'yellow star', '0.png'), path.join(root, 'unicorn.png'));
  fs.copyFileSync(path.join(repoRoot, 'datasets', 'tiny-written', 'attacked', fs.readdirSync(path.join(repoRoot, 'datasets', 'tiny-written', 'attacked'))[0]!), path.join(root, 'written.png'));
  const rows = [
    'path,label,attack_text',
    ...images.map(([name, , label]) => `${name},${label},`),
    'broken.png,red circle,',
    'unicorn.png,unicorn,',
    'shapes/shape.png,red circle,',
    'written.png,red circle,blue square',
  ];
  fs.writeFileSync(path.join(root, 'manifest.csv'), `${rows.join('\n')}\n`);
}

function writeSuite(file: string, name: string, dataset: string[], attacks: string[]): string {
  const lines = [
    `name: ${name}`,
    'models:',
    `  - path: ${fixturePath('clip-tiny')}`,
    '    id: tiny',
    '    engine: onnx',
    '    device: cpu',
    'datasets:',
    ...dataset,
    'prompts:',
    '  templates: single',
    ...attacks,
    'batch: 4',
    'topK: 5',
    '',
  ];
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

const attackLines = [
  'attacks:',
  '  - preset: openai-sticker',
  '    id: sticker',
  '    n: 2',
  '    seed: 3',
  '  - preset: defense-prefix',
  '    id: words',
  '    text:',
  '      strategy: list',
  '      pick: each',
  `      items: ${JSON.stringify(adversarialTexts)}`,
];

async function runInto(suiteFile: string, out: string): Promise<Outcome[]> {
  const suite = loadSuite(suiteFile);
  const run = await runSuite(planFromSuite(suite, { index: 1, count: 1 }), { outDir: out, cacheDir: path.join(out, '..', `${path.basename(out)}-cache`), maxPixels: 1e8 });
  return [...readResultLog(run.logFile)];
}

function readCsv(file: string): Record<string, string>[] {
  const parser = new CsvParser(file);
  const records = [...parser.push(fs.readFileSync(file, 'utf8')), ...parser.end()].map((r) => r.fields);
  const [header, ...rows] = records;
  return rows.map((fields) => Object.fromEntries(header!.map((name, i) => [name, fields[i] ?? ''])));
}

const read = (dir: string, relative: string) => fs.readFileSync(path.join(dir, ...relative.split('/')));
/** Where a sample's files go: its id without the extension, but for photo.png, whose stem photo.jpg took. */
const stemOf = (sample: string) => (sample === 'photo.png' ? sample : sample.replace(/\.[^./]+$/, ''));

describe('exportAttacks', () => {
  const dataRoot = path.join(work, 'data');
  const suiteFile = path.join(work, 'suite.yaml');
  const exportDir = path.join(work, 'frozen');
  let exported: ExportedAttacks;
  let manifest: Record<string, string>[];

  before(async () => {
    writeDataset(dataRoot);
    writeSuite(suiteFile, 'mixed-modes', ['  - id: mixed', `    root: ${dataRoot}`, '    manifest: manifest.csv', `    classes: ${JSON.stringify(classes)}`], attackLines);
    exported = await exportAttacks(suiteFile, { out: exportDir });
    manifest = readCsv(path.join(exportDir, 'manifest.csv'));
  });

  it('writes a clean PNG per sample and an attacked PNG per manifest row, in the documented layout', () => {
    assert.equal(exported.counts.cleanImages, images.length);
    assert.equal(exported.counts.attackedImages, manifest.length);
    assert.equal(exported.counts.realWorldSamples, 1);
    assert.equal(exported.counts.duplicateSamples, 1);
    assert.ok(manifest.length > images.length, `${manifest.length} rows`);
    for (const row of manifest) {
      const stem = stemOf(row['attributes.sample']!);
      assert.equal(row['path'], `attacked/mixed/${stem}/${row['attributes.attack_id']}/${row['attributes.variant']!.replaceAll('/', '-')}.png`);
      assert.equal(row['clean_path'], `clean/mixed/${stem}.png`);
      assert.equal(row['split'], 'mixed');
      assert.equal(row['attributes.dataset'], 'mixed');
      assert.ok(fs.existsSync(path.join(exportDir, row['path'])) && fs.existsSync(path.join(exportDir, row['clean_path'])));
    }
    assert.deepEqual(JSON.parse(read(exportDir, 'classes/mixed.json').toString()), { classNames: classes });
  });

  it('writes the clean image as the exact decoded, EXIF-oriented pixels in their own mode', () => {
    for (const [name] of images) {
      const original = decodeImage(fs.readFileSync(path.join(dataRoot, name)), { path: name });
      const frozen = decodePng(read(exportDir, `clean/mixed/${stemOf(name)}.png`)).image;
      assert.deepEqual(frozen, original, name);
    }
    const photo = decodePng(read(exportDir, 'clean/mixed/photo.png')).image;
    const stored = decodeImage(fs.readFileSync(path.join(dataRoot, 'photo.jpg')), { orientation: 'ignore' });
    assert.deepEqual([photo.width, photo.height], [stored.height, stored.width], 'orientation 6 turned the photo a quarter');
  });

  it("writes attacked images that decode to the bytes of the row's render hash", () => {
    for (const row of manifest) {
      const decoded = decodePng(read(exportDir, row['path']!)).image;
      assert.equal(decoded.mode, 'RGBA');
      assert.equal(sha256Hex(decoded.data), row['attributes.render_hash'], row['path']);
    }
  });

  it('writes SHA256SUMS over every PNG, class list and the manifest, sorted by path', () => {
    const lines = read(exportDir, 'SHA256SUMS').toString().trimEnd().split('\n');
    const listed = lines.map((line) => /^([0-9a-f]{64}) {2}(.+)$/.exec(line)!);
    const names = listed.map((m) => m[2]!);
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const [, hex, name] of listed) assert.equal(sha256Hex(read(exportDir, name!)), hex, name);
    const pngs = (dir: string): string[] =>
      fs
        .readdirSync(path.join(exportDir, dir), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.png'))
        .map((entry) => path.relative(exportDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
    assert.deepEqual(new Set(names), new Set([...pngs('attacked'), ...pngs('clean'), 'classes/mixed.json', 'manifest.csv']));
  });

  it('keeps adversarial attack texts verbatim, and lists what it could not export in skipped.csv', () => {
    const texts = new Set(manifest.map((row) => row['attack_text']));
    for (const text of adversarialTexts.slice(0, 3)) assert.ok(texts.has(text), JSON.stringify(text));
    const skipped = readCsv(path.join(exportDir, 'skipped.csv'));
    assert.equal(skipped.length, exported.counts.skippedRows);
    assert.ok(skipped.some((row) => row['sample'] === 'broken.png' && row['reason']!.startsWith('load: ')));
    assert.ok(skipped.some((row) => row['sample'] === 'unicorn.png' && row['reason']!.startsWith("label: 'unicorn' is not one of")));
    assert.ok(skipped.some((row) => row['attack'] === 'words' && row['reason']!.startsWith('unrenderable: ') && row['reason']!.includes('glyph')));
    assert.ok(!skipped.some((row) => row['sample'] === 'written.png'), 'real-world samples are not attacked again');
    const metadata = JSON.parse(read(exportDir, 'export.json').toString()) as { suite: { name: string }; counts: unknown; datasets: { id: string; classes: string[] }[]; attacksSpecHash: string };
    assert.equal(metadata.suite.name, 'mixed-modes');
    assert.deepEqual(metadata.counts, exported.counts);
    assert.deepEqual(metadata.datasets.map((d) => [d.id, d.classes]), [['mixed', classes]]);
    assert.match(metadata.attacksSpecHash, /^[0-9a-f]{64}$/);
  });

  it('gives every exported row, run as a real-world set, the clean and attacked top-k of the live run', async () => {
    const live = await runInto(suiteFile, path.join(work, 'live'));
    const frozenSuite = writeSuite(path.join(work, 'frozen-suite.yaml'), 'frozen', [
      '  - id: frozen',
      `    root: ${exportDir}`,
      '    manifest: manifest.csv',
      '    split: mixed',
      `    classes: ${path.join(exportDir, 'classes', 'mixed.json')}`,
    ], ['attacks: []']);
    const replayed = await runInto(frozenSuite, path.join(work, 'replayed'));
    const scored = (rows: Outcome[]) => rows.filter((r): r is ScoredOutcome => r.kind === 'scored');
    const liveRows = new Map(scored(live).map((r) => [`${r.sampleId}\u0000${r.attackId}\u0000${r.variant}`, r]));
    const replayedRows = new Map(scored(replayed).filter((r) => r.attackId === 'real-world').map((r) => [r.sampleId, r]));
    assert.equal(replayedRows.size, manifest.length, 'every exported row was scored');
    for (const row of manifest) {
      const key = `${row['attributes.dataset']}/${row['attributes.sample']}\u0000${row['attributes.attack_id']}\u0000${row['attributes.variant']}`;
      const original = liveRows.get(key);
      const frozen = replayedRows.get(`frozen/${row['path']}`);
      assert.ok(original !== undefined && frozen !== undefined, key);
      assert.equal(frozen.trueLabel, original.trueLabel);
      assert.equal(frozen.attackText, original.attackText);
      assert.equal(row['attributes.spec_hash'], original.specHash);
      assert.equal(row['attributes.render_hash'], original.renderHash);
      assert.deepEqual(frozen.clean, original.clean, `clean top-k of ${key}`);
      assert.deepEqual(frozen.attacked, original.attacked, `attacked top-k of ${key}`);
    }
    // Every attack row the live run scored was exported, but for the real-world sample's; every one it could not draw is in skipped.csv.
    const attackedRow = (r: Outcome) => r.attackId !== 'clean' && r.attackId !== 'real-world' && r.sampleId !== 'mixed/written.png';
    assert.equal(scored(live).filter(attackedRow).length, manifest.length);
    const unrenderable = live.filter((r) => r.kind === 'unrenderable' && attackedRow(r)).length;
    assert.equal(exported.counts.unrenderableRows, unrenderable);
  });

  it('refuses a folder that is not empty unless forced, and a suite without attacks', async () => {
    await assert.rejects(exportAttacks(suiteFile, { out: exportDir }), (e: unknown) => e instanceof UsageError && e.message.includes(exportDir));
    const stray = path.join(exportDir, 'attacked', 'stray.png');
    fs.writeFileSync(stray, 'left over');
    const keep = path.join(exportDir, 'notes.txt');
    fs.writeFileSync(keep, 'mine');
    const again = await exportAttacks(suiteFile, { out: exportDir, force: true, maxSamples: 2 });
    assert.equal(again.counts.samples, 2);
    assert.equal(fs.existsSync(stray), false, 'an earlier export is replaced');
    assert.equal(fs.readFileSync(keep, 'utf8'), 'mine', 'other files stay');
    assert.equal(readCsv(path.join(exportDir, 'manifest.csv')).length, again.counts.attackedImages);
    const clean = writeSuite(path.join(work, 'clean.yaml'), 'clean-only', ['  - root: ' + dataRoot, '    manifest: manifest.csv'], ['attacks: []']);
    await assert.rejects(exportAttacks(clean, { out: path.join(work, 'none') }), ConfigError);
  });
});
