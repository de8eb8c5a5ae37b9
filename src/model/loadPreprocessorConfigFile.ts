import path from 'node:path';
import type { PreprocessorConfig } from './preprocessorConfig.js';
import { readModelJson } from './readModelJson.js';
import { readPreprocessorConfig } from './readPreprocessorConfig.js';

/**
 * Reads `<dir>/preprocessor_config.json` (Hugging Face `CLIPImageProcessor`).
 *
 * @throws ModelLoadError when the file is missing (naming the expected layout);
 *   ConfigError when it is not JSON or not a supported preprocessor config.
 */
export async function loadPreprocessorConfigFile(dir: string): Promise<PreprocessorConfig> {
  const fileName = 'preprocessor_config.json';
  return readPreprocessorConfig(await readModelJson(dir, fileName), path.join(dir, fileName));
}
