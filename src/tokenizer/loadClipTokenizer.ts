import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ModelLoadError } from '../errors/ModelLoadError.js';
import { ClipTokenizer } from './ClipTokenizer.js';

/**
 * Loads the CLIP tokenizer of a model directory in the Hugging Face layout
 * (`vocab.json` and `merges.txt` side by side, as in `openai/clip-vit-base-patch32`).
 *
 * @param dir the model directory.
 * @throws ModelLoadError naming the file when one is missing, unreadable or malformed.
 */
export async function loadClipTokenizer(dir: string): Promise<ClipTokenizer> {
  const vocabPath = path.join(dir, 'vocab.json');
  const mergesPath = path.join(dir, 'merges.txt');
  const [vocabJson, mergesTxt] = await Promise.all([readTokenizerFile(vocabPath), readTokenizerFile(mergesPath)]);
  return ClipTokenizer.fromFiles({ vocabJson, mergesTxt }, { vocab: vocabPath, merges: mergesPath });
}

async function readTokenizerFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ModelLoadError(
      missing
        ? `Tokenizer file ${file} not found; a CLIP model directory in the Hugging Face layout needs vocab.json and merges.txt (as in openai/clip-vit-base-patch32).`
        : `Cannot read tokenizer file ${file}: ${(error as Error).message}`,
      file,
      { cause: error },
    );
  }
}
