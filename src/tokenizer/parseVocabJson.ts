import { ModelLoadError } from '../errors/ModelLoadError.js';

/**
 * Parses the contents of a Hugging Face `vocab.json` (token string -> id).
 *
 * @param json the file's text.
 * @param source where it came from, for error messages (a path or a label).
 * @returns token -> id; ids are checked to be distinct integers 0..n-1.
 * @throws ModelLoadError when the text is no JSON object of dense integer ids.
 */
export function parseVocabJson(json: string, source = 'vocab.json'): Map<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.startsWith('\ufeff') ? json.slice(1) : json);
  } catch (error) {
    throw new ModelLoadError(`${source} is not valid JSON: ${(error as Error).message}`, source, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ModelLoadError(`${source} must be a JSON object mapping token strings to ids.`, source);
  }
  const vocab = new Map<string, number>();
  const seen = new Set<number>();
  const entries = Object.entries(parsed);
  for (const [token, id] of entries) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= entries.length || seen.has(id)) {
      throw new ModelLoadError(
        `${source}: token ${JSON.stringify(token)} has id ${JSON.stringify(id)}; ids must be distinct integers 0..${entries.length - 1}.`,
        source,
      );
    }
    seen.add(id);
    vocab.set(token, id);
  }
  return vocab;
}
