import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { listPresetNames } from '../../src/attacks/presets/loadPreset.js';
import { exitCodeFor } from '../../src/cli/exitCodes.js';
import { ConfigError, SuiteError } from '../../src/errors/errors.js';
import { parseSuite } from '../../src/suite/loadSuite.js';
import { issuesOf, makeSuiteFixture, minimalSuite, onlyIssueOf, positionOf } from './suiteFixture.js';

const fixture = makeSuiteFixture();
after(() => fixture.remove());
const file = fixture.suiteFile;

describe('suite errors: one per problem, with line and column', () => {
  it('an unknown key is placed at the key and lists the allowed keys', () => {
    const text = ['name: t', 'models:', '  - path: ../models/m', '    egnine: tfjs', 'datasets:', '  - root: ../data/d'].join('\n');
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'models[0].egnine');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, 'egnine'));
    assert.match(issue.message, /^unknown key 'egnine'; allowed keys: id, path, engine, dtype, device, threads$/);
  });

  it('a value of the wrong type says what is allowed and what was found', () => {
    const text = minimalSuite('batch: many');
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'batch');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, 'many'));
    assert.equal(issue.message, 'must be a whole number in [1, 4096]; found "many"');
  });

  it('prompts given as a bare set name says how to write it', () => {
    const issue = onlyIssueOf(minimalSuite('prompts: single'), file);
    assert.equal(issue.path, 'prompts');
    assert.equal(issue.message, 'must be a mapping with a templates key, e.g. { templates: single }; found "single"');
  });

  it('a number out of range states the range', () => {
    const text = minimalSuite(['attacks:', '  - preset: grid', '  - preset: openai-sticker', '    n: 0'].join('\n'));
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'attacks[1].n');
    const at = positionOf(text, 'n: 0');
    assert.deepEqual({ line: issue.line, column: issue.column }, { line: at.line, column: at.column + 'n: '.length });
    assert.equal(issue.message, 'must be a whole number in [1, 10000]; found 0');
  });

  it('a threshold outside [0, 1] is refused', () => {
    const text = minimalSuite(['thresholds:', '  perAttack:', '    grid: { maxAsr: 1.5 }', 'attacks: [{ preset: grid }]'].join('\n'));
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'thresholds.perAttack.grid.maxAsr');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, '1.5'));
    assert.equal(issue.message, 'must be a number in [0, 1]; found 1.5');
  });

  it('an unknown preset lists the shipped ones', () => {
    const text = minimalSuite(['attacks:', '  - preset: openai-stiker'].join('\n'));
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'attacks[0].preset');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, 'openai-stiker'));
    assert.ok(issue.message.endsWith('; found "openai-stiker"'), issue.message);
    for (const name of listPresetNames()) assert.ok(issue.message.includes(name), `${name} missing from: ${issue.message}`);
  });

  it('an unknown text strategy lists the strategies', () => {
    const text = minimalSuite(['attacks:', '  - preset: grid', '    text: { strategy: fixd }'].join('\n'));
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'attacks[0].text.strategy');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, 'fixd'));
    assert.equal(issue.message, 'must be one of fixed, randomWrongClass, everyWrongClass, list, mostConfusable; found "fixd"');
  });

  it('a duplicate explicit id is placed at the second id and names the first entry', () => {
    const text = minimalSuite(['attacks:', '  - preset: grid', '    id: a', '  - preset: openai-sticker', '    id: a'].join('\n'));
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'attacks[1].id');
    const at = positionOf(text, 'id: a', 2);
    assert.deepEqual({ line: issue.line, column: issue.column }, { line: at.line, column: at.column + 'id: '.length });
    assert.match(issue.message, /^duplicate id 'a': attacks\[0\] has it too/);
  });

  it('duplicate default ids (the same preset twice, the same model folder twice) are refused', () => {
    const text = ['name: t', 'models:', '  - path: ../models/m', '  - path: ../models/m', 'datasets:', '  - root: ../data/d', 'attacks: [{ preset: grid }, { preset: grid }]'].join('\n');
    const issues = issuesOf(text, file);
    assert.deepEqual(
      issues.map((i) => [i.path, i.line]),
      [
        ['models[1]', 4],
        ['attacks[1]', 7],
      ],
    );
    assert.match(issues[0]?.message ?? '', /^duplicate id 'm' \(its default id\): models\[0\] has it too/);
  });

  it('a missing required key is reported at the mapping that lacks it', () => {
    const text = ['models:', '  - path: ../models/m', 'datasets:', '  - id: x', '    split: test'].join('\n');
    const issues = issuesOf(text, file);
    assert.deepEqual(
      issues.map((i) => [i.path, i.line, i.column, i.message]),
      [
        ['name', 1, 1, 'missing; must be a string'],
        ['datasets[0].root', 4, 5, 'missing; must be a folder (or give hf: org/name or builtin: emoji instead)'],
      ],
    );
  });

  it('an empty value is placed at its key', () => {
    const text = minimalSuite(['attacks:', '  - preset: grid', '    n:'].join('\n'));
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'attacks[0].n');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, 'n:'));
    assert.equal(issue.message, 'must be a whole number in [1, 10000]; found an empty value');
  });

  it('a YAML syntax error has its line and column', () => {
    const text = ['name: t', 'models:', '  - path: ../models/m', '   engine: tfjs'].join('\n');
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, '(YAML syntax)');
    assert.equal(issue.line, 4);
    assert.ok(issue.column >= 1);
  });

  it('a duplicate YAML key is a syntax error at the second key', () => {
    const text = minimalSuite('name: again');
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, '(YAML syntax)');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, 'name: again'));
    assert.match(issue.message, /unique/);
  });

  it('an inline template without {} is refused', () => {
    const text = minimalSuite(['prompts:', '  templates:', '    - a photo of a {}.', '    - a photo'].join('\n'));
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'prompts.templates[1]');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, 'a photo', 2));
    assert.match(issue.message, /^must contain \{\} where the class name goes.*; found "a photo"$/);
  });

  it('a templates file with a template without {} is refused, naming the template', () => {
    fixture.write('suites/bad-templates.json', JSON.stringify(['a photo of a {}.', 'no placeholder']));
    const text = minimalSuite(['prompts:', '  templates: bad-templates.json'].join('\n'));
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'prompts.templates');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, 'bad-templates.json'));
    assert.match(issue.message, /^template 2 of .*bad-templates\.json, "no placeholder", must contain \{\}/);
  });

  it('a search block with a budget of 0, an unknown margin or nothing to shrink is refused with what is allowed', () => {
    const zero = minimalSuite('search: { numRuns: 0 }');
    const budget = onlyIssueOf(zero, file);
    assert.equal(budget.path, 'search.numRuns');
    assert.deepEqual({ line: budget.line, column: budget.column }, positionOf(zero, '0 }'));
    assert.match(budget.message, /whole number in \[1, 100000\] \(a budget of 0 tries nothing\); found 0/);

    const margin = onlyIssueOf(minimalSuite('search: { margins: [size, fontWeight] }'), file);
    assert.equal(margin.path, 'search.margins[1]');
    assert.match(margin.message, /must be one of size, opacity, stickerOpacity, centreDistance; found "fontWeight"/);

    const fixed = minimalSuite('search: { space: { sizeFraction: [0.2, 0.2], opacity: [1, 1], placement: centre, maxRepeat: 1, sticker: false, maxStrokePx: 0, maxRotationDeg: 0 } }');
    const nothing = onlyIssueOf(fixed, file);
    assert.equal(nothing.path, 'search.space');
    assert.match(nothing.message, /has nothing to shrink/);
  });

  it('a missing folder, a missing manifest and an unknown perAttack id are found by resolution', () => {
    const text = [
      'name: t',
      'models:',
      '  - path: ./no-model',
      'datasets:',
      '  - root: ../data/d',
      '    manifest: missing.csv',
      'attacks: [{ preset: grid }]',
      'thresholds:',
      '  perAttack:',
      '    gird: { maxDrop: 0.1 }',
    ].join('\n');
    const issues = issuesOf(text, file);
    assert.deepEqual(
      issues.map((i) => [i.path, i.line, i.column]),
      [
        ['models[0].path', 3, positionOf(text, './no-model').column],
        ['datasets[0].manifest', 6, positionOf(text, 'missing.csv').column],
        ['thresholds.perAttack.gird', 10, positionOf(text, 'gird').column],
      ],
    );
    assert.match(issues[0]?.message ?? '', /^no such folder: .*no-model; must be a model folder/);
    assert.match(issues[1]?.message ?? '', /^no such file: .*data\/d\/missing\.csv/);
    assert.equal(issues[2]?.message, 'names no attack; attack ids: grid');
  });

  it('collects every problem, in source order, one line each in the message', () => {
    const text = ['name: Bad Name', 'models: []', 'datasets:', '  - root: ../data/d', '    classes: [a, a]', 'topK: 0', 'colour: red'].join('\n');
    let error: unknown;
    try {
      parseSuite(text, 'suites/x.yaml');
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof SuiteError);
    assert.deepEqual(
      error.issues.map((i) => `${i.line}:${i.column} ${i.path}`),
      ['1:7 name', '2:9 models', '5:18 datasets[0].classes[1]', '6:7 topK', '7:1 colour'],
    );
    const lines = error.message.split('\n');
    assert.equal(lines.length, 5);
    for (const [i, line] of lines.entries()) assert.ok(line.startsWith(`suites/x.yaml:${error.issues[i]?.line}:${error.issues[i]?.column}: `), line);
    assert.equal(lines[1], 'suites/x.yaml:2:9: models: must list at least one model; found an empty list');
    assert.equal(error.line, 1);
    assert.equal(error.column, 7);
  });

  it('is a ConfigError, so the CLI exits with code 2', () => {
    const issues = issuesOf('name: [', file);
    assert.ok(issues.length >= 1);
    try {
      parseSuite('', file);
      assert.fail('an empty suite parsed');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.path, file);
      assert.equal(exitCodeFor(error), 2);
      assert.match(error.message, /:1:1: \(top level\): must be a mapping \(key: value\); found an empty value$/);
    }
  });
});
