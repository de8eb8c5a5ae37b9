import { isDeepStrictEqual } from 'node:util';
import { AttackError } from '../../errors/AttackError.js';
import { createRng, type Rng } from '../random/createRng.js';
import { attackSpecSchema, type AttackSpec } from '../spec/attackSpecSchema.js';
import { formatIssues } from '../spec/parseAttackSpec.js';
import { chooseTexts, type TextChoiceContext } from '../strategies/chooseTexts.js';
import type { AttackPreset, Distribution } from './presetSchema.js';
import { setSpecPath } from './setSpecPath.js';

const MAX_REDRAWS = 100;

function draw(distribution: Distribution, rng: Rng): unknown {
  if ('oneOf' in distribution) return rng.pick(distribution.oneOf);
  if ('uniformInt' in distribution) return rng.int(distribution.uniformInt[0], distribution.uniformInt[1]);
  const [lo, hi] = distribution.uniform;
  return lo + rng.next() * (hi - lo);
}

/** One draw of every `vary` field, redrawing the second field of each `distinct` pair until they differ. */
function drawVaried(preset: AttackPreset, seed: number): Map<string, unknown> {
  const rng = createRng(seed, `preset/${preset.name}/vary`);
  const values = new Map<string, unknown>();
  for (const [path, distribution] of Object.entries(preset.vary)) values.set(path, draw(distribution, rng));
  for (const [first, second] of preset.distinct) {
    const distribution = preset.vary[second] as Distribution;
    for (let tries = 0; isDeepStrictEqual(values.get(first), values.get(second)); tries++) {
      if (tries >= MAX_REDRAWS) throw new AttackError(`Preset '${preset.name}': cannot draw ${second} different from ${first}; widen its choices.`, preset.name);
      values.set(second, draw(distribution, rng));
    }
  }
  return values;
}

/** The sweep's grid points, first field slowest; a single empty point when there is no sweep. */
function sweepPoints(preset: AttackPreset): Array<Array<[string, unknown]>> {
  let points: Array<Array<[string, unknown]>> = [[]];
  for (const [path, values] of Object.entries(preset.sweep)) {
    points = points.flatMap((point) => (values as unknown[]).map((v): Array<[string, unknown]> => [...point, [path, v]]));
  }
  return points;
}

/**
 * The attack specs a preset gives for one image: one per chosen text (see
 * chooseTexts) and per sweep point, with the `vary` fields drawn once from
 * `context.seed` and shared by all of them (a paired design: a sweep changes
 * only the swept fields). Each spec's `origin` names the preset, the seed and
 * its "textIndex/sweepIndex" path.
 */
export function expandPreset(preset: AttackPreset, context: TextChoiceContext): AttackSpec[] {
  const texts = chooseTexts(preset.text, context);
  const varied = drawVaried(preset, context.seed);
  const points = sweepPoints(preset);
  return texts.flatMap((text, ti) =>
    points.map((point, si) => {
      let raw: Record<string, unknown> = { ...preset.spec, text };
      for (const [path, value] of [...varied, ...point]) raw = setSpecPath(raw, path, value);
      raw['origin'] = { generator: 'preset', name: preset.name, seed: context.seed, path: `${ti}/${si}` };
      const result = attackSpecSchema.safeParse(raw);
      if (!result.success) throw new AttackError(`Preset '${preset.name}' gave an invalid spec for text ${JSON.stringify(text)}: ${formatIssues(result.error)}`, preset.name);
      return result.data;
    }),
  );
}
