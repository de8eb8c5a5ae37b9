import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { WeightMap, WeightTensor } from '../../src/model/weightMap.js';

/**
 * Builds safetensors bytes by hand, independently of `writeSafetensors`, so tests can
 * make malformed files: any header JSON text, any declared length, any data bytes.
 */
export function buildSafetensorsBytes(
  header: string | object,
  data: Uint8Array,
  options: { declaredLength?: bigint; headerPadding?: number } = {},
): Uint8Array {
  const text = (typeof header === 'string' ? header : JSON.stringify(header)) + ' '.repeat(options.headerPadding ?? 0);
  const json = new TextEncoder().encode(text);
  const bytes = new Uint8Array(8 + json.length + data.length);
  new DataView(bytes.buffer).setBigUint64(0, options.declaredLength ?? BigInt(json.length), true);
  bytes.set(json, 8);
  bytes.set(data, 8 + json.length);
  return bytes;
}

/** Little-endian float32 bytes of `values`. */
export function float32Bytes(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return bytes;
}

/** A fresh temporary directory; the returned function removes it. */
export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stroop-model-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

function bytesOf(tensor: WeightTensor): Buffer {
  return Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
}

/** Same names in the same order, same shapes, bit-identical float32 data. */
export function assertWeightMapsIdentical(actual: WeightMap, expected: WeightMap): void {
  assert.deepEqual([...actual.keys()], [...expected.keys()]);
  for (const [name, tensor] of expected) {
    const other = actual.get(name);
    assert.ok(other, name);
    assert.deepEqual([...other.shape], [...tensor.shape], `shape of ${name}`);
    assert.ok(bytesOf(other).equals(bytesOf(tensor)), `data of ${name} differs`);
  }
}
