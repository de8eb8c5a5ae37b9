import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { fixturePath, repoRoot, buildRoot } from '../helpers/paths.js';

const dist = (...parts: string[]) => JSON.stringify(pathToFileURL(path.join(buildRoot, ...parts)).href);

/**
 * Runs `stroop attacks|render` in a child process through yargs and the CLI's
 * exit-code mapping, as main.ts does once it registers these commands.
 */
function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = `
    import yargs from 'yargs';
    const { attacksCommand } = await import(${dist('src', 'cli', 'commands', 'attacks.js')});
    const { renderCommand } = await import(${dist('src', 'cli', 'commands', 'render.js')});
    const { exitCodeFor } = await import(${dist('src', 'cli', 'exitCodes.js')});
    const { AttackError } = await import(${dist('src', 'errors', 'errors.js')});
    try {
      await yargs(process.argv.slice(1)).command(attacksCommand).command(renderCommand).strict().demandCommand(1).fail(false).parseAsync();
    } catch (error) {
      process.stderr.write('stroop: ' + error.message + '\\n');
      process.exitCode = error instanceof AttackError ? 2 : exitCodeFor(error);
    }`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', ...args], { encoding: 'utf8', cwd: repoRoot });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-render-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const photo = fixturePath('clip-tiny', 'golden', 'images', 'landscape_320x240.png');

describe('stroop attacks', () => {
  it('list prints every preset with its description', () => {
    const r = runCli(['attacks', 'list']);
    assert.equal(r.status, 0, r.stderr);
    for (const name of ['defense-prefix', 'dyslexify', 'grid', 'imagenet-atr', 'openai-sticker', 'self-gen-band']) assert.match(r.stdout, new RegExp(`^${name} +\\S`, 'm'));
    const json = JSON.parse(runCli(['attacks', 'list', '--json']).stdout) as Array<{ name: string; attacksPerText: number }>;
    assert.equal(json.find((p) => p.name === 'grid')?.attacksPerText, 48);
  });

  it('show prints the recipe and its source', () => {
    const r = runCli(['attacks', 'show', 'defense-prefix']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^source: Azuma and Matsui/m);
    assert.match(r.stdout, /^distinct: fill != stroke\.colour$/m);
  });

  it('show of an unknown preset exits 2 and lists the valid ones', () => {
    const r = runCli(['attacks', 'show', 'defence-prefix']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Unknown preset 'defence-prefix'\. Valid presets: defense-prefix, dyslexify, grid, imagenet-atr, openai-sticker, self-gen-band\./);
  });
});

describe('stroop render', () => {
  const common = ['render', '--image', photo, '--label', 'apple', '--classes', 'apple,iPod,toaster', '--seed', '3'];

  it('writes the PNG and prints the spec and a hash that matches the written pixels', () => {
    const out = path.join(tmp, 'sticker.png');
    const r = runCli([...common, '--attack', 'openai-sticker', '--out', out, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const printed = JSON.parse(r.stdout) as { spec: { text: string; origin: unknown }; hash: string; width: number; height: number };
    assert.deepEqual(Object.keys(printed).sort(), ['hash', 'height', 'spec', 'width']);
    assert.ok(['iPod', 'toaster'].includes(printed.spec.text));
    assert.deepEqual(printed.spec.origin, { generator: 'preset', name: 'openai-sticker', seed: 3, path: '0/0' });
    const png = PNG.sync.read(fs.readFileSync(out));
    assert.deepEqual([png.width, png.height, printed.width, printed.height], [320, 240, 320, 240]);
    assert.equal(createHash('sha256').update(png.data).digest('hex'), printed.hash);
    const again = runCli([...common, '--attack', 'openai-sticker', '--out', path.join(tmp, 'again.png'), '--json']);
    assert.equal((JSON.parse(again.stdout) as { hash: string }).hash, printed.hash, 'same inputs, same hash');
  });

  it('says when the band layout grows the image, and renders a spec file', () => {
    const band = runCli([...common, '--attack', 'self-gen-band', '--out', path.join(tmp, 'band.png')]);
    assert.equal(band.status, 0, band.stderr);
    assert.match(band.stdout, /^hash sha256:[0-9a-f]{64}$/m);
    assert.match(band.stdout, /320x360 \(band layout: \+60 px above, \+60 px below\)/);
    const specFile = path.join(tmp, 'spec.json');
    fs.writeFileSync(specFile, JSON.stringify({ text: 'iPod', fill: 'red', size: { unit: 'px', value: 40 } }));
    const spec = runCli(['render', '--image', photo, '--attack', specFile, '--out', path.join(tmp, 'spec.png')]);
    assert.equal(spec.status, 0, spec.stderr);
    assert.match(spec.stdout, /^spec \{"text":"iPod"/m);
  });

  it('fails with one clear line and exit 2 on bad input', () => {
    const cases: Array<[string[], RegExp]> = [
      [[...common, '--attack', 'nope', '--out', path.join(tmp, 'x.png')], /Unknown preset 'nope' and no such \.json file\. Valid presets: defense-prefix/],
      [[...common, '--attack', 'grid', '--index', '48', '--out', path.join(tmp, 'x.png')], /--index must be a whole number in \[0, 47\]/],
      [['render', '--image', photo, '--attack', 'grid', '--seed', '-1', '--label', 'apple', '--classes', 'apple,iPod', '--out', path.join(tmp, 'x.png')], /--seed must be a whole number in \[0, 4294967295\]/],
      [['render', '--image', photo, '--attack', 'grid', '--out', path.join(tmp, 'x.png')], /give --label and --classes/],
      [['render', '--image', photo, '--label', 'cat', '--classes', 'apple,iPod,toaster', '--attack', 'grid', '--out', path.join(tmp, 'x.png')], /True class 'cat' is not one of the 3 classes/],
      [['render', '--image', path.join(repoRoot, 'package.json'), '--attack', 'grid', '--label', 'apple', '--classes', 'apple,iPod', '--out', path.join(tmp, 'x.png')], /package\.json/],
      [[...common, '--attack', 'openai-sticker', '--out', path.join(tmp, 'no-such-dir', 'x.png')], /Cannot write --out/],
    ];
    for (const [args, pattern] of cases) {
      const r = runCli(args);
      assert.equal(r.status, 2, `${args.join(' ')}\n${r.stderr}`);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });

  it('reports an attack that cannot be drawn (missing glyphs) without writing a file', () => {
    const specFile = path.join(tmp, 'cjk.json');
    fs.writeFileSync(specFile, JSON.stringify({ text: '漢字' }));
    const out = path.join(tmp, 'cjk.png');
    const r = runCli(['render', '--image', photo, '--attack', specFile, '--out', out]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /has no glyph for '漢' \(U\+6F22\), '字' \(U\+5B57\)/);
    assert.equal(fs.existsSync(out), false);
  });
});
