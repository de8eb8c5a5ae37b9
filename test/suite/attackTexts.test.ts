import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { SuiteError } from '../../src/errors/errors.js';
import { checkDrawnClassNames } from '../../src/suite/checkDrawnClassNames.js';
import { repoRoot } from '../helpers/paths.js';
import { issuesOf, makeSuiteFixture, minimalSuite, onlyIssueOf, positionOf, suiteOf } from './suiteFixture.js';

const fixture = makeSuiteFixture();
after(() => fixture.remove());
const file = fixture.suiteFile;

const long = 'x'.repeat(201);
const controlMessage = 'must not contain control characters other than "\\n"';

/** A suite over the fixture's model and `dataset` (YAML lines of one dataset entry), with `attack` (YAML lines of one attack entry). */
function suiteWith(dataset: readonly string[], attack: readonly string[], extra: readonly string[] = []): string {
  return ['name: t', 'models:', '  - path: ../models/m', 'datasets:', ...dataset, 'attacks:', ...attack, ...extra].join('\n');
}

describe('suite check: the texts an attack writes are refused where they are written', () => {
  it('a listed text with a tab, at the item, with its line and column', () => {
    const text = minimalSuite(['attacks:', '  - preset: defense-prefix', '    text: {strategy: list, items: ["ok", "a\\tb"]}'].join('\n'));
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'attacks[0].text.items[1]');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, '"a\\tb"'));
    assert.equal(issue.message, `${controlMessage}; found "a\\tb"`);
  });

  it('a fixed text over 200 characters, and one with a NUL', () => {
    const tooLong = onlyIssueOf(minimalSuite(['attacks:', '  - preset: defense-prefix', `    text: {strategy: fixed, text: ${long}}`].join('\n')), file);
    assert.equal(tooLong.path, 'attacks[0].text.text');
    assert.match(tooLong.message, /^must be at most 200 characters; found "x{60}\.\.\."$/);
    const nul = onlyIssueOf(minimalSuite(['attacks:', '  - preset: defense-prefix', '    text: {strategy: fixed, text: "a\\0"}'].join('\n')), file);
    assert.equal(nul.message, `${controlMessage}; found "a\\u0000"`);
  });

  it('a line break is allowed (it breaks the written text into lines)', () => {
    const suite = suiteOf(minimalSuite(['attacks:', '  - preset: defense-prefix', '    text: {strategy: fixed, text: "great\\nwhite"}'].join('\n')), file);
    const ref = suite.attacks[0]?.ref;
    assert.ok(ref?.kind === 'preset');
    assert.deepEqual(ref.preset.text, { strategy: 'fixed', text: 'great\nwhite' });
  });

  it('a preset file whose list holds a tab, at the preset', () => {
    const preset = JSON.parse(fs.readFileSync(path.join(repoRoot, 'attacks', 'presets', 'defense-prefix.json'), 'utf8')) as Record<string, unknown>;
    fixture.write('suites/tabbed.json', JSON.stringify({ ...preset, name: 'tabbed', text: { strategy: 'list', items: ['ok', 'a\tb'] } }));
    const issue = onlyIssueOf(minimalSuite(['attacks:', '  - preset: tabbed.json'].join('\n')), file);
    assert.equal(issue.path, 'attacks[0].preset');
    assert.match(issue.message, /text\.items\.1: must not contain control characters/);
  });

  it('search texts with a control character', () => {
    const text = minimalSuite(['search:', '  texts: ["ok", "a\\u001bb"]'].join('\n'));
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'search.texts[1]');
    assert.equal(issue.message, `${controlMessage}; found "a\\u001bb"`);
  });

  it('mostConfusable, which a run cannot draw (it needs a ranking no run computes)', () => {
    const text = minimalSuite(['attacks:', '  - preset: defense-prefix', '    text: {strategy: mostConfusable}'].join('\n'));
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'attacks[0].text.strategy');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, 'mostConfusable'));
    assert.match(issue.message, /needs a confusion ranking/);
  });
});

describe('suite check: class names that an attack draws must be attack texts', () => {
  const inline = (names: string) => ['  - root: ../data/d', `    classes: ${names}`];

  it('a listed class name over 200 characters, with an attack that writes wrong classes, at the name', () => {
    const text = suiteWith(inline(`[cat, ${long}]`), ['  - preset: defense-prefix', '    text: {strategy: everyWrongClass}']);
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'datasets[0].classes[1]');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, long));
    assert.match(issue.message, /^class name "x{60}\.\.\." \(class 2\) would be written on images by attack 'defense-prefix' \(everyWrongClass\), and an attack text must be at most 200 characters; rename the class/);
  });

  it('the same name is fine when no attack writes class names (fixed or list texts, no attacks)', () => {
    suiteOf(suiteWith(inline(`[cat, ${long}]`), ['  - preset: defense-prefix', '    text: {strategy: fixed, text: iPod}']), file);
    suiteOf(minimalSuite().replace('  - root: ../data/d', inline(`[cat, ${long}]`).join('\n')), file);
  });

  it('a class file with a name holding a tab, at classes, naming the file and the class; and the search draws too', () => {
    const list = fixture.write('suites/names.json', JSON.stringify(['cat', 'a\tb']));
    const text = suiteWith(inline('names.json'), ['  - preset: openai-sticker', '    text: {strategy: list, items: [iPod]}'], ['search: {texts: wrongClasses}']);
    const issue = onlyIssueOf(text, file);
    assert.equal(issue.path, 'datasets[0].classes');
    assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, 'names.json'));
    assert.ok(issue.message.includes(`"a\\tb" (class 2 of ${list}) would be written on images by the search (texts: wrongClasses)`), issue.message);
  });

  it('ten bad names are listed one by one, the rest counted', () => {
    const names = Array.from({ length: 13 }, (_, i) => `"n${i}\\t"`);
    const issues = issuesOf(suiteWith(inline(`[cat, ${names.join(', ')}]`), ['  - preset: defense-prefix']), file);
    assert.equal(issues.length, 11);
    assert.equal(issues[10]?.message, 'and 3 more class names that cannot be written as attack texts, the same way');
  });
});

describe('checkDrawnClassNames: labels read from a dataset, before a run', () => {
  const longLabel = 'y'.repeat(250);
  fixture.write('data/long/manifest.csv', `path,label\na.png,cat\nb.png,${longLabel}\n`);
  const write = (text: string) => {
    fs.writeFileSync(file, text);
    return suiteOf(text, file);
  };

  it('refuses a manifest label over 200 characters that an attack draws, at the dataset, naming the manifest', async () => {
    const text = suiteWith(['  - root: ../data/long', '    manifest: manifest.csv'], ['  - preset: defense-prefix', '    text: {strategy: everyWrongClass}']);
    const suite = write(text);
    await assert.rejects(checkDrawnClassNames(suite, 'suite.yaml'), (error: unknown) => {
      assert.ok(error instanceof SuiteError, String(error));
      const issue = error.issues[0];
      assert.equal(error.issues.length, 1);
      assert.equal(issue?.path, 'datasets[0].classes');
      assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, 'root: ../data/long'));
      assert.ok(issue.message.includes(`(a label in ${fixture.dir}/data/long/manifest.csv) would be written on images by attack 'defense-prefix' (everyWrongClass)`), issue.message);
      assert.match(error.message, /^suite\.yaml:\d+:\d+: datasets\[0\]\.classes: class name "y{60}\.\.\."/);
      return true;
    });
  });

  it('passes when no attack draws classes; with one, a bad label anywhere in the dataset is refused, whatever the cap on samples', async () => {
    await checkDrawnClassNames(write(suiteWith(['  - root: ../data/long', '    manifest: manifest.csv'], ['  - preset: openai-sticker', '    text: {strategy: fixed, text: iPod}'])), 'suite.yaml');
    const drawing = write(suiteWith(['  - root: ../data/long', '    manifest: manifest.csv'], ['  - preset: defense-prefix']));
    // The bad label is the second sample's: a run capped at one sample still classifies over it.
    await assert.rejects(checkDrawnClassNames(drawing, 'suite.yaml'), SuiteError);
  });
});

describe('suite check: a NUL in a path is refused at the path, before the file system is asked', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ['models[0].path', 'name: t\nmodels:\n  - path: "../models/m\\0x"\ndatasets:\n  - root: ../data/d', '"../models/m\\0x"'],
    ['datasets[0].root', 'name: t\nmodels:\n  - path: ../models/m\ndatasets:\n  - root: "../data/d\\0"', '"../data/d\\0"'],
    ['datasets[0].manifest', minimalSuite().replace('root: ../data/d', 'root: ../data/d\n    manifest: "m\\0.csv"'), '"m\\0.csv"'],
    ['datasets[0].classes', minimalSuite().replace('root: ../data/d', 'root: ../data/d\n    classes: "c\\0.json"'), '"c\\0.json"'],
    ['prompts.templates', minimalSuite('prompts: {templates: "t\\0.json"}'), '"t\\0.json"'],
    ['attacks[0].preset', minimalSuite('attacks: [{preset: "p\\0.json"}]'), '"p\\0.json"'],
  ];
  for (const [where, text, written] of cases) {
    it(where, () => {
      const issue = onlyIssueOf(text, file);
      assert.equal(issue.path, where);
      assert.deepEqual({ line: issue.line, column: issue.column }, positionOf(text, written));
      assert.match(issue.message, /^must not contain a NUL character \(\\0\): no file or folder can have one in its name; found ".*\\u0000.*"$/);
    });
  }
});
