import path from 'node:path';
import { loadTemplateSet, shippedTemplateSets } from '../../datasets/loadTemplateSet.js';
import { CLASS_PLACEHOLDER } from '../../zeroshot/expandPrompts.js';
import type { PromptsEntry } from '../schema/promptsSchema.js';
import type { SuitePrompts } from '../suite.js';
import { isFile } from './fileKinds.js';
import { problemAt, type Resolved } from './resolved.js';
import { messageOf } from '../../util/messageOf.js';

/**
 * The suite's prompt templates: an inline list as is, a shipped set or a .json file
 * (relative to `dir`) read now. Every template must hold `{}` for the class name.
 */
export function resolvePrompts(prompts: PromptsEntry, dir: string): Resolved<SuitePrompts> {
  const written = prompts.templates;
  if (typeof written !== 'string') return { value: { templates: [...written], source: 'inline' }, problems: [] };
  const shipped = shippedTemplateSets().includes(written);
  const file = shipped ? written : path.resolve(dir, written);
  if (!shipped && !isFile(file)) return { problems: [problemAt(['templates'], `no such file: ${file}; must be a JSON file of templates`)] };
  let templates: string[];
  try {
    templates = loadTemplateSet(file);
  } catch (error) {
    return { problems: [problemAt(['templates'], messageOf(error))] };
  }
  const bad = templates.findIndex((t) => !t.includes(CLASS_PLACEHOLDER));
  if (bad >= 0) {
    const message = `template ${bad + 1} of ${file}, ${JSON.stringify(templates[bad])}, must contain ${CLASS_PLACEHOLDER} where the class name goes`;
    return { problems: [problemAt(['templates'], message)] };
  }
  return { value: { templates, source: file }, problems: [] };
}
