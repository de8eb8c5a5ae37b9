import { isProcessRunning } from '../../util/writeFileAtomically.js';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatasetError } from '../../errors/errors.js';
import { openParquetFile, parquetRowGroups, type ParquetFile, type ScalarValue } from './parquetRows.js';

/**
 * Extracting one split of a Parquet dataset into a folder stroop's manifest reader opens:
 * `images/<name>.<ext>` and `rows.jsonl` (one object per row, file order: `image`, the image's
 * relative path, then every scalar column), plus `extraction.json` describing it. The folder is
 * built under a temporary name and renamed into place when complete, so a folder that exists
 * is whole, and a killed extraction leaves only a temporary folder the next one removes.
 */

/** What `extraction.json` records: the source and the columns, for later calls that do no work. */
export interface ExtractionInfo {
  /** `org/name`, the commit and the split the rows come from. */
  readonly id: string;
  readonly commit: string;
  readonly split: string;
  /** The split's Parquet files (repo-relative), in the order their rows were read. */
  readonly files: readonly string[];
  /** Rows in rows.jsonl (every row of the files). */
  readonly rows: number;
  /** Every top-level column of the files, in schema order. */
  readonly columns: readonly string[];
  /** The scalar columns, which rows.jsonl holds. */
  readonly scalars: readonly string[];
  /** The image column. */
  readonly image: string;
  /** The column whose values named the image files; null when they are named by row index. */
  readonly names: string | null;
}

/** One extraction to do. */
export interface ExtractionRequest {
  /** The folder to create; it must not be complete already. */
  readonly root: string;
  readonly id: string;
  readonly commit: string;
  readonly split: string;
  /** The split's Parquet files in order: repo-relative path and local file. */
  readonly files: readonly { readonly repoPath: string; readonly file: string }[];
  /** A scalar column whose values name the image files (made file-system safe, unique); by row index when absent. */
  readonly nameColumn?: string;
  /** Called after each row group is written; extraction of a large split reports progress (and tests pause) here. */
  readonly onRowGroup?: (rowsDone: number, rowsTotal: number) => void | Promise<void>;
}

export const extractionFile = 'extraction.json';
export const rowsFile = 'rows.jsonl';
const temporarySuffix = '.tmp';

/** The file extension of encoded image bytes, from their magic number; `bin` for a format not recognised. */
export function imageExtensionOf(bytes: Uint8Array): string {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'webp';
  if (starts(0x42, 0x4d)) return 'bmp';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'tif';
  return 'bin';
}

/** A value as a file name stem: letters, digits, `.`, `_`, `-` (others become `_`), no leading dot, at most 100 characters. */
function safeStem(value: ScalarValue): string {
  if (value === null) return '';
  return String(value).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(0, 100);
}

/** The extraction a folder holds, or undefined when it holds none that is complete. */
export async function readExtraction(root: string): Promise<ExtractionInfo | undefined> {
  const text = await readFile(path.join(root, extractionFile), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const info = JSON.parse(text) as ExtractionInfo;
    return typeof info.rows === 'number' && Array.isArray(info.columns) && Array.isArray(info.scalars) ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the temporary folders of `root` whose process is gone (a killed extraction). */
async function removeStaleTemporaries(root: string): Promise<void> {
  const prefix = `.${path.basename(root)}.`;
  for (const name of await readdir(path.dirname(root)).catch(() => [])) {
    if (!name.startsWith(prefix) || !name.endsWith(temporarySuffix)) continue;
    const pid = Number(/^(\d+)\.[0-9a-f]+$/.exec(name.slice(prefix.length, -temporarySuffix.length))?.[1]);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !isProcessRunning(pid)) await rm(path.join(path.dirname(root), name), { recursive: true, force: true });
  }
}

/**
 * The files of a split, opened, checked to share one layout with an image column.
 *
 * @param repo names the repository in errors.
 * @throws DatasetError naming the file that is not Parquet, has no image column, or differs from the first.
 */
export async function openSplitFiles(files: ExtractionRequest['files'], repo: string): Promise<ParquetFile[]> {
  const opened: ParquetFile[] = [];
  for (const { repoPath, file } of files) {
    const parquet = await openParquetFile(file);
    const { layout } = parquet;
    if (layout.image === undefined) {
      throw new DatasetError(
        `Dataset ${repo}: '${repoPath}' has no image column (the datasets Image feature, a struct {bytes, path}, or a binary column named image); columns found: ${layout.columns.join(', ')}.`,
        file,
      );
    }
    const first = opened[0]?.layout;
    if (first !== undefined && (first.columns.join('\0') !== layout.columns.join('\0') || first.image?.name !== layout.image.name)) {
      throw new DatasetError(`Dataset ${repo}: '${repoPath}' has columns ${layout.columns.join(', ')}, unlike '${files[0]?.repoPath ?? ''}' (${first.columns.join(', ')}).`, file);
    }
    opened.push(parquet);
  }
  return opened;
}

async function writeRows(request: ExtractionRequest, opened: readonly ParquetFile[], folder: string, repo: string): Promise<number> {
  const total = opened.reduce((n, f) => n + f.layout.rows, 0);
  const width = Math.max(5, String(Math.max(total - 1, 0)).length);
  const used = new Set<string>();
  const uniqueName = (stem: string): string => {
    let name = stem;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem}-${n}`;
    used.add(name.toLowerCase());
    return name;
  };
  await mkdir(path.join(folder, 'images'), { recursive: true });
  const out = await open(path.join(folder, rowsFile), 'w');
  let index = 0;
  try {
    for (const [fileIndex, parquet] of opened.entries()) {
      const repoPath = request.files[fileIndex]?.repoPath ?? parquet.path;
      for await (const rows of parquetRowGroups(parquet)) {
        let lines = '';
        for (const row of rows) {
          if (row.imagePath !== undefined) {
            throw new DatasetError(`Dataset ${repo}: row ${index} (of '${repoPath}') has no image bytes, only the path '${row.imagePath}'; stroop reads only images stored in the Parquet file.`, parquet.path);
          }
          let image: string | null = null;
          if (row.image !== null) {
            const named = request.nameColumn === undefined ? '' : safeStem(row.values[request.nameColumn] ?? null);
            image = `images/${uniqueName(named === '' ? String(index).padStart(width, '0') : named)}.${imageExtensionOf(row.image)}`;
            await writeFile(path.join(folder, image), row.image);
          }
          // `image` first; a scalar column of that name (beside an image column of another name) yields to the path.
          lines += `${JSON.stringify(Object.assign({ image }, row.values, { image }))}\n`;
          index++;
        }
        await out.write(lines);
        await request.onRowGroup?.(index, total);
      }
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return index;
}

/**
 * Extracts a split's Parquet files into `request.root` (see the module comment) and returns what
 * it wrote. Another process that completed the same folder first wins; its extraction is returned.
 *
 * @param repo names the repository in errors, e.g. `'org/name' (commit abc1234)`.
 * @throws DatasetError for a file that is not Parquet, has no image column or differs from the
 *   others, or a row whose image is only an external path; nothing is left at `root` then.
 */
export async function extractParquetDataset(request: ExtractionRequest, repo: string): Promise<ExtractionInfo> {
  const opened = await openSplitFiles(request.files, repo);
  const layout = opened[0]?.layout;
  if (layout?.image === undefined) throw new DatasetError(`Dataset ${repo}: split '${request.split}' has no Parquet files.`, request.root);
  await mkdir(path.dirname(request.root), { recursive: true });
  await removeStaleTemporaries(request.root);
  const temporary = path.join(path.dirname(request.root), `.${path.basename(request.root)}.${process.pid}.${randomBytes(4).toString('hex')}${temporarySuffix}`);
  try {
    const rows = await writeRows(request, opened, temporary, repo);
    const info: ExtractionInfo = {
      id: request.id, commit: request.commit, split: request.split,
      files: request.files.map((f) => f.repoPath),
      rows, columns: layout.columns, scalars: layout.scalars, image: layout.image.name,
      names: request.nameColumn ?? null,
    };
    await writeFile(path.join(temporary, extractionFile), `${JSON.stringify(info, null, 2)}\n`);
    const existing = await readExtraction(request.root);
    if (existing !== undefined) {
      await rm(temporary, { recursive: true, force: true });
      return existing;
    }
    // A folder without extraction.json is not ours to keep: nothing renames an incomplete folder into place.
    await rm(request.root, { recursive: true, force: true });
    await rename(temporary, request.root);
    return info;
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
