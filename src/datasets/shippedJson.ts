import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors/ConfigError.js';

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
