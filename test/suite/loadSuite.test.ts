import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../src/errors/errors.js';
import { loadSuite } from '../../src/suite/loadSuite.js';
import { repoRoot } from '../helpers/paths.js';
import { issuesOf, makeSuiteFixture, minimalSuite, onlyIssueOf, suiteOf } from './suiteFixture.js';

const fixture = makeSuiteFixture();
after(() => fixture.remove());
const file = fixture.suiteFile;

const readJson = (...parts: string[]): unknown => JSON.parse(fs.readFileSync(path.join(repoRoot, ...parts), 'utf8'));

describe('loadSuite: defaults', () => {
  it('fills every default of a minimal suite', () => {
    const suite = suiteOf(minimalSuite('attacks: [{ preset: grid }]'), file);
    assert.equal(suite.file, file);
    assert.equal(suite.name, 't');
    assert.equal(suite.batch, 32);
    assert.equal(suite.topK, 5);
    assert.equal('maxSamples' in suite, false);
    assert.equal('thresholds' in suite, false);
    assert.equal('description' in suite, false);
    assert.deepEqual(suite.models, [{ id: 'm', ref: { kind: 'local', dir: path.join(fixture.dir, 'models', 'm') }, engine: 'auto', dtype: 'fp32', device: 'auto' }]);
    assert.deepEqual(suite.datasets, [{ id: 'd', root: path.join(fixture.dir, 'data', 'd'), classes: { kind: 'rule', rule: 'labels' } }]);
    const single = readJson('datasets', 'templates', 'single.json') as { templates: string[] };
    assert.deepEqual(suite.prompts, { templates: single.templates, source: 'single' });
    assert.equal(suite.attacks.length, 1);
    const attack = suite.attacks[0];
    assert.equal(attack?.id, 'grid');
    assert.equal(attack?.name, 'grid');
    assert.equal(attack?.n, 1);
    assert.equal(attack?.seed, 0);
    assert.equal(attack?.ref.kind, 'preset');
    const shipped = readJson('attacks', 'presets', 'grid.json') as { text: unknown; sweep: unknown };
    if (attack?.ref.kind === 'preset') {
      assert.deepEqual(attack.ref.preset.text, shipped.text);
      assert.deepEqual(attack.ref.preset.sweep, shipped.sweep);
    }
  });

  it('has no attacks and no thresholds unless given', () => {
    const suite = suiteOf(minimalSuite(), file);
    assert.deepEqual(suite.attacks, []);
  });

  it('keeps what the suite gives over the defaults', () => {
    const text = minimalSuite(
      [
        'description: d',
        'batch: 8',
        'topK: 1',
        'maxSamples: 3',
        'attacks:',
        '  - { preset: openai-sticker, id: s, n: 3, seed: 7, text: { strategy: fixed, text: iPod } }',
        'thresholds: { maxDrop: 0.1, perAttack: { s: { maxAsr: 0.2 } } }',
      ].join('\n'),
    );
    const suite = suiteOf(text, file);
    assert.equal(suite.description, 'd');
    assert.equal(suite.batch, 8);
    assert.equal(suite.topK, 1);
    assert.equal(suite.maxSamples, 3);
    assert.deepEqual(suite.thresholds, { maxDrop: 0.1, perAttack: { s: { maxAsr: 0.2 } } });
    const attack = suite.attacks[0];
    assert.deepEqual([attack?.id, attack?.name, attack?.n, attack?.seed], ['s', 'openai-sticker', 3, 7]);
    assert.ok(attack?.ref.kind === 'preset');
    assert.deepEqual(attack.ref.preset.text, { strategy: 'fixed', text: 'iPod' });
    const shipped = readJson('attacks', 'presets', 'openai-sticker.json') as { text: unknown };
    assert.notDeepEqual(shipped.text, attack.ref.preset.text);
  });
});

describe('loadSuite: paths', () => {
  it('resolves local paths against the suite file, whatever the working directory', () => {
    const cwd = process.cwd();
    process.chdir(os.tmpdir());
    try {
      const suite = suiteOf(minimalSuite(), path.relative(os.tmpdir(), file));
      assert.deepEqual(suite.models[0]?.ref, { kind: 'local', dir: path.join(fixture.dir, 'models', 'm') });
      assert.equal(suite.datasets[0]?.root, path.join(fixture.dir, 'data', 'd'));
      assert.equal(suite.file, file);
    } finally {
      process.chdir(cwd);
    }
  });

  it('keeps hub ids as written and takes the repo name as the default id', () => {
    const text = ['name: t', 'models:', '  - path: openai/clip-vit-base-patch32@v1.0', 'datasets:', '  - root: ../data/d'].join('\n');
    const model = suiteOf(text, file).models[0];
    assert.equal(model?.id, 'clip-vit-base-patch32');
    assert.deepEqual(model?.ref, { kind: 'hub', id: 'openai/clip-vit-base-patch32', revision: 'v1.0', explicitRevision: true });
  });

  it('resolves a manifest against the dataset root and class lists against the suite file', () => {
    fixture.write('suites/classes.json', JSON.stringify(['cat', 'dog']));
    const text = ['name: t', 'models:', '  - path: ../models/m', 'datasets:', '  - id: x', '    root: ../data/d', '    manifest: manifest.csv', '    split: test', '    classes: classes.json'].join(
      '\n',
    );
    const dataset = suiteOf(text, file).datasets[0];
    assert.deepEqual(dataset, {
      id: 'x',
      root: path.join(fixture.dir, 'data', 'd'),
      manifest: path.join(fixture.dir, 'data', 'd', 'manifest.csv'),
      split: 'test',
      classes: { kind: 'names', names: ['cat', 'dog'], source: path.join(fixture.dir, 'suites', 'classes.json') },
    });
  });

  it('reads a shipped class list and keeps an inline one', () => {
    const text = ['name: t', 'models:', '  - path: ../models/m', 'datasets:', '  - { root: ../data/d, classes: tiny }', '  - { root: ../data/d, id: e, classes: [cat, dog] }'].join('\n');
    const [shipped, inline] = suiteOf(text, file).datasets;
    const tiny = readJson('datasets', 'classnames', 'tiny.json') as { classNames: string[] };
    assert.deepEqual(shipped?.classes, { kind: 'names', names: tiny.classNames, source: path.join(repoRoot, 'datasets', 'classnames', 'tiny.json') });
    assert.deepEqual(inline?.classes, { kind: 'names', names: ['cat', 'dog'], source: 'inline' });
  });

  it('loads preset and spec files relative to the suite file', () => {
    const preset = readJson('attacks', 'presets', 'self-gen-band.json') as Record<string, unknown>;
    fixture.write('suites/attacks/mine.json', JSON.stringify({ ...preset, name: 'mine' }));
    fixture.write('suites/attacks/word.json', JSON.stringify({ text: 'iPod' }));
    const text = minimalSuite(['attacks:', '  - preset: attacks/mine.json', '  - preset: ./attacks/word.json', '    n: 2'].join('\n'));
    const [mine, word] = suiteOf(text, file).attacks;
    assert.equal(mine?.id, 'mine');
    assert.equal(mine?.ref.kind, 'preset');
    assert.equal(mine?.ref.file, path.join(fixture.dir, 'suites', 'attacks', 'mine.json'));
    assert.equal(word?.id, 'word');
    assert.equal(word?.ref.kind, 'spec');
    assert.equal(word?.ref.kind === 'spec' ? word.ref.spec.text : undefined, 'iPod');
  });

  it('refuses a text override on a single spec file, and an invalid preset file', () => {
    fixture.write('suites/word.json', JSON.stringify({ text: 'iPod' }));
    fixture.write('suites/broken.json', JSON.stringify({ name: 'broken', description: 'x', source: 'y', text: { strategy: 'randomWrongClass' }, spec: { opacity: 3 } }));
    const text = minimalSuite(['attacks:', '  - preset: word.json', '    text: { strategy: randomWrongClass }', '  - preset: broken.json'].join('\n'));
    const issues = issuesOf(text, file);
    assert.deepEqual(
      issues.map((i) => i.path),
      ['attacks[0].text', 'attacks[1].preset'],
    );
    assert.match(issues[0]?.message ?? '', /is for presets; .*word\.json is a single attack spec/);
    assert.match(issues[1]?.message ?? '', /opacity/);
  });

  it('derives an id from a folder name with spaces', () => {
    fixture.write('data/my data/manifest.csv', 'path,label\n');
    const text = ['name: t', 'models:', '  - path: ../models/m', 'datasets:', '  - root: ../data/my data'].join('\n');
    assert.equal(suiteOf(text, file).datasets[0]?.id, 'my-data');
  });

  it('resolves a builtin dataset to its place in the cache, with the size and split given', () => {
    const text = ['name: t', 'models:', '  - path: ../models/m', 'datasets:', '  - { builtin: emoji, size: 112, split: heldout }'].join('\n');
    const dataset = suiteOf(text, file).datasets[0];
    assert.deepEqual(dataset?.builtin, { name: 'emoji', size: 112 });
    assert.equal(dataset?.id, 'emoji');
    assert.equal(dataset?.split, 'heldout');
    assert.equal(dataset?.manifest, path.join(dataset?.root ?? '', 'manifest.csv'));
    assert.match(path.basename(dataset?.root ?? ''), /^emoji-[0-9a-f]{12}$/);
    const otherSize = suiteOf(text.replace('size: 112', 'size: 64'), file).datasets[0];
    assert.notEqual(otherSize?.root, dataset?.root);
  });

  it('refuses a dataset with both root and builtin, or neither, and a builtin with a manifest or a bad size', () => {
    const entry = (yaml: string) => ['name: t', 'models:', '  - path: ../models/m', 'datasets:', `  - ${yaml}`].join('\n');
    assert.match(onlyIssueOf(entry('{ root: ../data/d, builtin: emoji }'), file).message, /exactly one of root .* or builtin/);
    assert.match(onlyIssueOf(entry('{ split: test }'), file).message, /must be a folder \(or give hf: org\/name or builtin: emoji instead\)/);
    assert.equal(onlyIssueOf(entry('{ builtin: emoji, manifest: m.csv }'), file).path, 'datasets[0].manifest');
    assert.equal(onlyIssueOf(entry('{ builtin: emoji, size: 8 }'), file).path, 'datasets[0].size');
    assert.equal(onlyIssueOf(entry('{ builtin: mnist }'), file).path, 'datasets[0].builtin');
    assert.equal(onlyIssueOf(entry('{ root: ../data/d, size: 64 }'), file).path, 'datasets[0].size');
  });

  it('refuses a split without a manifest', () => {
    const issue = onlyIssueOf(['name: t', 'models:', '  - path: ../models/m', 'datasets:', '  - { root: ../data/d, split: test }'].join('\n'), file);
    assert.equal(issue.path, 'datasets[0].split');
  });

  it('loadSuite reads the file; a missing file is a ConfigError naming it', () => {
    const written = fixture.write('suites/ok.yaml', minimalSuite());
    assert.equal(loadSuite(written).name, 't');
    assert.throws(
      () => loadSuite(path.join(fixture.dir, 'nope.yaml')),
      (error: unknown) => error instanceof ConfigError && /Cannot read suite file '.*nope\.yaml': no such file\./.test(error.message),
    );
  });
});
