import fs from 'node:fs';
import { DatasetError } from '../errors/DatasetError.js';

/** Parses a JSON file; a missing, unreadable or malformed file is a DatasetError naming it. */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DatasetError(`Cannot read ${file}: ${(error as Error).message}`, file, undefined, { cause: error });
  }
}
