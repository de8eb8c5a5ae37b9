import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-export-cli-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const suiteFile = path.join(work, 'suite.yaml');
fs.writeFileSync(
  suiteFile,
  [
    'name: export-cli',
    'models:',
    `  - path: ${fixturePath('clip-tiny')}`,
    'datasets:',
    `  - root: ${path.join(repoRoot, 'datasets', 'tiny')}`,
    '    manifest: manifest.csv',
    '    id: tiny',
    'attacks:',
    '  - preset: openai-sticker',
    '    id: sticker',
    '  - preset: grid',
    '',
  ].join('\n'),
);
const env = { STROOP_CACHE_DIR: path.join(work, 'cache'), CI: 'true' };

interface Summary {
  outDir: string;
  counts: { samples: number; cleanImages: number; attackedImages: number; skippedRows: number };
  datasets: { id: string; attackedImages: number }[];
}

/** Whether GNU sha256sum is here to check the file with (it is on the Linux CI images). */
function hasSha256sum(): boolean {
  try {
    execFileSync('sha256sum', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('stroop export-attacks', () => {
  it('exports the first N samples with --json, refuses the folder again without --force, and replaces it with', async () => {
    const out = path.join(work, 'frozen');
    const first = await runCli(['export-attacks', suiteFile, '--out', out, '--max-samples', '2', '--json'], { env });
    assert.equal(first.code, 0, first.stderr);
    const summary = JSON.parse(first.stdout) as Summary;
    assert.equal(summary.outDir, out);
    // Two samples, each clean once and under 1 sticker + 48 grid points.
    assert.deepEqual([summary.counts.samples, summary.counts.cleanImages], [2, 2]);
    assert.equal(summary.counts.attackedImages + summary.counts.skippedRows, 2 * 49);
    assert.match(first.stderr, /export on tiny: 2\/2 samples/);
    const manifestRows = fs.readFileSync(path.join(out, 'manifest.csv'), 'utf8').trimEnd().split('\n').length - 1;
    assert.equal(manifestRows, summary.counts.attackedImages);
    if (hasSha256sum()) execFileSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], { cwd: out });

    const again = await runCli(['export-attacks', suiteFile, '--out', out], { env });
    assert.equal(again.code, 2);
    assert.ok(again.stderr.includes(out) && again.stderr.includes('--force'), again.stderr);

    const forced = await runCli(['export-attacks', suiteFile, '--out', out, '--force', '--max-samples', '1'], { env });
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /attacked and 1 clean images of 1 dataset\(s\) written into/);
    assert.equal(fs.readdirSync(path.join(out, 'clean', 'tiny'), { recursive: true }).filter((f) => String(f).endsWith('.png')).length, 1);
  });

  it('exits 2 without --out, and on a bad --max-samples', async () => {
    const missing = await runCli(['export-attacks', suiteFile], { env });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /out/);
    const bad = await runCli(['export-attacks', suiteFile, '--out', path.join(work, 'bad'), '--max-samples', '0'], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--max-samples must be a whole number >= 1/);
    assert.equal(fs.existsSync(path.join(work, 'bad')), false, 'nothing is written');
  });
});
