import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ModelLoadError } from '../../src/errors/errors.js';
import { readSafetensors, readSafetensorsTensor } from '../../src/model/readSafetensors.js';
import { fixturePath } from '../helpers/paths.js';
import { buildSafetensorsBytes, float32Bytes, makeTempDir } from './safetensorsTestFiles.js';

function assertLoadError(run: () => unknown, ...fragments: RegExp[]): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ModelLoadError, `expected ModelLoadError, got ${String(error)}`);
    for (const fragment of fragments) assert.match(error.message, fragment);
    return true;
  });
}

const twoTensors = {
  a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
  b: { dtype: 'F32', shape: [1, 2], data_offsets: [8, 16] },
};

describe('readSafetensors on the fixture', () => {
  const file = fixturePath('clip-tiny', 'model.safetensors');
  const bytes = new Uint8Array(readFileSync(file));
  const contents = readSafetensors(bytes, file);

  it('reads header, metadata and every tensor', () => {
    assert.equal(contents.header.size, 78);
    assert.equal(contents.tensors.size, 78);
    assert.deepEqual(contents.metadata, { format: 'pt' });
    const token = contents.header.get('text_model.embeddings.token_embedding.weight');
    assert.deepEqual(token, { dtype: 'F32', shape: [1514, 64], dataOffsets: [19716, 407300] });
    assert.deepEqual(contents.tensors.get('logit_scale')?.shape, []);
  });

  it('decodes values equal to a DataView read of the same bytes', () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const dataStart = 8 + Number(view.getBigUint64(0, true));
    for (const name of ['logit_scale', 'visual_projection.weight', 'vision_model.pre_layrnorm.bias']) {
      const entry = contents.header.get(name)!;
      const tensor = contents.tensors.get(name)!;
      for (let i = 0; i < tensor.data.length; i++) {
        assert.equal(tensor.data[i], view.getFloat32(dataStart + entry.dataOffsets[0] + 4 * i, true), `${name}[${i}]`);
      }
    }
  });

  it('returns aligned F32 tensors as views on the file bytes (no copy)', () => {
    const tensor = contents.tensors.get('text_model.embeddings.token_embedding.weight')!;
    assert.equal(tensor.data.buffer, bytes.buffer);
  });

  it('decodes only the selected tensors', () => {
    const some = readSafetensors(bytes, file, { select: (name) => name.startsWith('text_projection') });
    assert.deepEqual([...some.tensors.keys()], ['text_projection.weight']);
    assert.equal(some.header.size, 78);
  });
});

describe('readSafetensors dtypes and alignment', () => {
  it('copies tensors whose data is not 4-byte aligned', () => {
    // 1 byte of header padding puts the data region at an odd file offset.
    for (const padding of [0, 1, 2, 3]) {
      const bytes = buildSafetensorsBytes(twoTensors, float32Bytes([1.5, -2, 0.25, 3e-8]), { headerPadding: padding });
      const { tensors } = readSafetensors(bytes, 'unaligned.safetensors');
      assert.deepEqual([...tensors.get('a')!.data], [1.5, -2]);
      assert.deepEqual([...tensors.get('b')!.data], [0.25, Math.fround(3e-8)]);
    }
  });

  it('accepts a Uint8Array at an odd byte offset of a larger buffer', () => {
    const file = buildSafetensorsBytes(twoTensors, float32Bytes([1, 2, 3, 4]));
    const larger = new Uint8Array(file.length + 3);
    larger.set(file, 3);
    const { tensors } = readSafetensors(larger.subarray(3), 'offset.safetensors');
    assert.deepEqual([...tensors.get('b')!.data], [3, 4]);
  });

  it('converts F16, BF16 and F64 to float32', () => {
    const data = new Uint8Array(2 * 2 + 2 * 2 + 8 * 2);
    const view = new DataView(data.buffer);
    view.setUint16(0, 0x3c00, true); // F16 1
    view.setUint16(2, 0xc200, true); // F16 -3
    view.setUint16(4, 0x3f80, true); // BF16 1
    view.setUint16(6, 0x4049, true); // BF16 3.140625
    view.setFloat64(8, 0.1, true);
    view.setFloat64(16, -1e300, true);
    const header = {
      h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] },
      b: { dtype: 'BF16', shape: [2], data_offsets: [4, 8] },
      d: { dtype: 'F64', shape: [2], data_offsets: [8, 24] },
    };
    const { tensors } = readSafetensors(buildSafetensorsBytes(header, data), 'mixed.safetensors');
    assert.deepEqual([...tensors.get('h')!.data], [1, -3]);
    assert.deepEqual([...tensors.get('b')!.data], [1, 3.140625]);
    assert.deepEqual([...tensors.get('d')!.data], [Math.fround(0.1), -Infinity]);
  });

  it('refuses a selected integer tensor, naming tensor, dtype and allowed dtypes', () => {
    const header = { ids: { dtype: 'I64', shape: [1, 2], data_offsets: [0, 16] } };
    const bytes = buildSafetensorsBytes(header, new Uint8Array(16));
    assertLoadError(() => readSafetensors(bytes, 'ids.safetensors'), /'ids'/, /I64/, /F32, F16, BF16, F64/, /ids\.safetensors/);
    // Unselected, the same tensor is fine: it stays in the header.
    const skipped = readSafetensors(bytes, 'ids.safetensors', { select: () => false });
    assert.equal(skipped.header.get('ids')?.dtype, 'I64');
    assert.equal(skipped.tensors.size, 0);
  });
});

describe('readSafetensors rejects broken files', () => {
  const good = buildSafetensorsBytes(twoTensors, float32Bytes([1, 2, 3, 4]));

  it('a truncated file, naming expected and actual sizes', () => {
    const cut = good.subarray(0, good.length - 3);
    assertLoadError(() => readSafetensors(cut, 'cut.safetensors'), /cut\.safetensors/, /file is truncated/, new RegExp(`header says ${good.length} bytes, file has ${cut.length}`));
  });

  it('a file shorter than the length field', () => {
    assertLoadError(() => readSafetensors(new Uint8Array(5), 'tiny.safetensors'), /truncated/, /5 bytes/);
  });

  it('a bad header length', () => {
    const huge = buildSafetensorsBytes(twoTensors, float32Bytes([1, 2, 3, 4]), { declaredLength: 2n ** 40n });
    assertLoadError(() => readSafetensors(huge, 'huge.safetensors'), /bad header length 1099511627776/);
    const beyond = buildSafetensorsBytes(twoTensors, float32Bytes([1, 2, 3, 4]), { declaredLength: 5000n });
    assertLoadError(() => readSafetensors(beyond, 'beyond.safetensors'), /bad header length/, /5000 bytes/);
    const short = buildSafetensorsBytes(twoTensors, float32Bytes([1, 2, 3, 4]), { declaredLength: 10n });
    assertLoadError(() => readSafetensors(short, 'short.safetensors'), /not valid UTF-8 JSON/);
  });

  it('overlapping data offsets', () => {
    const header = {
      a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] },
    };
    assertLoadError(() => readSafetensors(buildSafetensorsBytes(header, new Uint8Array(12)), 'overlap.safetensors'), /overlapping data_offsets/, /'b' \[4, 12\]/, /'a' \[0, 8\]/);
  });

  it('an unknown dtype', () => {
    const header = { a: { dtype: 'F7', shape: [2], data_offsets: [0, 8] } };
    assertLoadError(() => readSafetensors(buildSafetensorsBytes(header, new Uint8Array(8)), 'x.safetensors'), /unknown dtype "F7"/, /known: F64, F32, F16, BF16/);
  });

  it('a byte size that does not match the shape', () => {
    const header = { a: { dtype: 'F16', shape: [3], data_offsets: [0, 8] } };
    assertLoadError(() => readSafetensors(buildSafetensorsBytes(header, new Uint8Array(8)), 'x.safetensors'), /'a'/, /span 8 bytes/, /needs 6/);
  });

  it('malformed entries and metadata', () => {
    const cases: Array<[object, RegExp]> = [
      [{ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 0] } }, /shape must be an array of non-negative integers/],
      [{ a: { dtype: 'F32', shape: [1], data_offsets: [4, 0] } }, /data_offsets must be \[begin, end\]/],
      [{ a: { dtype: 'F32', shape: [1], data_offsets: [0] } }, /data_offsets must be/],
      [{ __metadata__: { format: 1 } }, /__metadata__\.format must be a string/],
    ];
    for (const [header, message] of cases) {
      assertLoadError(() => readSafetensors(buildSafetensorsBytes(header, new Uint8Array(4)), 'x.safetensors'), message);
    }
    assertLoadError(() => readSafetensors(buildSafetensorsBytes('[1, 2]', new Uint8Array(0)), 'x.safetensors'), /must be an object/);
  });
});

/**
 * The layout rules of the reference (huggingface/safetensors `Metadata::validate`, `read_metadata`):
 * sorted by offset, the tensors start at 0, follow each other without gaps or overlaps, and the
 * last one ends where the file does. Each refusal names its case; `readSafetensorsTensor`, which
 * reads only the header and one tensor, refuses the same files.
 */
describe('safetensors layout, as the reference validates it', () => {
  const refused: Array<[string, Uint8Array, RegExp[]]> = [
    ['extra bytes after the last tensor (polyglot file)', buildSafetensorsBytes(twoTensors, new Uint8Array(16 + 5)), [/5 extra bytes after the last tensor/, /polyglot/, /accounts for \d+ bytes/]],
    [
      'a gap between two tensors',
      buildSafetensorsBytes({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [12, 20] } }, new Uint8Array(20)),
      [/gap between tensors/, /'a' \[0, 8\] ends at 8/, /'b' \[12, 20\], starts at 12/],
    ],
    [
      'a first tensor that does not start at offset 0',
      buildSafetensorsBytes({ b: { dtype: 'F32', shape: [2], data_offsets: [12, 20] }, a: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } }, new Uint8Array(20)),
      [/first tensor does not start at offset 0/, /'a' \[4, 12\] leaves 4 unused bytes/],
    ],
    [
      'a zero-size tensor inside another',
      buildSafetensorsBytes({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, empty: { dtype: 'F32', shape: [0], data_offsets: [4, 4] } }, new Uint8Array(8)),
      [/overlapping data_offsets/, /'empty' \[4, 4\]/],
    ],
    ['bytes after a header that lists no tensors', buildSafetensorsBytes({ __metadata__: { format: 'pt' } }, new Uint8Array(3)), [/3 extra bytes after the header, which lists no tensors/]],
    [
      'a shape whose byte size overflows',
      buildSafetensorsBytes({ a: { dtype: 'F64', shape: [2 ** 26, 2 ** 26, 2 ** 26], data_offsets: [0, 8] } }, new Uint8Array(8)),
      [/'a'/, /overflows/],
    ],
  ];

  for (const [name, bytes, messages] of refused) {
    it(`refuses ${name}`, async () => {
      assertLoadError(() => readSafetensors(bytes, 'case.safetensors'), /case\.safetensors/, ...messages);
      const { dir, remove } = await makeTempDir();
      try {
        const file = path.join(dir, 'model.safetensors');
        writeFileSync(file, bytes);
        await assert.rejects(readSafetensorsTensor(file, 'a'), (error: unknown) => {
          assert.ok(error instanceof ModelLoadError, String(error));
          for (const message of messages) assert.match(error.message, message);
          return true;
        });
      } finally {
        await remove();
      }
    });
  }

  it('accepts zero-size tensors where one tensor ends and the next starts, and an empty file', () => {
    const header = {
      first: { dtype: 'F32', shape: [0], data_offsets: [0, 0] },
      a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      between: { dtype: 'BF16', shape: [3, 0], data_offsets: [8, 8] },
      b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] },
      last: { dtype: 'U8', shape: [0], data_offsets: [16, 16] },
    };
    const { tensors } = readSafetensors(buildSafetensorsBytes(header, float32Bytes([1, 2, 3, 4])), 'zero.safetensors', { select: (name) => name !== 'last' });
    assert.deepEqual([...tensors.get('b')!.data], [3, 4]);
    assert.equal(tensors.get('between')!.data.length, 0);
    assert.equal(readSafetensors(buildSafetensorsBytes({}, new Uint8Array(0)), 'empty.safetensors').header.size, 0);
  });
});
