import { z } from 'zod';
import { AttackError } from '../../errors/AttackError.js';
import { fontFamilies } from '../fonts/fontCatalog.js';
import { formatIssues } from '../spec/parseAttackSpec.js';
import { attackSpecSchema } from '../spec/attackSpecSchema.js';
import { colourSchema, intIn, numberIn } from '../spec/schemaParts.js';

/** The eight colours of the Defense-Prefix recipe. */
export const recipeColours = ['white', 'blue', 'green', 'red', 'magenta', 'cyan', 'yellow', 'black'] as const;

const fontFamilySchema = attackSpecSchema.shape.font.unwrap().shape.family.unwrap();
const rangeOf = (min: number, max: number) =>
  z.tuple([numberIn(min, max), numberIn(min, max)]).refine(([lo, hi]) => lo <= hi, { error: 'must be [min, max] with min <= max' });

/**
 * Bounds for every field `attackSpecArb` draws. The first item of each list is
 * where the shrinker goes, so put the weakest choice first.
 */
export const attackConstraintsSchema = z.strictObject({
  /** Candidate texts (e.g. the wrong classes); default ["iPod"]. */
  texts: z.array(z.string().max(200)).min(1).default(['iPod']),
  /** Candidate font families; default every bundled family. */
  families: z.array(fontFamilySchema).min(1).default([...fontFamilies]),
  /** Candidate fill/stroke/sticker colours; default the eight recipe colours. */
  colours: z.array(colourSchema).min(1).default([...recipeColours]),
  /** Font size as a fraction of the image's short side, in steps of 0.01, within [0.01, 1]. */
  sizeFraction: rangeOf(0.01, 1).default([0.05, 0.5]),
  /** Text opacity, in steps of 0.05, within [0, 1]. */
  opacity: rangeOf(0, 1).default([0.1, 1]),
  /** Most copies of the text, in [1, 64]. */
  maxRepeat: intIn(1, 64).default(4),
  /** Largest rotation either way, whole degrees in [0, 180]. */
  maxRotationDeg: intIn(0, 180, 'degrees').default(30),
  /** Widest stroke, whole px in [0, 50]. */
  maxStrokePx: intIn(0, 50, 'px').default(3),
  /** Whether stickers may be drawn. */
  sticker: z.boolean().default(true),
  /** Whether letter case and spelling perturbations may be drawn. */
  perturbations: z.boolean().default(true),
  /** `anywhere`: the block may sit anywhere (shrinking moves it toward an edge); `centre`: always centred. */
  placement: z.enum(['anywhere', 'centre']).default('anywhere'),
});

export type AttackConstraints = z.output<typeof attackConstraintsSchema>;
export type AttackConstraintsInput = z.input<typeof attackConstraintsSchema>;

/** Validates generator constraints and fills in the defaults; throws AttackError naming each bad field. */
export function parseAttackConstraints(value: AttackConstraintsInput = {}): AttackConstraints {
  const result = attackConstraintsSchema.safeParse(value);
  if (!result.success) throw new AttackError(`Invalid attack constraints: ${formatIssues(result.error)}`, 'constraints', { cause: result.error });
  return result.data;
}
