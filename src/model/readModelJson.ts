import path from 'node:path';
import { ConfigError } from '../errors/ConfigError.js';
import { readModelFile } from './readModelFile.js';
import { messageOf } from '../util/messageOf.js';

/**
 * Reads and parses a JSON file of a model directory.
 *
 * @throws ModelLoadError when the file is missing; ConfigError when it is not JSON.
 */
export async function readModelJson(dir: string, fileName: string): Promise<unknown> {
  const bytes = await readModelFile(dir, fileName);
  const filePath = path.join(dir, fileName);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    const reason = messageOf(error);
    throw new ConfigError(`${filePath} is not valid JSON: ${reason}`, filePath, { cause: error });
  }
}
