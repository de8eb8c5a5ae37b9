import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors/ConfigError.js';
import { packageRoot } from '../packageRoot.js';

/** Where stroop's shipped prompt-template sets live (`<name>.json`). */
export const templateSetDir = path.join(packageRoot, 'datasets', 'templates');

/** Names of the shipped template sets. */
export function shippedTemplateSets(): string[] {
  return fs
    .readdirSync(templateSetDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

function parseTemplates(json: unknown, source: string): string[] {
  const list = Array.isArray(json) ? json : (json as { templates?: unknown } | null)?.templates;
  if (!Array.isArray(list) || list.length === 0 || !list.every((t) => typeof t === 'string')) {
    throw new ConfigError(`${source}: expected a non-empty JSON array of template strings, or {"templates": [...]}.`, source);
  }
  return list as string[];
}

/**
 * A prompt-template set by shipped name (`single`, `openai-imagenet-7`, `openai-imagenet-80`)
 * or by the path of a JSON file.
 */
export function loadTemplateSet(nameOrPath: string): string[] {
  const shipped = path.join(templateSetDir, `${nameOrPath}.json`);
  const file = fs.existsSync(shipped) && !nameOrPath.includes('/') ? shipped : nameOrPath;
  if (!fs.existsSync(file)) {
    throw new ConfigError(
      `Unknown template set '${nameOrPath}': not a file, and not one of the shipped sets (${shippedTemplateSets().join(', ')}).`,
      nameOrPath,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message}).`, file, { cause: error });
  }
  return parseTemplates(json, file);
}
