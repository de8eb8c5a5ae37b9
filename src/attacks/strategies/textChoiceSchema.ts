import { z } from 'zod';
import { attackSpecSchema } from '../spec/attackSpecSchema.js';
import { intIn } from '../spec/schemaParts.js';

/**
 * A text a strategy writes as given: the spec's own rule (at most 200 characters, no control
 * characters but "\n"), so a bad text is refused where it is written, not on every image it
 * would be drawn on.
 */
const attackText = attackSpecSchema.shape.text;

/** How the attack word is picked for an image whose true class is known. */
export const textChoiceSchema = z.discriminatedUnion('strategy', [
  /** The same text on every image, e.g. "iPod". */
  z.strictObject({ strategy: z.literal('fixed'), text: attackText }),
  /** One wrong class, drawn uniformly from the seed. */
  z.strictObject({ strategy: z.literal('randomWrongClass') }),
  /** Every wrong class, one attack each, in class-list order. */
  z.strictObject({ strategy: z.literal('everyWrongClass') }),
  /** Texts from a list: each of them (one attack per item) or one drawn from the seed. */
  z.strictObject({ strategy: z.literal('list'), items: z.array(attackText).min(1), pick: z.enum(['each', 'random']).default('each') }),
  /**
   * The wrong classes the supplied ranking scores highest: `count` of them,
   * most confusable first. The ranking (text-embedding similarity to the true
   * class, or the model's clean-image scores) comes from the model side.
   */
  z.strictObject({ strategy: z.literal('mostConfusable'), count: intIn(1, 1000).default(1) }),
]);

export type TextChoice = z.output<typeof textChoiceSchema>;

/** Strategies that write class names (the task's, not texts of their own) on images. */
export const classDrawingStrategies: ReadonlySet<TextChoice['strategy']> = new Set(['randomWrongClass', 'everyWrongClass', 'mostConfusable']);
