import fs from 'node:fs';
import { RunError } from '../errors/RunError.js';
import { writeFileAtomicallySync } from '../util/writeFileAtomically.js';

/** Writes `value` as indented JSON, atomically (see writeFileAtomicallySync): a reader never sees half of it. */
export function writeJsonAtomically(file: string, value: unknown): void {
  writeFileAtomicallySync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** The manifest an output directory already holds (`run.json`, `search.json`), or undefined; RunError when it is not JSON. */
export function readJsonManifest<T>(file: string): T | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new RunError(`${file} is not valid JSON; remove the output directory or choose another --out.`, file, { cause: error });
  }
}
