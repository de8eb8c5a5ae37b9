import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { repoRoot, buildRoot } from '../helpers/paths.js';
import { makeSuiteFixture } from './suiteFixture.js';

const dist = (...parts: string[]) => JSON.stringify(pathToFileURL(path.join(buildRoot, ...parts)).href);

/** Runs `stroop suite ...` in a child process through yargs and the CLI's exit-code mapping, as main.ts does once it registers the command. */
function runSuiteCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = `
    import yargs from 'yargs';
    const { suiteCommand } = await import(${dist('src', 'cli', 'commands', 'suite.js')});
    const { exitCodeFor } = await import(${dist('src', 'cli', 'exitCodes.js')});
    try {
      await yargs(process.argv.slice(1)).command(suiteCommand).strict().demandCommand(1).fail(false).parseAsync();
    } catch (error) {
      process.stderr.write('stroop: ' + error.message + '\\n');
      process.exitCode = exitCodeFor(error);
    }`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', ...args], { encoding: 'utf8', cwd: repoRoot });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fixture = makeSuiteFixture();
after(() => fixture.remove());

describe('stroop suite', () => {
  it('schema prints the committed JSON Schema', () => {
    const r = runSuiteCli(['suite', 'schema']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, fs.readFileSync(path.join(repoRoot, 'attacks', 'suites', 'suite.schema.json'), 'utf8'));
  });

  it('check prints the resolved suite as JSON', () => {
    const r = runSuiteCli(['suite', 'check', 'attacks/suites/smoke.yaml']);
    assert.equal(r.status, 0, r.stderr);
    const suite = JSON.parse(r.stdout) as { name: string; file: string; models: Array<{ ref: { dir: string } }> };
    assert.equal(suite.name, 'smoke');
    assert.equal(suite.file, path.join(repoRoot, 'attacks', 'suites', 'smoke.yaml'));
    assert.equal(suite.models[0]?.ref.dir, path.join(repoRoot, 'models', 'clip-tiny-random'));
  });

  it('check of a bad suite exits 2 with one file:line:column line per problem', () => {
    const bad = fixture.write('suites/bad.yaml', ['name: t', 'models:', '  - path: ../models/m', '    dtype: fp64', 'datasets:', '  - root: ../data/d', 'batch: 0'].join('\n'));
    const r = runSuiteCli(['suite', 'check', bad]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.deepEqual(r.stderr.trimEnd().split('\n'), [
      `stroop: ${bad}:4:12: models[0].dtype: must be one of fp32, fp16, q8; found "fp64"`,
      `${bad}:7:8: batch: must be a whole number in [1, 4096]; found 0`,
    ]);
  });
});
