import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rendererVersions } from '../attacks/render/rendererVersions.js';

/** The code between an image file's bytes and an attacked image's bytes: decoders and the renderer. */
const codeFolders = ['../attacks', '../image'];

function* codeFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* codeFiles(full);
    else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

let cached: string | undefined;

/**
 * SHA-256 (hex) of what decides the bytes of a rendered attack besides its inputs: the code of the
 * decoders and the renderer as this process loaded them, node-canvas and the native libraries it
 * links, and the bundled fonts. A render index is only trusted under the same fingerprint, so an
 * edited renderer (even without a version bump) draws again. Computed once per process (milliseconds).
 */
export function rendererFingerprint(): string {
  if (cached !== undefined) return cached;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  for (const folder of codeFolders) {
    const root = path.resolve(here, folder);
    for (const file of codeFiles(root)) hash.update(`${path.relative(root, file)}\u0000`).update(fs.readFileSync(file)).update('\u0000');
  }
  hash.update(JSON.stringify(rendererVersions()));
  cached = hash.digest('hex');
  return cached;
}
