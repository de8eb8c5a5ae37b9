import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, ModelLoadError, messageOf } from '../errors/errors.js';

/** Reading the files of a local model directory, with messages that name the layout it should have. */

/** What a model directory is expected to hold, quoted in "file not found" messages. */
export const modelDirectoryLayout =
  'a Hugging Face CLIP model directory holds config.json, preprocessor_config.json, vocab.json, merges.txt, ' +
  'tokenizer_config.json and model.safetensors (or model.safetensors.index.json with its shards)';

/** Bytes read per `read` call; keeps each call well under the 2 GiB a single read allows. */
const chunkBytes = 64 * 1024 * 1024;

/**
 * Reads a whole file of a model directory into a fresh, zero-offset `Uint8Array`
 * (so typed-array views on it are aligned). Unlike `fs.readFile`, it is not limited to
 * 2 GiB, which matters for unsharded ViT-L and larger F32 checkpoints.
 *
 * @throws ModelLoadError naming the file and the expected directory layout when it is missing.
 */
export async function readModelFile(dir: string, fileName: string): Promise<Uint8Array> {
  const filePath = path.join(dir, fileName);
  let handle: FileHandle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : `cannot be opened (${code ?? String(error)})`;
    throw new ModelLoadError(`${fileName} ${why} in model directory ${dir}: ${modelDirectoryLayout}`, filePath, {
      cause: error,
    });
  }
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, Math.min(chunkBytes, size - filled), filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled !== size) {
      throw new ModelLoadError(`${filePath} shrank while being read (${filled} of ${size} bytes)`, filePath);
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

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
