import { z } from 'zod';
import { AttackError } from '../errors/errors.js';
import { attackSpecSchema } from './attackSpec.js';
import { createRng } from './createRng.js';
import { intIn } from './schemaParts.js';

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

/**
 * Scores how confusable each candidate class is with the true class (higher =
 * more confusable), one score per candidate, in candidate order. Supplied by the
 * model side (e.g. cosine similarity of text embeddings, or the model's
 * clean-image probabilities); this layer never loads a model.
 */
export type ConfusionRanking = (trueClass: string, candidates: readonly string[]) => readonly number[];

/** What a strategy may look at for one image. */
export interface TextChoiceContext {
  /** The image's true class; must be one of `classes` for the class-based strategies. */
  readonly label: string;
  /** The class names of the task. */
  readonly classes: readonly string[];
  /** Seed for the random strategies (a safe integer). */
  readonly seed: number;
  /** Required by `mostConfusable`. */
  readonly ranking?: ConfusionRanking;
}

function wrongClasses(context: TextChoiceContext): string[] {
  if (!context.classes.includes(context.label)) {
    throw new AttackError(`True class '${context.label}' is not one of the ${context.classes.length} classes (${context.classes.slice(0, 10).join(', ')}${context.classes.length > 10 ? ', ...' : ''}).`);
  }
  const wrong = context.classes.filter((c) => c !== context.label);
  if (wrong.length === 0) throw new AttackError(`No wrong class to write: the class list has only '${context.label}'; give at least 2 classes.`);
  return wrong;
}

function mostConfusable(context: TextChoiceContext, count: number): string[] {
  if (context.ranking === undefined) throw new AttackError("Text strategy 'mostConfusable' needs a ranking function from the model side; none was given.");
  const wrong = wrongClasses(context);
  const scores = context.ranking(context.label, wrong);
  if (scores.length !== wrong.length || scores.some((s) => !Number.isFinite(s))) {
    throw new AttackError(`The confusion ranking returned ${scores.length} scores for ${wrong.length} wrong classes; expected one finite score each.`);
  }
  // Stable: ties keep class-list order, so the choice is deterministic.
  const order = wrong.map((name, i) => ({ name, score: scores[i] as number, i })).sort((a, b) => b.score - a.score || a.i - b.i);
  return order.slice(0, count).map((o) => o.name);
}

/**
 * The attack text(s) for one image under a text-choice strategy: one text, or
 * several (every wrong class, each list item, the top-k confusable) that each
 * become a separate attack. Throws AttackError when the strategy has nothing to
 * choose from.
 */
export function chooseTexts(choice: TextChoice, context: TextChoiceContext): string[] {
  switch (choice.strategy) {
    case 'fixed':
      return [choice.text];
    case 'randomWrongClass':
      return [createRng(context.seed, 'text/randomWrongClass').pick(wrongClasses(context))];
    case 'everyWrongClass':
      return wrongClasses(context);
    case 'list':
      return choice.pick === 'each' ? [...choice.items] : [createRng(context.seed, 'text/list').pick(choice.items)];
    case 'mostConfusable':
      return mostConfusable(context, choice.count);
  }
}
