import path from 'node:path';
import type { ClipConfig } from './clipConfig.js';
import { readClipConfig } from './readClipConfig.js';
import { readModelJson } from './readModelJson.js';

/**
 * Reads `<dir>/config.json` (Hugging Face `CLIPConfig`).
 *
 * @throws ModelLoadError when the file is missing (naming the expected layout);
 *   ConfigError when it is not JSON or not a valid CLIP config.
 */
export async function loadClipConfigFile(dir: string): Promise<ClipConfig> {
  return readClipConfig(await readModelJson(dir, 'config.json'), path.join(dir, 'config.json'));
}
