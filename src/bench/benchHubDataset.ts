import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import jpeg from 'jpeg-js';
import { extractParquetDataset } from '../datasets/hub/extractParquetDataset.js';
import { writeHubManifest } from '../datasets/hub/hubDatasetManifest.js';
import { readManifestFile } from '../datasets/manifest/ManifestParser.js';
import { readPeakRss } from './measurements.js';

/** A SCAM-sized Parquet dataset to generate and extract. */
export interface HubDatasetBenchOptions {
  /** Folder for the generated Parquet file and the extraction (emptied first). */
  readonly workDir: string;
  /** Rows; SCAM has 1,162. */
  readonly rows?: number;
  /** Image side, px; default 512. */
  readonly side?: number;
  /** Rows per row group; default 100. */
  readonly rowGroupSize?: number;
  /** Distinct JPEG encodings cycled through the rows (encoding is slow), each row's copy made unique by a comment. Default 32. */
  readonly distinctImages?: number;
  /** How often RSS is sampled, ms; default 5. */
  readonly intervalMs?: number;
}

export interface HubDatasetBenchReport {
  readonly rows: number;
  readonly rowGroups: number;
  /** Size of the generated Parquet file, MB (MiB). */
  readonly parquetMb: number;
  /** Mean size of one image, KB (KiB). */
  readonly meanImageKb: number;
  readonly generateSeconds: number;
  /** Extraction of images/ and rows.jsonl, s. */
  readonly extractSeconds: number;
  /** Writing the manifest and streaming every row of it through stroop's manifest reader, s. */
  readonly manifestSeconds: number;
  /** Rows the manifest reader gave back. */
  readonly manifestRows: number;
  /** RSS when extraction started, MB. */
  readonly startRssMb: number;
  /** Highest RSS sampled during extraction and manifest streaming, MB. */
  readonly peakRssMb: number;
  /** The kernel's peak RSS (Linux VmHWM) over the same span, MB; null where it cannot be reset or read. */
  readonly processPeakRssMb: number | null;
}

const MB = 1024 * 1024;

/** A smooth gradient with noise, JPEG quality 90: about 250 KB at 512 px, like a photo's. */
function noisyJpeg(side: number, seed: number): Uint8Array {
  const data = Buffer.alloc(side * side * 4);
  let s = seed * 2654435761 + 1;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const i = (y * side + x) * 4;
      for (let c = 0; c < 3; c++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        data[i + c] = Math.max(0, Math.min(255, ((x + y * (c + 1) + seed * 7) & 255) + ((s >>> 16) % 64) - 32));
      }
      data[i + 3] = 255;
    }
  }
  return new Uint8Array(jpeg.encode({ data, width: side, height: side }, 90).data);
}

/** `image` with a JPEG comment naming row `i` after its start marker: every row's bytes differ, as real photos' do, so Parquet cannot dictionary-encode them. */
function uniqueCopy(image: Uint8Array, i: number): Uint8Array {
  const text = Buffer.from(`row ${i}`);
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, text.length + 2]), text]);
  return Buffer.concat([image.subarray(0, 2), comment, image.subarray(2)]);
}

const scamTypes = ['SCAM', 'NoSCAM', 'SynthSCAM'] as const;
const typeOf = (row: number): string => scamTypes[row % 3] ?? 'SCAM';
const sceneOf = (row: number): number => Math.floor(row / 3);

/** Writes a SCAM-shaped Parquet file (Image struct, type, object_label, attack_word, postit_area_pct, id) one row group at a time. */
async function generateParquet(file: string, rows: number, side: number, rowGroupSize: number, distinct: number): Promise<number> {
  // A development dependency: imported only when the benchmark runs.
  const { ParquetWriter, fileWriter } = await import('hyparquet-writer');
  const images = Array.from({ length: Math.min(distinct, rows) }, (_, i) => noisyJpeg(side, i));
  const optional = { repetition_type: 'OPTIONAL' } as const;
  const text = { type: 'BYTE_ARRAY', converted_type: 'UTF8', ...optional } as const;
  const writer = new ParquetWriter({
    writer: fileWriter(file),
    statistics: false,
    schema: [
      { name: 'schema', num_children: 6 },
      { name: 'image', num_children: 2, ...optional },
      { name: 'bytes', type: 'BYTE_ARRAY', ...optional },
      { name: 'path', ...text },
      { name: 'type', ...text },
      { name: 'object_label', ...text },
      { name: 'attack_word', ...text },
      { name: 'postit_area_pct', type: 'DOUBLE', ...optional },
      { name: 'id', ...text },
    ],
  });
  let imageBytes = 0;
  for (let start = 0; start < rows; start += rowGroupSize) {
    const indices = Array.from({ length: Math.min(rowGroupSize, rows - start) }, (_, k) => start + k);
    const group = indices.map((i) => uniqueCopy(images[i % images.length] as Uint8Array, i));
    for (const image of group) imageBytes += image.length;
    await writer.write({
      rowGroupSize,
      columnData: [
        { name: 'image', data: group.map((bytes) => ({ bytes, path: null })) },
        // As in SCAM: scene i // 3 photographed three ways, every row with its scene's word and post-it area.
        { name: 'type', data: indices.map((i) => typeOf(i)) },
        { name: 'object_label', data: indices.map((i) => `object${sceneOf(i) % 40}`) },
        { name: 'attack_word', data: indices.map((i) => `word${sceneOf(i) % 50}`) },
        { name: 'postit_area_pct', data: indices.map((i) => 1 + (sceneOf(i) % 13) * 0.5) },
        { name: 'id', data: indices.map((i) => `${typeOf(i)}_img_${String(sceneOf(i) + 1).padStart(4, '0')}`) },
      ],
    });
  }
  await writer.finish();
  return imageBytes;
}

/** Resets the kernel's peak-RSS mark to the current RSS (Linux `clear_refs` 5); false where that is not allowed. */
function resetPeakRss(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Memory and time of opening a SCAM-sized hub dataset: generates its Parquet file (images in row
 * groups of `rowGroupSize`) as a local snapshot, extracts it (images/ and rows.jsonl), writes the
 * manifest for SCAM's mapping and streams every row through stroop's manifest reader, sampling
 * RSS every `intervalMs`. Extraction holds one row group at a time, so the peak should be far
 * below the file's size. Needs hyparquet-writer (a development dependency) to generate the file.
 */
export async function benchHubDataset(options: HubDatasetBenchOptions): Promise<HubDatasetBenchReport> {
  const rows = options.rows ?? 1162;
  const rowGroupSize = options.rowGroupSize ?? 100;
  fs.rmSync(options.workDir, { recursive: true, force: true });
  const snapshot = path.join(options.workDir, 'snapshot');
  const repoPath = 'data/train-00000-of-00001.parquet';
  const file = path.join(snapshot, ...repoPath.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });

  const generateStart = performance.now();
  const imageBytes = await generateParquet(file, rows, options.side ?? 512, rowGroupSize, options.distinctImages ?? 32);
  const generateSeconds = (performance.now() - generateStart) / 1000;

  (globalThis as { gc?: () => void }).gc?.();
  const startRss = process.memoryUsage().rss;
  const canReset = resetPeakRss();
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), options.intervalMs ?? 5);
  try {
    const extractStart = performance.now();
    const info = await extractParquetDataset(
      { root: path.join(options.workDir, 'extracted', 'train'), id: 'bench/SCAM', commit: '0'.repeat(40), split: 'train', files: [{ repoPath, file }], nameColumn: 'id' },
      "'bench/SCAM'",
    );
    const extractSeconds = (performance.now() - extractStart) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);

    const manifestStart = performance.now();
    const { manifest } = await writeHubManifest(path.join(options.workDir, 'extracted', 'train'), info, { label: 'object_label', attackText: 'attack_word' });
    let manifestRows = 0;
    for await (const batch of readManifestFile(manifest, 'jsonl')) manifestRows += batch.length;
    const manifestSeconds = (performance.now() - manifestStart) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss);
    const kernelPeak = canReset ? readPeakRss() : undefined;

    return {
      rows,
      rowGroups: Math.ceil(rows / rowGroupSize),
      parquetMb: fs.statSync(file).size / MB,
      meanImageKb: imageBytes / rows / 1024,
      generateSeconds,
      extractSeconds,
      manifestSeconds,
      manifestRows,
      startRssMb: startRss / MB,
      peakRssMb: peak / MB,
      processPeakRssMb: kernelPeak === undefined ? null : kernelPeak / MB,
    };
  } finally {
    clearInterval(sampler);
  }
}
