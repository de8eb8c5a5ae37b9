import zlib from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type Compressors, type FileMetaData, type SchemaTree } from 'hyparquet';
import { DatasetError, messageOf } from '../../errors/errors.js';

/**
 * Reading a Hugging Face dataset's Parquet file: its layout (the image column, the scalar
 * columns, ClassLabel names) and its rows, one row group at a time, so memory stays bounded by
 * a row group whatever the file's size.
 */

/** One scalar cell as stroop keeps it: INT64 as a number when safe (else its decimal text), dates as ISO text, ClassLabel ints as their names. */
export type ScalarValue = string | number | boolean | null;

/** How a file stores its images: the `datasets` Image feature (a struct `{bytes, path}`), or a plain binary column. */
export interface ImageColumn {
  readonly name: string;
  readonly form: 'struct' | 'bytes';
}

/** What a Parquet file holds, from its footer alone. */
export interface ParquetLayout {
  /** Rows in the file. */
  readonly rows: number;
  /** Rows of each row group, in order. */
  readonly rowGroups: readonly number[];
  /** Every top-level column, in schema order. */
  readonly columns: readonly string[];
  /** The image column; undefined when the file has none. */
  readonly image: ImageColumn | undefined;
  /** The columns of one scalar value per row (strings, numbers, booleans, dates), in schema order; never the image column. */
  readonly scalars: readonly string[];
  /** ClassLabel names by column, from the file's `huggingface` key-value metadata. */
  readonly classLabels: ReadonlyMap<string, readonly string[]>;
}

/** One row: its image bytes (or the external path the row names instead), and its scalar cells. */
export interface ParquetRow {
  /** The encoded image; null when the row has none. */
  readonly image: Uint8Array | null;
  /** Set when the Image struct has no bytes but a path (an image stored outside the file). */
  readonly imagePath?: string;
  readonly values: Readonly<Record<string, ScalarValue>>;
}

/** An opened Parquet file. */
export interface ParquetFile {
  /** The path as opened, named in errors. */
  readonly path: string;
  readonly layout: ParquetLayout;
  readonly buffer: AsyncBuffer;
  readonly metadata: FileMetaData;
}

/** Codecs hyparquet lacks that Node has (snappy and uncompressed are built in). */
const compressors: Compressors = {
  GZIP: (input) => new Uint8Array(zlib.gunzipSync(input)),
  BROTLI: (input) => new Uint8Array(zlib.brotliDecompressSync(input)),
  // Node 22.15 and later only.
  ...('zstdDecompressSync' in zlib ? { ZSTD: (input: Uint8Array) => new Uint8Array((zlib as unknown as { zstdDecompressSync: (b: Uint8Array) => Buffer }).zstdDecompressSync(input)) } : {}),
};

const textAnnotations = new Set(['UTF8']);

function isLeaf(node: SchemaTree): boolean {
  return node.children.length === 0 && node.element.type !== undefined;
}

/** A leaf holding text or numbers (not raw binary, JSON or a repeated field). */
function isScalar(node: SchemaTree): boolean {
  const { element } = node;
  if (!isLeaf(node) || element.repetition_type === 'REPEATED') return false;
  if (element.converted_type === 'JSON' || element.converted_type === 'BSON' || element.logical_type?.type === 'JSON') return false;
  if (element.type === 'BYTE_ARRAY') return textAnnotations.has(element.converted_type ?? '') || element.logical_type?.type === 'STRING';
  return true;
}

function isBinaryLeaf(node: SchemaTree | undefined): boolean {
  return node !== undefined && isLeaf(node) && node.element.type === 'BYTE_ARRAY' && !isScalar(node);
}

/** The `datasets` features from the `huggingface` key-value metadata, when the file has them. */
function featuresOf(metadata: FileMetaData): Readonly<Record<string, unknown>> {
  const value = metadata.key_value_metadata?.find((kv) => kv.key === 'huggingface')?.value;
  if (value === undefined) return {};
  try {
    const features = (JSON.parse(value) as { info?: { features?: unknown } }).info?.features;
    return features !== null && typeof features === 'object' ? (features as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function imageColumnOf(top: readonly SchemaTree[], features: Readonly<Record<string, unknown>>): ImageColumn | undefined {
  const candidates: ImageColumn[] = [];
  for (const node of top) {
    const name = node.element.name;
    const feature = (features[name] as { _type?: unknown } | undefined)?._type;
    const bytes = node.children.find((c) => c.element.name === 'bytes');
    if (isBinaryLeaf(bytes) && (feature === 'Image' || node.children.some((c) => c.element.name === 'path'))) candidates.push({ name, form: 'struct' });
    else if (isBinaryLeaf(node) && (feature === 'Image' || name === 'image')) candidates.push({ name, form: 'bytes' });
  }
  return candidates.find((c) => c.name === 'image') ?? candidates[0];
}

function classLabelsOf(features: Readonly<Record<string, unknown>>): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const [name, feature] of Object.entries(features)) {
    const { _type: type, names } = (feature ?? {}) as { _type?: unknown; names?: unknown };
    if (type === 'ClassLabel' && Array.isArray(names) && names.every((n) => typeof n === 'string')) out.set(name, names);
  }
  return out;
}

/**
 * Opens a Parquet file and reads its footer: the layout, no row data.
 *
 * @throws DatasetError naming the file when it is not Parquet.
 */
export async function openParquetFile(file: string): Promise<ParquetFile> {
  let buffer: AsyncBuffer;
  let metadata: FileMetaData;
  try {
    buffer = await asyncBufferFromFile(file);
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new DatasetError(`'${file}' cannot be read as Parquet (${messageOf(error)}).`, file, undefined, { cause: error });
  }
  const top = parquetSchema(metadata).children;
  const features = featuresOf(metadata);
  const image = imageColumnOf(top, features);
  const layout: ParquetLayout = {
    rows: Number(metadata.num_rows),
    rowGroups: metadata.row_groups.map((g) => Number(g.num_rows)),
    columns: top.map((c) => c.element.name),
    image,
    scalars: top.filter((c) => c.element.name !== image?.name && isScalar(c)).map((c) => c.element.name),
    classLabels: classLabelsOf(features),
  };
  return { path: file, layout, buffer, metadata };
}

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

/** A cell as stroop keeps it (see ScalarValue); `names` maps a ClassLabel's int to its name (-1, "no label", to null). */
export function toScalar(value: unknown, names?: readonly string[]): ScalarValue {
  let v = value;
  if (typeof v === 'bigint') v = v >= -maxSafe && v <= maxSafe ? Number(v) : v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    if (names !== undefined && Number.isInteger(v)) return v === -1 ? null : (names[v] ?? v);
    return v;
  }
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return null;
}

function imageOf(cell: unknown, form: ImageColumn['form']): Pick<ParquetRow, 'image' | 'imagePath'> {
  if (form === 'bytes') return { image: cell instanceof Uint8Array ? cell : null };
  const { bytes, path } = (cell ?? {}) as { bytes?: unknown; path?: unknown };
  if (bytes instanceof Uint8Array) return { image: bytes };
  return typeof path === 'string' && path !== '' ? { image: null, imagePath: path } : { image: null };
}

/**
 * The file's rows, one row group per step, in file order: only the image column and the scalar
 * columns are decoded, and only one row group is held at a time.
 *
 * @throws DatasetError naming the file when a row group cannot be decoded (e.g. a codec hyparquet lacks).
 */
export async function* parquetRowGroups(file: ParquetFile): AsyncGenerator<ParquetRow[]> {
  const { layout } = file;
  const columns = [...(layout.image === undefined ? [] : [layout.image.name]), ...layout.scalars];
  let rowStart = 0;
  for (const size of layout.rowGroups) {
    if (size === 0) continue;
    let objects: Record<string, unknown>[];
    try {
      objects = await parquetReadObjects({ file: file.buffer, metadata: file.metadata, columns, rowStart, rowEnd: rowStart + size, utf8: false, compressors });
    } catch (error) {
      throw new DatasetError(`'${file.path}': rows ${rowStart}-${rowStart + size - 1} cannot be decoded (${messageOf(error)}).`, file.path, undefined, { cause: error });
    }
    rowStart += size;
    yield objects.map((object) => {
      const values: Record<string, ScalarValue> = {};
      for (const name of layout.scalars) values[name] = toScalar(object[name], layout.classLabels.get(name));
      return { ...(layout.image === undefined ? { image: null } : imageOf(object[layout.image.name], layout.image.form)), values };
    });
  }
}
