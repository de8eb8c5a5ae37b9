import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { replayAttackSpec } from '../../src/attacks/attackSpecArb.js';
import type { DecodedImage } from '../../src/image/decodedImage.js';
import { solidRgbaImage } from '../../src/image/rgbaImage.js';
import { AttackOracle, type OracleTarget } from '../../src/search/AttackOracle.js';
import { findMinimalAttack } from '../../src/search/findMinimalAttack.js';
import { measureMargins } from '../../src/search/measureMargins.js';

/** Share of pixels an attack changed on a white image. */
function inkOf(image: DecodedImage): number {
  const channels = image.data.length / (image.width * image.height);
  let changed = 0;
  for (let p = 0; p < image.width * image.height; p++) {
    for (let c = 0; c < Math.min(3, channels); c++) {
      if (image.data[p * channels + c] !== 255) {
        changed += 1;
        break;
      }
    }
  }
  return changed / (image.width * image.height);
}

/**
 * A stand-in model with two classes: "clean", and "ink" once an attack changes more than
 * `threshold` of the pixels. Its embedding is [threshold, ink], so top-1 is class 1 iff ink > threshold.
 */
function inkModel(threshold: number, size = 64): OracleTarget & { calls: () => number } {
  let calls = 0;
  return {
    image: solidRgbaImage(size, size),
    renderSeed: 7,
    cleanTop1: { index: 0, probability: 1 },
    top1Of: (e) => ((e[1] as number) > (e[0] as number) ? { index: 1, probability: 1 } : { index: 0, probability: 1 }),
    embed: async (_key, image) => {
      calls += 1;
      return { embedding: Float32Array.of(threshold, inkOf(image())), computed: true };
    },
    calls: () => calls,
  };
}

const constraints = { texts: ['ink', 'INK'], families: ['DejaVu Sans', 'Liberation Serif'], sticker: false, perturbations: false, maxRotationDeg: 0, maxStrokePx: 0, sizeFraction: [0.05, 0.6] as [number, number] };

describe('findMinimalAttack', () => {
  it('finds an attack that flips, shrunk so that one size step smaller no longer does, and replays it from seed and path', async () => {
    const target = inkModel(0.03);
    const oracle = new AttackOracle(target, 10_000);
    const found = await findMinimalAttack(oracle, constraints, { seed: 11, numRuns: 100 });
    assert.ok(found.minimal !== undefined && found.path !== undefined, 'a counterexample');
    const minimal = found.minimal;
    assert.equal((await oracle.evaluate(minimal)).flipped, true);
    const smaller = { ...minimal, size: { ...minimal.size, value: Math.round(100 * minimal.size.value - 1) / 100 } };
    assert.equal((await new AttackOracle(inkModel(0.03), 10).evaluate(smaller)).flipped, false, 'one step smaller holds');
    assert.equal(minimal.repeat <= 4, true);
    const { origin, ...replayed } = replayAttackSpec(constraints, { seed: 11, path: found.path });
    assert.deepEqual(replayed, minimal);
    assert.deepEqual(origin, { generator: 'attackSpecArb', seed: 11, path: found.path });
    assert.ok(oracle.images <= oracle.renders && oracle.renders <= oracle.evaluations, 'memory saves renders and embeddings');
    assert.equal(target.calls(), oracle.images, 'each distinct image embedded once');
  });

  it('remembers answers: an attack asked about twice is drawn once, and two attacks that draw the same pixels are embedded once', async () => {
    const target = inkModel(0.03);
    const oracle = new AttackOracle(target, 100);
    const spec = replayAttackSpec(constraints, { seed: 3, path: '0' });
    const first = await oracle.evaluate(spec);
    assert.deepEqual(await oracle.evaluate({ ...spec, origin: { generator: 'file', seed: 0, path: 'x' } }), first, 'origin does not matter');
    assert.deepEqual([oracle.evaluations, oracle.renders, oracle.images], [2, 1, 1]);
    // A stroke of colour X and width 0 draws the same pixels as one of colour Y.
    await oracle.evaluate({ ...spec, stroke: { colour: spec.stroke.colour === 'red' ? 'blue' : 'red', widthPx: 0 } });
    assert.deepEqual([oracle.evaluations, oracle.renders, oracle.images, target.calls()], [3, 2, 1, 1]);
  });

  it('is deterministic: the same seed gives the same minimal attack, path and cost', async () => {
    const run = async () => {
      const oracle = new AttackOracle(inkModel(0.03), 10_000);
      const found = await findMinimalAttack(oracle, constraints, { seed: 5, numRuns: 50 });
      return { found, images: oracle.images, evaluations: oracle.evaluations };
    };
    assert.deepEqual(await run(), await run());
  });

  it('reports nothing found when no attack in the space can flip, after numRuns tries', async () => {
    const oracle = new AttackOracle(inkModel(0.99), 10_000);
    const found = await findMinimalAttack(oracle, constraints, { seed: 1, numRuns: 20 });
    assert.equal(found.minimal, undefined);
    assert.equal(found.runs, 20);
  });

  it('stops evaluating new attacks at the budget: at most maxImages images embedded', async () => {
    const target = inkModel(0.03);
    const oracle = new AttackOracle(target, 3);
    await findMinimalAttack(oracle, constraints, { seed: 11, numRuns: 100 });
    assert.ok(oracle.images <= 3 && target.calls() <= 3, `${oracle.images} images`);
    assert.equal(oracle.budgetSpent, true);
  });

  it('a render failure is rethrown, not taken for a counterexample', async () => {
    const oracle = new AttackOracle(inkModel(0.03, 4), 100);
    await assert.rejects(findMinimalAttack(oracle, constraints, { seed: 1, numRuns: 5 }), /8 px|too small|at least/i);
  });
});

describe('measureMargins', () => {
  it('bisects the size to the tolerance: the flipping value flips, the holding value holds', async () => {
    const oracle = new AttackOracle(inkModel(0.03), 10_000);
    const found = await findMinimalAttack(oracle, constraints, { seed: 11, numRuns: 100 });
    assert.ok(found.minimal !== undefined);
    const margins = await measureMargins(oracle, found.minimal, ['size', 'opacity', 'stickerOpacity', 'centreDistance'], { size: 0.002 });
    const size = margins['size'];
    assert.ok(size?.kind === 'threshold', JSON.stringify(size));
    assert.ok(size.flipping - size.holding <= 0.002 && size.flipping > size.holding);
    const at = (value: number) => oracle.evaluate({ ...found.minimal!, size: { ...found.minimal!.size, value } });
    assert.equal((await at(size.flipping)).flipped, true);
    assert.equal((await at(size.holding)).flipped, false);
    assert.ok(size.fontSizePx >= 1);
    assert.deepEqual(margins['stickerOpacity'], { kind: 'notApplicable' }, 'the space draws no sticker');
    assert.ok(margins['opacity'] !== undefined && margins['centreDistance'] !== undefined);
  });

  it('refuses an unknown parameter, naming the valid ones', async () => {
    const oracle = new AttackOracle(inkModel(0.03), 100);
    const found = await findMinimalAttack(oracle, constraints, { seed: 11, numRuns: 100 });
    await assert.rejects(measureMargins(oracle, found.minimal!, ['fontWeight'], {}), /Unknown margin parameter 'fontWeight'. Valid parameters: size, opacity, stickerOpacity, centreDistance/);
  });
});
