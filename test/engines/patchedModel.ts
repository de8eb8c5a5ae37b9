import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixturePath, type AnyModelFixture } from '../helpers/paths.js';

/**
 * A copy of a model fixture (config, tokenizer, weights, ONNX graphs; not its goldens) in a fresh
 * temporary folder, with float32 tensors of `model.safetensors` changed in place by `patch`
 * (tensor name -> new values for its data, e.g. `{ logit_scale: () => NaN }`).
 */
export function patchedModel(fixture: AnyModelFixture, patch: Readonly<Record<string, (value: number, index: number) => number>>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stroop-${fixture}-patched-`));
  const source = fixturePath(fixture);
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    if (entry.name === 'golden' || entry.name === 'openai_state_dict.safetensors') continue;
    fs.cpSync(path.join(source, entry.name), path.join(dir, entry.name), { recursive: true });
  }
  const file = path.join(dir, 'model.safetensors');
  const bytes = fs.readFileSync(file);
  const headerBytes = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.toString('utf8', 8, 8 + headerBytes)) as Record<string, { dtype: string; data_offsets: [number, number] }>;
  for (const [name, change] of Object.entries(patch)) {
    const tensor = header[name];
    if (tensor === undefined || tensor.dtype !== 'F32') throw new Error(`${fixture} has no float32 tensor ${name}`);
    const [start, end] = tensor.data_offsets;
    for (let at = 8 + headerBytes + start, i = 0; at < 8 + headerBytes + end; at += 4, i++) bytes.writeFloatLE(change(bytes.readFloatLE(at), i), at);
  }
  fs.writeFileSync(file, bytes);
  return dir;
}
