import { writeFileAtomicallySync } from '../util/writeFileAtomically.js';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledFontconfigFile } from '../util/bundledFontconfig.js';
import { rendererVersions } from '../attacks/render/renderAttack.js';

/** A file a model is made of, with its SHA-256 (for provenance and cache keys). */
export interface ModelFile {
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
}

const modelFilePattern = /(\.safetensors|\.onnx|\.onnx_data|^config\.json|^preprocessor_config\.json|^vocab\.json|^merges\.txt|\.index\.json)$/;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 22 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The files that define a model directory's outputs (weights, graphs, configs, tokenizer) with
 * their SHA-256, sorted by name. Hashes are memoised in `memoFile` by path, size and mtime, so a
 * 600 MB checkpoint is hashed once, not on every run.
 */
export async function modelFingerprint(dir: string, memoFile: string): Promise<ModelFile[]> {
  let memo: Record<string, { bytes: number; mtimeMs: number; sha256: string }> = {};
  try {
    memo = JSON.parse(fs.readFileSync(memoFile, 'utf8')) as typeof memo;
  } catch {
    memo = {};
  }
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && modelFilePattern.test(entry.name)) files.push(entry.name);
    if (entry.isDirectory() && entry.name === 'onnx') {
      for (const inner of fs.readdirSync(path.join(dir, 'onnx'))) if (modelFilePattern.test(inner)) files.push(`onnx/${inner}`);
    }
  }
  const out: ModelFile[] = [];
  let changed = false;
  for (const name of files.sort()) {
    const full = fs.realpathSync(path.join(dir, name));
    const stat = fs.statSync(full);
    const known = memo[full];
    const sha256 = known !== undefined && known.bytes === stat.size && known.mtimeMs === stat.mtimeMs ? known.sha256 : await sha256Of(full);
    if (known?.sha256 !== sha256) changed = true;
    memo[full] = { bytes: stat.size, mtimeMs: stat.mtimeMs, sha256 };
    out.push({ file: name, bytes: stat.size, sha256 });
  }
  if (changed) {
    writeFileAtomicallySync(memoFile, JSON.stringify(memo));
  }
  return out;
}

/**
 * The modules between an image file's bytes and an attacked image's bytes: the entry points of
 * decoding and rendering, whose static imports (followed transitively) make the explicit list of
 * files that decide pixels. Nothing else (benchmarks, presets, arbitraries, reports) is hashed, so
 * editing it keeps every render cache.
 */
const pixelEntryPoints = ['../image/decodeImage', '../image/convertImage', '../attacks/render/renderAttack'];

const relativeImport = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+?\.js)['"]/g;

/** The files that decide pixels, sorted: the entry points and every module they import, transitively (relative imports only). */
export function pixelCodeFiles(here: string, extension: '.js' | '.ts'): string[] {
  const seen = new Set<string>();
  const pending = pixelEntryPoints.map((entry) => path.resolve(here, `${entry}${extension}`));
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(relativeImport)) {
      pending.push(path.resolve(path.dirname(file), (match[1] as string).replace(/\.js$/, extension)));
    }
  }
  return [...seen].sort();
}

let cached: string | undefined;

/**
 * SHA-256 (hex) of what decides the bytes of a rendered attack besides its inputs: the code of the
 * decoders and the renderer as this process loaded them (see pixelCodeFiles), node-canvas and the native libraries it
 * links, the bundled fonts and their fontconfig file. A render index is only trusted under the same fingerprint, so an
 * edited renderer (even without a version bump) draws again. Computed once per process (milliseconds).
 */
export function rendererFingerprint(): string {
  if (cached !== undefined) return cached;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, '..');
  const hash = createHash('sha256');
  for (const file of pixelCodeFiles(here, '.js')) hash.update(`${path.relative(root, file)}\u0000`).update(fs.readFileSync(file)).update('\u0000');
  hash.update(JSON.stringify(rendererVersions()));
  hash.update(fs.readFileSync(bundledFontconfigFile));
  cached = hash.digest('hex');
  return cached;
}
