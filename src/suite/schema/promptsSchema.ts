import { z } from 'zod';
import { shippedTemplateSets } from '../../datasets/loadTemplateSet.js';
import { CLASS_PLACEHOLDER } from '../../zeroshot/expandPrompts.js';
import { hasNoNul, nulPathMessage } from './schemaParts.js';

const shipped = shippedTemplateSets() as [string, ...string[]];
// Every option carries the whole message: zod reports the option that came closest, not the union.
const error = `must be a shipped template set (${shipped.join(', ')}), a .json file of templates, or a list of templates`;

const template = z
  .string({ error: 'must be a template (a string)' })
  .max(1000, { error: 'must be at most 1000 characters' })
  .regex(/\{\}/, { error: `must contain ${CLASS_PLACEHOLDER} where the class name goes, e.g. "a photo of a {}."` });

/** How class names become prompts. */
export const promptsSchema = z
  .strictObject(
    {
    templates: z
      .union(
        [
          z.enum(shipped, { error }).describe('A shipped template set (datasets/templates/).'),
          z.string({ error }).regex(/\.json$/, { error }).describe('A JSON file of templates (an array, or {"templates": [...]}), relative to the suite file.'),
          z.array(template, { error }).min(1, { error: 'must list at least one template' }).describe('The templates; each contains {} for the class name.'),
        ],
        { error },
      )
      .refine(hasNoNul, { error: nulPathMessage })
      .default('single')
      .describe('Prompt templates; a class embedding is the mean over its templates.'),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? `must be a mapping with a templates key, e.g. { templates: single }` : undefined) },
  )
  .describe('Prompts for zero-shot classification.');

export type PromptsEntry = z.output<typeof promptsSchema>;
