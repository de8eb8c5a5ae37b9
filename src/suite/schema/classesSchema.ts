import { z } from 'zod';
import { classSetRules } from '../../datasets/classSetOf.js';
import { shippedClassNameLists } from '../../datasets/loadClassNames.js';
import { hasNoNul, nulPathMessage } from './schemaParts.js';

const rules = classSetRules as readonly string[] as [string, ...string[]];
const shipped = shippedClassNameLists() as [string, ...string[]];

// Every option carries the whole message: zod reports the option that came closest, not the union.
const error = `must be ${rules.join(' or ')}, a shipped class-name list (${shipped.join(', ')}), a .json file of class names, or a list of class names`;

const nameList = z
  .array(z.string({ error: 'must be a class name (a string)' }).refine((name) => name.trim() !== '', { error: 'must be a class name, not blank' }), { error })
  .min(1, { error: 'must list at least one class name' })
  .superRefine((names, ctx) => {
    const seen = new Set<string>();
    names.forEach((name, i) => {
      if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [i], input: name, message: 'repeats an earlier class name; list each class once' });
      seen.add(name);
    });
  });

/**
 * The class set of a dataset: a rule over its samples (`labels`: the true labels;
 * `labels+attack-texts`: those and every attack text), a shipped class-name list,
 * a JSON file of names (relative to the suite file), or the names themselves.
 */
export const classesSchema = z
  .union(
    [
      z.enum(rules, { error }).describe('A rule over the samples: labels = the true labels; labels+attack-texts = those and every attack text (real-world attack sets).'),
      z.enum(shipped, { error }).describe('A shipped class-name list (datasets/classnames/).'),
      z.string({ error }).regex(/\.json$/, { error }).describe('A JSON file of class names (an array, or {"classNames": [...]}), relative to the suite file.'),
      nameList.describe('The class names, in class-index order.'),
    ],
    { error },
  )
  .refine(hasNoNul, { error: nulPathMessage })
  .describe('The class set the model chooses from.');
