import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { maxAbsDiff, readGoldenEmbeddings } from '../helpers/goldens.js';
import { fixturePath } from '../helpers/paths.js';
import { runCli } from '../helpers/runCli.js';

const model = fixturePath('clip-tiny');
const golden = readGoldenEmbeddings('clip-tiny');
const image = (name: string) => fixturePath('clip-tiny', 'golden', name);

describe('stroop --help', () => {
  it('lists the commands and exits 0; every command has --help', async () => {
    const top = await runCli(['--help']);
    assert.equal(top.code, 0);
    for (const command of ['embed', 'classify', 'bench']) {
      assert.match(top.stdout, new RegExp(`stroop ${command}`));
      const help = await runCli([command, '--help']);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, /--json/);
    }
  });

  it('exits 2 with a one-line hint for an unknown command', async () => {
    const r = await runCli(['embedd']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unknown argument|Did you mean/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

describe('stroop embed --json', () => {
  for (const engine of ['tfjs', 'onnx']) {
    it(`prints the CLI contract with --engine ${engine}, matching OpenAI goldens end to end (texts and PNGs)`, async () => {
      const texts = golden.texts.slice(0, 3);
      const images = golden.images.slice(0, 3);
      const r = await runCli(['embed', '--model', model, '--engine', engine, ...texts.flatMap((t) => ['--text', t]), ...images.flatMap((i) => ['--image', image(i)]), '--json']);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { model: string; engine: string; backend: string; text_embeds: number[][]; image_embeds: number[][] };
      assert.deepEqual(Object.keys(out).sort(), ['backend', 'engine', 'image_embeds', 'model', 'text_embeds']);
      assert.equal(out.engine, engine);
      assert.ok(out.backend.length > 0);
      assert.ok(maxAbsDiff(out.text_embeds.flat(), golden.text_embeds.slice(0, 3).flat()) <= 1e-4);
      assert.ok(maxAbsDiff(out.image_embeds.flat(), golden.image_embeds.slice(0, 3).flat()) <= 1e-4);
    });
  }

  it('--engine auto (the default) picks onnx for a model with ONNX files', async () => {
    const r = await runCli(['embed', '--model', model, '--text', 'apple', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { engine: string }).engine, 'onnx');
  });
});

describe('stroop classify', () => {
  it('prints top-k per image in argument order, probabilities summing to <= 1', async () => {
    const r = await runCli(['classify', '--model', model, '--labels', 'apple,iPod,toaster', '--top-k', '2', '--json', image(golden.images[6] ?? ''), image(golden.images[0] ?? '')]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { results: { image: string; top_k: { label: string; probability: number }[] }[] };
    assert.equal(out.results.length, 2);
    assert.equal(out.results[0]?.image, image(golden.images[6] ?? ''));
    for (const result of out.results) {
      assert.equal(result.top_k.length, 2);
      assert.ok((result.top_k[0]?.probability ?? 0) >= (result.top_k[1]?.probability ?? 0));
      assert.ok(result.top_k.every((c) => ['apple', 'iPod', 'toaster'].includes(c.label)));
    }
  });

  it('refuses bad input with exit 2, one line on stderr and no stack trace', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-cli-'));
    const empty = path.join(tmp, 'empty.png');
    fs.writeFileSync(empty, '');
    const cases: [string[], RegExp][] = [
      [['classify', '--model', path.join(tmp, 'nope'), '--labels', 'a,b', image('images/small_100x80.png')], /does not exist/],
      [['classify', '--model', tmp, '--labels', 'a,b', image('images/small_100x80.png')], /config\.json/],
      [['classify', '--model', model, '--labels', '', image('images/small_100x80.png')], /empty/],
      [['classify', '--model', model, '--labels', 'a,b', '--template', 'a photo', image('images/small_100x80.png')], /placeholder/],
      [['classify', '--model', model, '--labels', 'a,b', empty], /empty\.png/],
      [['classify', '--model', model, '--labels', 'a,b', '--max-pixels', '100', image('images/small_100x80.png')], /pixel/i],
      [['embed', '--model', model, '--engine', 'onx', '--text', 'x'], /onx/],
      [['embed', '--model', model], /Nothing to embed/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      assert.equal(r.code, 2, `${args.join(' ')}\n${r.stderr}`);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace without --verbose');
    }
    const verbose = await runCli(['classify', '--model', path.join(tmp, 'nope'), '--labels', 'a', image('images/small_100x80.png'), '--verbose']);
    assert.equal(verbose.code, 2);
    assert.match(verbose.stderr, /\n\s+at /);
  });
});

describe('stroop bench --json', () => {
  it('reports images/s and texts/s per batch for a given model', async () => {
    const r = await runCli(['bench', '--model', model, '--batch', '1', '--batch', '2', '--runs', '1', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { engine: string; backend: string; results: { batch: number; images_per_s: number; texts_per_s: number }[] };
    assert.equal(out.engine, 'tfjs');
    assert.deepEqual(out.results.map((x) => x.batch), [1, 2]);
    assert.ok(out.results.every((x) => x.images_per_s > 0 && x.texts_per_s > 0));
  });
});
