import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parquetWriteFile, type SchemaElement } from 'hyparquet-writer';
import { encodeRgbPng } from '../../src/image/pngCodec.js';

/**
 * Parquet files in the layout Hugging Face `datasets` writes, built with hyparquet-writer: an
 * image column as the Image feature (a struct `{bytes, path}`) or as a plain binary column, text,
 * double and INT64 columns, and the `huggingface` key-value metadata with the features.
 */

/** One cell of an Image feature column. */
export interface ImageCell {
  readonly bytes: Uint8Array | null;
  readonly path: string | null;
}

/** One column of a fixture file; nulls are written as nulls. */
export type FixtureColumn =
  | { readonly name: string; readonly kind: 'image'; readonly data: readonly (ImageCell | null)[] }
  | { readonly name: string; readonly kind: 'binary'; readonly data: readonly (Uint8Array | null)[] }
  | { readonly name: string; readonly kind: 'string'; readonly data: readonly (string | null)[] }
  | { readonly name: string; readonly kind: 'double'; readonly data: readonly (number | null)[] }
  | { readonly name: string; readonly kind: 'int64'; readonly data: readonly (bigint | null)[] };

export interface FixtureOptions {
  /** Rows per row group; default: all in one. */
  readonly rowGroupSize?: number;
  /** ClassLabel names by column, written into the `huggingface` metadata. */
  readonly classLabels?: Readonly<Record<string, readonly string[]>>;
}

function schemaOf(column: FixtureColumn): SchemaElement[] {
  const optional = { repetition_type: 'OPTIONAL' } as const;
  switch (column.kind) {
    case 'image':
      return [
        { name: column.name, num_children: 2, ...optional },
        { name: 'bytes', type: 'BYTE_ARRAY', ...optional },
        { name: 'path', type: 'BYTE_ARRAY', converted_type: 'UTF8', ...optional },
      ];
    case 'binary':
      return [{ name: column.name, type: 'BYTE_ARRAY', ...optional }];
    case 'string':
      return [{ name: column.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', ...optional }];
    case 'double':
      return [{ name: column.name, type: 'DOUBLE', ...optional }];
    case 'int64':
      return [{ name: column.name, type: 'INT64', ...optional }];
  }
}

function featureOf(column: FixtureColumn, classLabels: FixtureOptions['classLabels']): unknown {
  const names = classLabels?.[column.name];
  if (names !== undefined) return { names, _type: 'ClassLabel' };
  if (column.kind === 'image') return { _type: 'Image' };
  const dtype = { binary: 'binary', string: 'string', double: 'float64', int64: 'int64' }[column.kind];
  return { dtype, _type: 'Value' };
}

/** Writes a Parquet file of `columns` (all of one length) the way `datasets` lays it out. */
export function writeParquetFixture(file: string, columns: readonly FixtureColumn[], options: FixtureOptions = {}): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const rows = columns[0]?.data.length ?? 0;
  const features = Object.fromEntries(columns.map((c) => [c.name, featureOf(c, options.classLabels)]));
  parquetWriteFile({
    filename: file,
    columnData: columns.map((c) => ({ name: c.name, data: [...c.data] })),
    schema: [{ name: 'schema', num_children: columns.length }, ...columns.flatMap(schemaOf)],
    rowGroupSize: options.rowGroupSize ?? Math.max(rows, 1),
    statistics: false,
    kvMetadata: [{ key: 'huggingface', value: JSON.stringify({ info: { features } }) }],
  });
}

/** A small RGB PNG whose pixels depend on `seed` (so every row's image differs). */
export function tinyPng(seed: number, side = 4): Buffer {
  const data = new Uint8Array(side * side * 3);
  for (let i = 0; i < data.length; i++) data[i] = (seed * 53 + i * 17) & 0xff;
  return encodeRgbPng({ width: side, height: side, mode: 'RGB', data });
}

/** One row of a SCAM-like dataset (BLISS-e-V/SCAM's columns). */
export interface ScamRow {
  readonly id: string;
  readonly type: 'SCAM' | 'NoSCAM' | 'SynthSCAM';
  readonly object_label: string | null;
  readonly attack_word: string | null;
  readonly postit_area_pct: number | null;
  readonly image: Uint8Array | null;
}

const objects = ['cup', 'dog', 'banana', 'laptop', 'bicycle'];
const words = ['cat', 'phone', 'apple', 'car', 'spoon'];
const types = ['SCAM', 'NoSCAM', 'SynthSCAM'] as const;

/** `count` SCAM-like rows from row `first`: ids `SCAM_img_0001`..., NoSCAM rows without an attack word. */
export function scamRows(count: number, first = 0): ScamRow[] {
  return Array.from({ length: count }, (_, k) => {
    const i = first + k;
    const type = types[i % 3] ?? 'SCAM';
    return {
      id: `SCAM_img_${String(i + 1).padStart(4, '0')}`,
      type,
      object_label: objects[i % objects.length] ?? 'cup',
      attack_word: type === 'NoSCAM' ? null : (words[i % words.length] ?? 'cat'),
      postit_area_pct: type === 'NoSCAM' ? null : 1.5 + (i % 7) * 0.25,
      image: tinyPng(i),
    };
  });
}

/** SCAM's columns for `rows`: `image` as the Image struct, or as a plain binary column with `imageForm: 'bytes'`. */
export function scamColumns(rows: readonly ScamRow[], imageForm: 'struct' | 'bytes' = 'struct'): FixtureColumn[] {
  return [
    imageForm === 'struct'
      ? { name: 'image', kind: 'image', data: rows.map((r) => ({ bytes: r.image, path: null })) }
      : { name: 'image', kind: 'binary', data: rows.map((r) => r.image) },
    { name: 'type', kind: 'string', data: rows.map((r) => r.type) },
    { name: 'object_label', kind: 'string', data: rows.map((r) => r.object_label) },
    { name: 'attack_word', kind: 'string', data: rows.map((r) => r.attack_word) },
    { name: 'postit_area_pct', kind: 'double', data: rows.map((r) => r.postit_area_pct) },
    { name: 'id', kind: 'string', data: rows.map((r) => r.id) },
  ];
}

/** README.md of a dataset repo: optional YAML front matter, then a line of text. */
export function writeReadme(dir: string, frontMatter?: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'README.md'), `${frontMatter === undefined ? '' : `---\n${frontMatter}\n---\n`}# A test dataset\n`);
}
