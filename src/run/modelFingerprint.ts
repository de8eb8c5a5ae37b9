import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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
    fs.mkdirSync(path.dirname(memoFile), { recursive: true });
    fs.writeFileSync(`${memoFile}.${process.pid}.tmp`, JSON.stringify(memo));
    fs.renameSync(`${memoFile}.${process.pid}.tmp`, memoFile);
  }
  return out;
}
