import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { emojiSets } from '../../src/emoji/emojiSets.js';
import { repoRoot } from '../helpers/paths.js';

/** A module of the same build as this test (dist/, or another outDir). */
const dist = (...parts: string[]) => JSON.stringify(pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', ...parts)).href);
const temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-dataset-cli-')));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

/** Runs `stroop dataset ...` in a child process through yargs and the CLI's exit-code mapping, as main.ts does once it registers the command. */
function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = `
    import yargs from 'yargs';
    const { datasetCommand } = await import(${dist('src', 'cli', 'commands', 'dataset.js')});
    const { exitCodeFor } = await import(${dist('src', 'cli', 'exitCodes.js')});
    let started = false;
    const tracked = { ...datasetCommand, builder: (y) => datasetCommand.builder(y.middleware(() => { started = true; })) };
    try {
      await yargs(process.argv.slice(1)).command(tracked).strict().demandCommand(1).fail(false).parseAsync();
    } catch (error) {
      process.stderr.write('stroop: ' + error.message + '\\n');
      process.exitCode = started ? exitCodeFor(error) : 2;
    }`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', ...args], {
    encoding: 'utf8',
    cwd: repoRoot,
    env: { ...process.env, STROOP_CACHE_DIR: path.join(temp, 'cache') },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('stroop dataset', () => {
  it('build emoji --out renders the chosen classes and prints where the manifest is', () => {
    const out = path.join(temp, 'emoji');
    const result = runCli(['dataset', 'build', 'emoji', '--classes', 'apple,dog', '--out', out]);
    assert.equal(result.status, 0, result.stderr);
    const images = 2 * emojiSets.length;
    assert.match(result.stdout, new RegExp(`^emoji: ${images} images, 2 classes, 64 px, in `));
    assert.match(result.stdout, new RegExp(`rendered ${images} images`));
    assert.ok(result.stdout.includes(`manifest: ${path.join(out, 'manifest.csv')}`));
    assert.match(result.stdout, /pixels match the expected hashes/);
    assert.equal(fs.readFileSync(path.join(out, 'manifest.csv'), 'utf8').trim().split('\n').length, images + 1);

    const again = runCli(['dataset', 'build', 'emoji', '--classes', 'apple,dog', '--out', out, '--json']);
    assert.equal(again.status, 0, again.stderr);
    const build = JSON.parse(again.stdout) as { upToDate: boolean; rendered: number; root: string };
    assert.deepEqual([build.upToDate, build.rendered, build.root], [true, 0, out]);
  });

  it('list shows the bundled datasets and whether emoji is built in the cache', () => {
    const result = runCli(['dataset', 'list', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const rows = JSON.parse(result.stdout) as Array<{ name: string; kind: string; ready: boolean; root: string; images: number }>;
    const tiny = rows.find((r) => r.name === 'tiny');
    assert.deepEqual([tiny?.kind, tiny?.images], ['bundled', 20]);
    const emoji = rows.find((r) => r.name === 'emoji');
    assert.equal(emoji?.kind, 'built');
    assert.equal(emoji?.ready, false);
    assert.ok(emoji?.root.startsWith(path.join(temp, 'cache', 'datasets', 'emoji-')), emoji?.root);
    assert.equal(emoji?.images, 80 * emojiSets.length);
  });

  it('fails with exit code 2 on a bad size, an unknown class or an unknown dataset', () => {
    const size = runCli(['dataset', 'build', 'emoji', '--size', '7', '--out', path.join(temp, 'x')]);
    assert.equal(size.status, 2);
    assert.match(size.stderr, /--size must be a whole number of pixels in \[16, 512\], got 7/);
    const unknownClass = runCli(['dataset', 'build', 'emoji', '--classes', 'appel', '--out', path.join(temp, 'x')]);
    assert.equal(unknownClass.status, 2);
    assert.match(unknownClass.stderr, /Unknown emoji class 'appel'/);
    const unknownDataset = runCli(['dataset', 'build', 'emojis']);
    assert.equal(unknownDataset.status, 2);
    assert.match(unknownDataset.stderr, /Choices: "emoji"/);
  });
});
