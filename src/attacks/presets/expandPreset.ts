import { isDeepStrictEqual } from 'node:util';
import { AttackError } from '../../errors/errors.js';
import { createRng, type Rng } from '../createRng.js';
import { attackSpecSchema, formatIssues, type AttackOrigin, type AttackSpec } from '../attackSpec.js';
import { chooseTexts, type TextChoiceContext } from '../textChoice.js';
import { setSpecPath, type AttackPreset, type Distribution } from './attackPreset.js';

const MAX_REDRAWS = 100;
/** Validated templates kept per preset (a preset drawing from a continuous range would otherwise grow without bound). */
const MAX_TEMPLATES = 4096;

/** A drawn value and a key that names it among its distribution's values (the option's index, or the number). */
interface Drawn {
  readonly value: unknown;
  readonly key: string;
}

function numberKey(n: number): string {
  return Object.is(n, -0) ? '-0' : String(n);
}

function draw(distribution: Distribution, rng: Rng): Drawn {
  if ('oneOf' in distribution) {
    const value = rng.pick(distribution.oneOf);
    return { value, key: `#${distribution.oneOf.indexOf(value)}` };
  }
  if ('uniformInt' in distribution) {
    const value = rng.int(distribution.uniformInt[0], distribution.uniformInt[1]);
    return { value, key: numberKey(value) };
  }
  const [lo, hi] = distribution.uniform;
  const value = lo + rng.next() * (hi - lo);
  return { value, key: numberKey(value) };
}

/** One draw of every `vary` field, redrawing the second field of each `distinct` pair until they differ. */
function drawVaried(preset: AttackPreset, seed: number): Map<string, Drawn> {
  const rng = createRng(seed, `preset/${preset.name}/vary`);
  const drawn = new Map<string, Drawn>();
  for (const [path, distribution] of Object.entries(preset.vary)) drawn.set(path, draw(distribution, rng));
  for (const [first, second] of preset.distinct) {
    const distribution = preset.vary[second] as Distribution;
    for (let tries = 0; isDeepStrictEqual(drawn.get(first)?.value, drawn.get(second)?.value); tries++) {
      if (tries >= MAX_REDRAWS) throw new AttackError(`Preset '${preset.name}': cannot draw ${second} different from ${first}; widen its choices.`, preset.name);
      drawn.set(second, draw(distribution, rng));
    }
  }
  return drawn;
}

/** The sweep's grid points, first field slowest; a single empty point when there is no sweep. */
function sweepPoints(preset: AttackPreset): Array<Array<[string, unknown]>> {
  let points: Array<Array<[string, unknown]>> = [[]];
  for (const [path, values] of Object.entries(preset.sweep)) {
    points = points.flatMap((point) => values.map((v): Array<[string, unknown]> => [...point, [path, v]]));
  }
  return points;
}

/** The preset's base spec with `fields` set and the given text, as it goes to the schema. */
function rawSpec(preset: AttackPreset, fields: ReadonlyArray<readonly [string, unknown]>, text: string): Record<string, unknown> {
  let raw: Record<string, unknown> = { ...preset.spec, text };
  for (const [path, value] of fields) raw = setSpecPath(raw, path, value);
  return raw;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const templates = new WeakMap<AttackPreset, Map<string, AttackSpec | null>>();

/**
 * The spec for one draw of the preset's fields, validated once and shared
 * (frozen) by every image that draws the same values; null when invalid. Its
 * text is a placeholder and it has no origin: the schema checks those fields on
 * their own, so validity does not depend on them.
 */
function specTemplate(preset: AttackPreset, key: string, fields: ReadonlyArray<readonly [string, unknown]>): AttackSpec | null {
  let cache = templates.get(preset);
  if (cache === undefined) templates.set(preset, (cache = new Map<string, AttackSpec | null>()));
  let template = cache.get(key);
  if (template === undefined) {
    const raw = rawSpec(preset, fields, '');
    delete raw['origin'];
    const result = attackSpecSchema.safeParse(raw);
    template = result.success ? deepFreeze(result.data) : null;
    if (cache.size >= MAX_TEMPLATES) cache.clear();
    cache.set(key, template);
  }
  return template;
}

/** The template with its text and origin, each validated; undefined when either is invalid. Key order as the schema gives it. */
function withTextAndOrigin(template: AttackSpec, text: string, origin: AttackOrigin): AttackSpec | undefined {
  const parsedText = attackSpecSchema.shape.text.safeParse(text);
  const parsedOrigin = attackSpecSchema.shape.origin.safeParse(origin);
  if (!parsedText.success || !parsedOrigin.success) return undefined;
  return { ...template, text: parsedText.data, origin: parsedOrigin.data };
}

/** The whole spec through the schema: the path for invalid specs, whose error names the field. */
function parseInFull(preset: AttackPreset, raw: Record<string, unknown>, text: string, origin: AttackOrigin): AttackSpec {
  const result = attackSpecSchema.safeParse({ ...raw, origin });
  if (!result.success) throw new AttackError(`Preset '${preset.name}' gave an invalid spec for text ${JSON.stringify(text)}: ${formatIssues(result.error)}`, preset.name);
  return result.data;
}

/**
 * The attack specs a preset gives for one image: one per chosen text (see
 * chooseTexts) and per sweep point, with the `vary` fields drawn once from
 * `context.seed` and shared by all of them (a paired design: a sweep changes
 * only the swept fields). Each spec's `origin` names the preset, the seed and
 * its "textIndex/sweepIndex" path. Specs drawn alike share their (frozen)
 * nested objects.
 */
export function expandPreset(preset: AttackPreset, context: TextChoiceContext): AttackSpec[] {
  const texts = chooseTexts(preset.text, context);
  const varied = drawVaried(preset, context.seed);
  const variedFields = [...varied].map(([path, drawn]): [string, unknown] => [path, drawn.value]);
  const variedKey = [...varied.values()].map((drawn) => drawn.key).join(',');
  const points = sweepPoints(preset).map((point, si) => {
    const fields = [...variedFields, ...point];
    return { si, fields, template: specTemplate(preset, `${variedKey}|${si}`, fields) };
  });
  return texts.flatMap((text, ti) =>
    points.map(({ si, fields, template }) => {
      const origin: AttackOrigin = { generator: 'preset', name: preset.name, seed: context.seed, path: `${ti}/${si}` };
      return (template === null ? undefined : withTextAndOrigin(template, text, origin)) ?? parseInFull(preset, rawSpec(preset, fields, text), text, origin);
    }),
  );
}
