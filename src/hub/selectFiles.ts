import { messageOf } from '../util/messageOf.js';
/** The files a selector picked from a list, or why it could not. */
export type FileSelection = { readonly files: readonly string[]; readonly problem?: undefined } | { readonly files?: undefined; readonly problem: string };

/**
 * Applies a file selector (e.g. filesForEngine) to a list of available files, checking that
 * every file it picks is in the list. A selector that throws means the list lacks what the
 * engine needs; its message becomes the problem.
 */
export function selectFiles(select: (files: readonly string[]) => readonly string[], available: readonly string[]): FileSelection {
  let picked: readonly string[];
  try {
    picked = select(available);
  } catch (error) {
    return { problem: messageOf(error) };
  }
  const have = new Set(available);
  const absent = picked.filter((f) => !have.has(f));
  return absent.length > 0 ? { problem: `${absent.join(', ')} not found` } : { files: [...new Set(picked)] };
}
