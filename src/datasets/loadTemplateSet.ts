import path from 'node:path';
import { ConfigError } from '../errors/ConfigError.js';
import { packageRoot } from '../packageRoot.js';
import { listShippedJson, readShippedOrFileJson } from './shippedJson.js';

/** Where stroop's shipped prompt-template sets live (`<name>.json`). */
export const templateSetDir = path.join(packageRoot, 'datasets', 'templates');

/** Names of the shipped template sets. */
export function shippedTemplateSets(): string[] {
  return listShippedJson(templateSetDir);
}

function parseTemplates(json: unknown, source: string): string[] {
  const list = Array.isArray(json) ? json : (json as { templates?: unknown } | null)?.templates;
  if (!Array.isArray(list) || list.length === 0 || !list.every((t) => typeof t === 'string')) {
    throw new ConfigError(`${source}: expected a non-empty JSON array of template strings, or {"templates": [...]}.`, source);
  }
  return list as string[];
}

/**
 * A prompt-template set by shipped name (`single`, `openai-imagenet-7`, `openai-imagenet-80`, `siglip`)
 * or by the path of a JSON file.
 */
export function loadTemplateSet(nameOrPath: string): string[] {
  const { file, json } = readShippedOrFileJson(templateSetDir, nameOrPath, 'template set', 'sets');
  return parseTemplates(json, file);
}
