import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stroopTinyGenerations } from '../../src/train/trainingRecipe.js';

/** The built batch emitter of the same build as this test. */
const emitter = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'emitTrainingBatches.js');
const emit = (...args: string[]) => spawnSync(process.execPath, [emitter, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('emitTrainingBatches options', () => {
  it('--help prints the usage, naming every generation', () => {
    const result = emit('--help');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Usage: /);
    assert.ok(result.stdout.includes(`--generation ${stroopTinyGenerations.join('|')}`), result.stdout);
  });

  for (const [args, message] of [
    [['--generation', 'v9'], new RegExp(`--generation must be one of ${stroopTinyGenerations.join(', ')}, got 'v9'`)],
    [['--variant', 'both'], /--variant must be one of reading, control, got 'both'/],
    [['--steps', '1.5'], /--steps must be a whole number >= 1, got '1.5'/],
    [['--bogus'], /Unknown option '--bogus'/],
  ] as const) {
    it(`${args.join(' ')}: exits 2 with the option's error and the usage, no stack trace`, () => {
      const result = emit(...args);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /Usage: /);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
      assert.equal(result.stdout, '');
    });
  }
});
