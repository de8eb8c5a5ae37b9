import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, found from this file's compiled location (dist/test/helpers). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Absolute path of a file under test/fixtures/. */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...parts);
}

/** The model fixture directories with goldens (Hugging Face layout). */
export const modelFixtures = ['clip-tiny', 'clip-tiny-p16'] as const;
export type ModelFixture = (typeof modelFixtures)[number];
