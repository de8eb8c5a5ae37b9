import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors/errors.js';
import { packageRoot } from '../packageRoot.js';

/**
 * The data lists stroop ships by name, or reads from a JSON file the user names: class-name lists
 * (`datasets/classnames/`) and prompt-template sets (`datasets/templates/`).
 */

/** The names (`<name>.json`, without the extension) of the JSON files shipped in `dir`, sorted. */
export function listShippedJson(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * Reads a data file named either by a shipped name (`dir/<name>.json`) or by a path, as parsed
 * JSON. `what` names the kind of file in errors (e.g. "template set"), `plural` the shipped ones ("sets").
 */
export function readShippedOrFileJson(dir: string, nameOrPath: string, what: string, plural: string): { readonly file: string; readonly json: unknown } {
  const shipped = path.join(dir, `${nameOrPath}.json`);
  const file = !nameOrPath.includes('/') && !nameOrPath.includes('\\') && fs.existsSync(shipped) ? shipped : nameOrPath;
  if (!fs.existsSync(file)) {
    throw new ConfigError(`Unknown ${what} '${nameOrPath}': not a file, and not one of the shipped ${plural} (${listShippedJson(dir).join(', ')}).`, nameOrPath);
  }
  try {
    return { file, json: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown };
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message}).`, file, { cause: error });
  }
}

/** Where stroop's shipped class-name lists live (`<name>.json`). */
export const classNamesDir = path.join(packageRoot, 'datasets', 'classnames');

/** Names of the shipped class-name lists. */
export function shippedClassNameLists(): string[] {
  return listShippedJson(classNamesDir);
}

function parseClassNames(json: unknown, source: string): string[] {
  const list = Array.isArray(json) ? json : (json as { classNames?: unknown } | null)?.classNames;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError(`${source}: expected a non-empty JSON array of class names, or {"classNames": [...]}.`, source);
  }
  const bad = list.findIndex((name) => typeof name !== 'string' || name.trim() === '');
  if (bad !== -1) {
    throw new ConfigError(`${source}: class name at index ${bad} is ${JSON.stringify(list[bad])}; class names are non-blank strings.`, source);
  }
  return list as string[];
}

/**
 * A class-name list by shipped name (`imagenet`: OpenAI's 1000 ImageNet names from the
 * CLIP notebook; `tiny`: the bundled tiny dataset) or by the path of a JSON file holding
 * an array of names or `{"classNames": [...]}`. The order is the class-index order.
 * Names are not deduplicated: OpenAI's ImageNet list itself has two `missile` (657, 744)
 * and two `sunglasses` (836, 837), and ImageNet's indices must be kept.
 */
export function loadClassNames(nameOrPath: string): string[] {
  const { file, json } = readShippedOrFileJson(classNamesDir, nameOrPath, 'class-name list', 'lists');
  return parseClassNames(json, file);
}

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
  return list;
}

/**
 * A prompt-template set by shipped name (`single`, `openai-imagenet-7`, `openai-imagenet-80`, `siglip`)
 * or by the path of a JSON file.
 */
export function loadTemplateSet(nameOrPath: string): string[] {
  const { file, json } = readShippedOrFileJson(templateSetDir, nameOrPath, 'template set', 'sets');
  return parseTemplates(json, file);
}
