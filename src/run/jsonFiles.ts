import fs from 'node:fs';
import { RunError } from '../errors/RunError.js';

/** Writes `value` as indented JSON through a temporary file and a rename, so a reader never sees half of it. */
export function writeJsonAtomically(file: string, value: unknown): void {
  fs.writeFileSync(`${file}.${process.pid}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(`${file}.${process.pid}.tmp`, file);
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
