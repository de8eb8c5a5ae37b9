import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, found from this file's compiled location (dist/test/helpers). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The build this test runs from (dist/, or another outDir): its root, holding src/ and test/. */
export const buildRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of a file under test/fixtures/. */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...parts);
}

/** The CLIP model fixture directories with goldens from OpenAI's code (Hugging Face layout). */
export const modelFixtures = ['clip-tiny', 'clip-tiny-p16'] as const;
export type ModelFixture = (typeof modelFixtures)[number];

/** The SigLIP model fixture directories with goldens from transformers (spiece.model, tokenizer.json). */
export const siglipFixtures = ['siglip-tiny', 'siglip2-tiny'] as const;
export type SiglipFixture = (typeof siglipFixtures)[number];

/** Every model fixture with goldens, of every family. */
export const allModelFixtures = [...modelFixtures, ...siglipFixtures] as const;
export type AnyModelFixture = ModelFixture | SiglipFixture;
