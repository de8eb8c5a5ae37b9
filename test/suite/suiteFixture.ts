import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SuiteIssue } from '../../src/errors/errors.js';
import { SuiteError } from '../../src/errors/errors.js';
import { parseSuite } from '../../src/suite/loadSuite.js';
import type { Suite } from '../../src/suite/suite.js';

/**
 * A temp folder laid out like a project: `models/m/` (a model folder; only its
 * existence is checked), `data/d/` (a dataset with manifest.csv) and `suites/`,
 * where suite texts are parsed as if they were `suites/<name>.yaml`.
 */
export interface SuiteFixture {
  readonly dir: string;
  /** The path a suite text is parsed as. */
  readonly suiteFile: string;
  /** Writes a file under the fixture (POSIX relative path). */
  write(relative: string, content: string): string;
  remove(): void;
}

export function makeSuiteFixture(): SuiteFixture {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-suite-')));
  const write = (relative: string, content: string): string => {
    const file = path.join(dir, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };
  write('models/m/config.json', '{}');
  write('data/d/manifest.csv', 'path,label,split\ncat/0.png,cat,test\n');
  fs.mkdirSync(path.join(dir, 'suites'), { recursive: true });
  return { dir, suiteFile: path.join(dir, 'suites', 'suite.yaml'), write, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A valid suite over the fixture, with `extra` lines appended (YAML, top level). */
export function minimalSuite(extra = ''): string {
  return ['name: t', 'models:', '  - path: ../models/m', 'datasets:', '  - root: ../data/d', extra].join('\n');
}

/** The SuiteError issues `text` gives; fails the test when it parses. */
export function issuesOf(text: string, file: string): readonly SuiteIssue[] {
  try {
    parseSuite(text, file);
  } catch (error) {
    assert.ok(error instanceof SuiteError, `expected a SuiteError, got ${String(error)}`);
    return error.issues;
  }
  assert.fail('expected the suite to be refused');
}

/** The only issue `text` gives. */
export function onlyIssueOf(text: string, file: string): SuiteIssue {
  const issues = issuesOf(text, file);
  assert.equal(issues.length, 1, JSON.stringify(issues, null, 1));
  return issues[0] as SuiteIssue;
}

/** Parses `text` as a suite, failing the test with the error's message when it is refused. */
export function suiteOf(text: string, file: string): Suite {
  return parseSuite(text, file);
}

/**
 * 1-based line and column of the `occurrence`-th (1-based) match of `needle` in `text`,
 * counted here from the text itself, independently of the code under test.
 */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${JSON.stringify(needle)} (occurrence ${occurrence}) is not in the text`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}
