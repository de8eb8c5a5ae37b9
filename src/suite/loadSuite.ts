import fs from 'node:fs';
import { ConfigError } from '../errors/ConfigError.js';
import { parseSuite } from './parseSuite.js';
import type { Suite } from './suite.js';
import { messageOf } from '../util/messageOf.js';

/**
 * Reads a suite file (YAML), validates it and resolves its references: plain data
 * with defaults filled, local paths absolute, presets and template sets loaded.
 *
 * @throws ConfigError when the file cannot be read; SuiteError listing every problem
 *   found, each as `file:line:column: path: problem`.
 */
export function loadSuite(file: string): Suite {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : messageOf(error);
    throw new ConfigError(`Cannot read suite file '${file}': ${reason}.`, file, { cause: error });
  }
  return parseSuite(text, file);
}
