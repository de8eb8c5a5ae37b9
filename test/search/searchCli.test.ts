import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { runCli, type CliResult } from '../helpers/runCli.js';

/**
 * `stroop search` and `stroop replay` end to end: stroop-tiny (tfjs) on four images of the bundled
 * tiny dataset, a small budget. Same seed, same records (in separate caches, so nothing is
 * shared); a resumed search matches; a gate breach prints the counterexample; replay reproduces it.
 */
const modelDir = path.join(repoRoot, 'models', 'stroop-tiny');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-search-'));
const suiteFile = path.join(work, 'search.yaml');
fs.writeFileSync(
  suiteFile,
  [
    'name: search-test',
    'models:',
    `  - path: ${JSON.stringify(modelDir)}`,
    'datasets:',
    `  - root: ${JSON.stringify(path.join(repoRoot, 'datasets', 'tiny'))}`,
    '    manifest: manifest.csv',
    '    split: test',
    "    classes: ['red circle', 'green triangle', 'blue square', 'yellow star', 'purple heart']",
    'attacks:',
    '  - preset: openai-sticker',
    'search:',
    '  seed: 3',
    '  numRuns: 30',
    '  maxCallsPerImage: 120',
    '  margins: [size, opacity]',
    'batch: 8',
  ].join('\n'),
);

interface Line {
  readonly id: string;
  readonly status: string;
  readonly ms?: number;
  readonly calls?: { computed?: number };
  readonly [key: string]: unknown;
}

/** The log's records by id, without the fields that may differ between identical searches (time, cache hits). */
function recordsOf(dir: string): Map<string, Line> {
  const lines = fs.readFileSync(path.join(dir, 'search.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
  return new Map(lines.map(({ ms: _ms, calls, ...rest }) => [rest.id, { ...rest, calls: { ...calls, computed: 0 } }]));
}

const search = (out: string, cache: string, ...extra: string[]) => runCli(['search', suiteFile, '--out', out, '--max-samples', '4', ...extra], { env: { STROOP_CACHE_DIR: cache, CI: 'true' } });

describe('stroop search (stroop-tiny, 4 tiny images)', () => {
  let first: CliResult;
  before(async () => {
    first = await search(path.join(work, 'a'), path.join(work, 'cache-a'));
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('searches every image, writes the reports and exits 0 without gates', () => {
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /stroop-tiny\s+4\s/);
    for (const file of ['search.json', 'search.jsonl', 'search.csv', 'search.md', 'search.html', 'search-summary.json']) assert.ok(fs.existsSync(path.join(work, 'a', file)), file);
    const records = [...recordsOf(path.join(work, 'a')).values()];
    assert.equal(records.length, 4);
    assert.ok(records.some((r) => r.status === 'flipped'), 'stroop-tiny flips at least one image');
  });

  it('is deterministic: another process with its own cache finds the same minimal attacks and margins', async () => {
    const again = await search(path.join(work, 'b'), path.join(work, 'cache-b'));
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(recordsOf(path.join(work, 'b')), recordsOf(path.join(work, 'a')));
  });

  it('resumes: a log with its last record torn is completed to the same records', async () => {
    const dir = path.join(work, 'c');
    fs.cpSync(path.join(work, 'a'), dir, { recursive: true });
    const log = path.join(dir, 'search.jsonl');
    const text = fs.readFileSync(log, 'utf8');
    fs.writeFileSync(log, text.slice(0, text.length - 40));
    const resumed = await search(dir, path.join(work, 'cache-a'));
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /dropped a torn last line/);
    assert.match(resumed.stdout, /1 images searched, 3 already done/);
    assert.deepEqual(recordsOf(dir), recordsOf(path.join(work, 'a')));
  });

  it('a breached gate exits 1 and prints the minimal counterexample with the command that replays it, which reproduces its render', async () => {
    const gated = await search(path.join(work, 'a'), path.join(work, 'cache-a'), '--min-flip-font-fraction', '0.9');
    assert.equal(gated.code, 1, gated.stderr);
    assert.match(gated.stderr, /search gate breached \(stroop-tiny\): an image flips with a font of [\d.]+% of its height, below the 90\.0% allowed/);
    assert.match(gated.stderr, /Counterexample: model stroop-tiny, image tiny\//);
    const replay = /replay: stroop replay (\S+) (\S+) --out/.exec(gated.stderr);
    assert.ok(replay !== null, gated.stderr);
    const png = path.join(work, 'replayed.png');
    const replayed = await runCli(['replay', replay[1] as string, replay[2] as string, '--out', png]);
    assert.equal(replayed.code, 0, replayed.stderr);
    assert.match(replayed.stdout, /the render hash matches the search/);
    assert.ok(fs.statSync(png).size > 0);
    const all = await runCli(['replay', replay[1] as string, '--all']);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, /^(\d+) of \1 minimal attacks reproduce their render hash/);
  });

  it('stroop run on a suite with a search block also searches it, into <out>/search, and reports its coverage of the run', async () => {
    const out = path.join(work, 'run');
    const run = await runCli(['run', suiteFile, '--out', out, '--max-samples', '4'], { env: { STROOP_CACHE_DIR: path.join(work, 'cache-a'), CI: 'true' } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /search reports in .*run\/search/);
    assert.deepEqual(recordsOf(path.join(out, 'search')), recordsOf(path.join(work, 'a')), 'the same search as stroop search');
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'search', 'search-summary.json'), 'utf8')) as { coverage: { run: string } | null };
    assert.equal(summary.coverage?.run, out);
  });

  it('refuses a budget of 0 and an unknown record with what is allowed', async () => {
    const zero = await search(path.join(work, 'z'), path.join(work, 'cache-a'), '--num-runs', '0');
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /--num-runs must be a whole number in \[1, 100000\] \(a budget of 0 tries nothing\), got 0/);
    const unknown = await runCli(['replay', path.join(work, 'a'), 'nope', '--out', path.join(work, 'x.png')]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /has no searched image 'nope'/);
  });
});
