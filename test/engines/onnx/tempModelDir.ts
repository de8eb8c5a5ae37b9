import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';

/**
 * A fresh temporary directory holding `files` (relative path -> bytes, or `{ copy: path }` to copy
 * a file), removed after the test file's tests.
 */
export function tempModelDir(files: Record<string, Uint8Array | { copy: string }>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stroop-onnx-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, contents] of Object.entries(files)) {
    const target = path.join(dir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (contents instanceof Uint8Array) fs.writeFileSync(target, contents);
    else fs.copyFileSync(contents.copy, target);
  }
  return dir;
}
