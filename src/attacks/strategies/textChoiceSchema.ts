import { z } from 'zod';
import { intIn } from '../spec/schemaParts.js';

/** How the attack word is picked for an image whose true class is known. */
export const textChoiceSchema = z.discriminatedUnion('strategy', [
  /** The same text on every image, e.g. "iPod". */
  z.strictObject({ strategy: z.literal('fixed'), text: z.string().max(200) }),
  /** One wrong class, drawn uniformly from the seed. */
  z.strictObject({ strategy: z.literal('randomWrongClass') }),
  /** Every wrong class, one attack each, in class-list order. */
  z.strictObject({ strategy: z.literal('everyWrongClass') }),
  /** Texts from a list: each of them (one attack per item) or one drawn from the seed. */
  z.strictObject({ strategy: z.literal('list'), items: z.array(z.string().max(200)).min(1), pick: z.enum(['each', 'random']).default('each') }),
  /**
   * The wrong classes the supplied ranking scores highest: `count` of them,
   * most confusable first. The ranking (text-embedding similarity to the true
   * class, or the model's clean-image scores) comes from the model side.
   */
  z.strictObject({ strategy: z.literal('mostConfusable'), count: intIn(1, 1000).default(1) }),
]);

export type TextChoice = z.output<typeof textChoiceSchema>;
