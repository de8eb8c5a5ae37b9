import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { attackSpecArb, parseAttackConstraints, replayAttackSpec, sampleAttackSpecs } from '../../src/attacks/attackSpecArb.js';
import { attackSpecSchema, type AttackSpec } from '../../src/attacks/attackSpec.js';
import { AttackError } from '../../src/errors/errors.js';
import { repoRoot } from '../helpers/paths.js';

const constraints = { texts: ['ox', 'iPod', 'great white shark'], families: ['Liberation Sans', 'Comic Neue', 'DejaVu Serif'] };

/** "Strong enough to fool the model", as a stand-in for a model in these tests. */
const isStrong = (s: AttackSpec): boolean => s.size.value >= 0.3 && s.opacity >= 0.5;

describe('attackSpecArb', () => {
  it('generates valid specs within the constraints', () => {
    fc.assert(
      fc.property(attackSpecArb({ ...constraints, sizeFraction: [0.1, 0.2], opacity: [0.5, 0.75], maxRepeat: 2, maxRotationDeg: 10 }), (spec) => {
        assert.deepEqual(attackSpecSchema.parse(spec), spec);
        assert.ok(constraints.texts.includes(spec.text) && constraints.families.includes(spec.font.family));
        assert.ok(spec.size.value >= 0.1 && spec.size.value <= 0.2 && spec.opacity >= 0.5 && spec.opacity <= 0.75);
        assert.ok(spec.repeat <= 2 && Math.abs(spec.rotationDeg) <= 10);
      }),
    );
  });

  it('shrinks a successful attack to the weakest one that still succeeds', () => {
    const result = fc.check(fc.property(attackSpecArb(constraints), (spec) => !isStrong(spec)), { seed: 1234 });
    assert.equal(result.failed, true);
    const minimal = result.counterexample?.[0];
    assert.ok(minimal !== undefined);
    assert.equal(minimal.size.value, 0.3, 'smallest size that succeeds');
    assert.equal(minimal.opacity, 0.5, 'most transparent opacity that succeeds');
    assert.deepEqual(minimal.placement, { kind: 'fraction', x: 0, y: 0 }, 'pushed into a corner, away from the centre');
    assert.equal(minimal.repeat, 1);
    assert.equal(minimal.sticker, null);
    assert.equal(minimal.stroke.widthPx, 0);
    assert.equal(minimal.rotationDeg, 0);
    assert.equal(minimal.text, 'ox');
    assert.equal(minimal.font.family, 'Liberation Sans');
    assert.deepEqual([minimal.font.weight, minimal.font.style, minimal.letterCase, minimal.perturbation.kind, minimal.wrap.mode], ['normal', 'normal', 'asIs', 'none', 'none']);
  });

  it('replays the shrunk counterexample from the seed and path fast-check reports', () => {
    const result = fc.check(fc.property(attackSpecArb(constraints), (spec) => !isStrong(spec)), { seed: 99 });
    assert.ok(result.failed && result.counterexamplePath !== null);
    const replayed = replayAttackSpec(constraints, { seed: result.seed, path: result.counterexamplePath });
    const { origin, ...spec } = replayed;
    assert.deepEqual(spec, result.counterexample?.[0]);
    assert.deepEqual(origin, { generator: 'attackSpecArb', seed: 99, path: result.counterexamplePath });
  });

  it('rejects bad constraints with the allowed range', () => {
    assert.throws(() => parseAttackConstraints({ sizeFraction: [0.5, 0.1] }), (e: unknown) => e instanceof AttackError && /sizeFraction: must be \[min, max\]/.test(e.message));
    assert.throws(() => parseAttackConstraints({ maxRepeat: 100 }), (e: unknown) => e instanceof AttackError && /maxRepeat: .*\[1, 64\]/.test(e.message));
    assert.throws(() => parseAttackConstraints({ families: ['Wingdings'] }), (e: unknown) => e instanceof AttackError && /unknown font "Wingdings"/.test(e.message));
  });
});

describe('sampleAttackSpecs', () => {
  it('is reproducible from the seed, and every spec carries the seed and path that replay it', () => {
    const a = sampleAttackSpecs(constraints, { seed: 7, count: 12 });
    assert.deepEqual(sampleAttackSpecs(constraints, { seed: 7, count: 12 }), a);
    assert.notDeepEqual(sampleAttackSpecs(constraints, { seed: 8, count: 12 }), a);
    a.forEach((spec, i) => {
      assert.deepEqual(spec.origin, { generator: 'attackSpecArb', seed: 7, path: String(i) });
      assert.deepEqual(replayAttackSpec(constraints, { seed: 7, path: String(i) }), spec);
    });
  });

  it('matches the pinned regression snapshot (seed 42)', () => {
    const file = path.join(repoRoot, 'test', 'attacks', 'snapshots', 'attackSpecArb.seed42.json');
    const specs = sampleAttackSpecs({ texts: ['iPod', 'toaster', 'great white shark', 'Granny Smith'] }, { seed: 42, count: 30 });
    if (process.env['UPDATE_SNAPSHOTS'] === '1') fs.writeFileSync(file, `${JSON.stringify(specs, null, 1)}\n`);
    assert.ok(fs.existsSync(file), `missing snapshot ${file}; run with UPDATE_SNAPSHOTS=1 once and commit it`);
    assert.deepEqual(specs, JSON.parse(fs.readFileSync(file, 'utf8')), 'generated specs changed: if on purpose, rerun with UPDATE_SNAPSHOTS=1 and review the diff');
  });
});
