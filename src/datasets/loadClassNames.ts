import path from 'node:path';
import { ConfigError } from '../errors/ConfigError.js';
import { packageRoot } from '../packageRoot.js';
import { listShippedJson, readShippedOrFileJson } from './shippedJson.js';

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
