// An example program that uses only stroop's public entry point (src/index.ts, the package's
// "exports"), as a user's own code would: audit a suite, then write a typographic property.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import * as stroop from '../../src/index.js';
import { auditSuite, openZeroShotClassifier, readImageFile, renderAttack, StroopError, SuiteError, toRgba, topOneSurvivesAttacks, type AttackSpec } from '../../src/index.js';
import { repoRoot } from '../helpers/paths.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-library-'));
before(() => {
  process.env['STROOP_CACHE_DIR'] = path.join(work, 'cache');
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the package entry', () => {
  test('resolves by the package name to the same module (package.json exports)', async () => {
    const packageName = 'stroop'; // a variable, so that tsc does not resolve it at build time (dist/ does not exist yet)
    const byName = (await import(packageName)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(byName).sort(), Object.keys(stroop).sort());
  });

  test('exports the error hierarchy: the errors stroop throws are StroopErrors', () => {
    for (const ErrorClass of [stroop.UsageError, stroop.ConfigError, stroop.ModelLoadError, stroop.ImageError, stroop.EngineError, stroop.AttackError, stroop.RunError]) {
      assert.ok(ErrorClass.prototype instanceof StroopError, ErrorClass.name);
    }
    assert.ok(SuiteError.prototype instanceof stroop.ConfigError);
  });
});

describe('auditSuite', () => {
  test('runs the smoke suite end to end and returns what summary.json holds', async () => {
    const out = path.join(work, 'smoke');
    const audited = await auditSuite(path.join(repoRoot, 'attacks', 'suites', 'smoke.yaml'), { out });
    assert.equal(audited.outDir, out);
    assert.equal(audited.run.rowsWritten, 45);
    const written = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as stroop.RunSummary;
    assert.equal(written.metrics.counts.scored, audited.reports.summary.metrics.counts.scored);
    assert.equal(stroop.summarySchema.safeParse(written).success, true);
    assert.equal(audited.failure, undefined);
    assert.equal(audited.gatesPassed, true);
  });

  test('refuses a suite that does not validate with a SuiteError', async () => {
    const bad = path.join(work, 'bad.yaml');
    fs.writeFileSync(bad, 'name: Not Valid\n');
    await assert.rejects(auditSuite(bad, { out: path.join(work, 'bad') }), SuiteError);
  });
});

describe('topOneSurvivesAttacks', () => {
  test('is a fast-check property whose counterexample, replayed, really changes the top-1', async () => {
    const classes = ['red circle', 'blue square', 'green triangle', 'yellow star', 'purple heart'];
    const classifier = await openZeroShotClassifier({ model: path.join(repoRoot, 'test', 'fixtures', 'clip-tiny'), classes, engine: 'tfjs' });
    try {
      const file = fs.readdirSync(path.join(repoRoot, 'datasets', 'tiny', 'red circle')).sort()[0] as string;
      const decoded = await readImageFile(path.join(repoRoot, 'datasets', 'tiny', 'red circle', file));
      const image = toRgba(decoded);
      const [clean] = await classifier.classify([image]);
      const trueClass = clean?.topK[0]?.label as string;
      assert.ok(classes.includes(trueClass));
      const result = await fc.check(topOneSurvivesAttacks(classifier, { image, trueClass, constraints: { texts: classes.filter((c) => c !== trueClass) } }), { seed: 7, numRuns: 12 });
      if (result.failed) {
        const [spec] = result.counterexample as [AttackSpec];
        const rendered = renderAttack(image, spec, 0);
        assert.equal(rendered.kind, 'rendered');
        const [attacked] = await classifier.classify([rendered.kind === 'rendered' ? rendered.image : image]);
        assert.notEqual(attacked?.topK[0]?.label, trueClass);
      } else {
        assert.ok(result.numRuns > 0, 'some attacks were drawn and classified');
      }
    } finally {
      classifier.dispose();
    }
  });

  test('refuses a true class the classifier does not know', async () => {
    const classifier = await openZeroShotClassifier({ model: path.join(repoRoot, 'test', 'fixtures', 'clip-tiny'), classes: ['cat', 'dog'], engine: 'tfjs' });
    try {
      assert.throws(() => topOneSurvivesAttacks(classifier, { image: { width: 32, height: 32, data: new Uint8Array(32 * 32 * 4) }, trueClass: 'ipod' }), /not one of the classifier's classes/);
    } finally {
      classifier.dispose();
    }
  });
});
