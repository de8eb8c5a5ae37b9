import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { ClipTokenizer } from '../../src/families/clip/tokenizer/ClipTokenizer.js';
import { clipPreprocessorFor } from '../../src/families/clip/writeClipCheckpoint.js';
import type { RgbaImage } from '../../src/image/rgbaImage.js';
import { reducedClipTokenizer } from '../../src/train/reducedClipTokenizer.js';
import { captionClasses, writeBatchStream, type BatchSource } from '../../src/train/trainingBatchStream.js';
import { trainingBatch, type TrainingPool } from '../../src/train/trainingData.js';
import { stroopTinyRecipe, type TrainingRecipe } from '../../src/train/trainingRecipe.js';

const size = 16;
const classNames = ['apple', 'dog', 'guitar', 'hot air balloon', 'saxophone', 'tractor'];

function artwork(classIndex: number, style: number): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = 40 * classIndex;
    data[i + 1] = 60 * style + ((i / 4) % size) * 4;
    data[i + 2] = 200;
    data[i + 3] = 255;
  }
  return { width: size, height: size, data };
}

const base = stroopTinyRecipe('reading');
/** The reading recipe at 16 px and batch 4, writing words from step 0 so the renderer takes part. */
const recipe: TrainingRecipe = {
  ...base,
  batchSize: 4,
  datasetImageSize: size,
  wordsFromStep: 0,
  wordRampSteps: 1,
  architecture: { ...base.architecture, vision: { ...base.architecture.vision, imageSize: size, patchSize: 8 } },
};
const pool: TrainingPool = { classNames, artworks: classNames.map((_, c) => [artwork(c, 0), artwork(c, 1)]) };
const files = await reducedClipTokenizer(recipe.tokenizerMerges, recipe.architecture.text.maxPositionEmbeddings);
const tokenizer = ClipTokenizer.fromFiles({ vocabJson: files.files['vocab.json'] ?? '', mergesTxt: files.files['merges.txt'] ?? '' });
const preprocessor = clipPreprocessorFor(recipe.architecture);
const source: BatchSource = { recipe, pool, tokenizer, preprocessor };

/** A Writable that keeps every byte; `onWrite` may fail a write or slow it down. */
function collector(options: { highWaterMark?: number; onWrite?: (chunkIndex: number, sink: Writable) => Error | undefined; slow?: boolean } = {}) {
  const chunks: Buffer[] = [];
  let maxBuffered = 0;
  const sink: Writable = new Writable({
    highWaterMark: options.highWaterMark ?? 16384,
    write(chunk: Buffer, _encoding, callback) {
      maxBuffered = Math.max(maxBuffered, sink.writableLength);
      const error = options.onWrite?.(chunks.length, sink);
      if (error === undefined) chunks.push(chunk);
      if (options.slow === true) setImmediate(() => callback(error ?? null));
      else callback(error ?? null);
    },
  });
  return { sink, bytes: () => Buffer.concat(chunks), maxBuffered: () => maxBuffered };
}

interface DecodedRecord {
  step: number;
  count: number;
  pixels: number[];
  inputIds: number[];
  pooled: number[];
  classes: number[];
}

/** Reads a stroop-batches/1 stream as docs/training.md describes it, independently of the encoder. */
function decodeStream(bytes: Buffer): { header: Record<string, unknown>; records: DecodedRecord[] } {
  const newline = bytes.indexOf(0x0a);
  assert.ok(newline > 0, 'the header ends in a newline');
  const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Record<string, unknown>;
  const s = header['imageSize'] as number;
  const channels = header['channels'] as number;
  const context = header['contextLength'] as number;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: DecodedRecord[] = [];
  let at = newline + 1;
  const read = (n: number, get: (offset: number) => number) => Array.from({ length: n }, () => {
    const value = get(at);
    at += 4;
    return value;
  });
  while (at < bytes.length) {
    const [step = -1, count = -1] = read(2, (o) => view.getUint32(o, true));
    records.push({
      step,
      count,
      pixels: read(count * channels * s * s, (o) => view.getFloat32(o, true)),
      inputIds: read(count * context, (o) => view.getInt32(o, true)),
      pooled: read(count, (o) => view.getInt32(o, true)),
      classes: read(count, (o) => view.getInt32(o, true)),
    });
  }
  assert.equal(at, bytes.length, 'the stream ends on a record boundary');
  return { header, records };
}

async function stream(firstStep: number, steps: number) {
  const out = collector();
  const result = await writeBatchStream(out.sink, source, { firstStep, steps });
  return { result, ...decodeStream(out.bytes()) };
}

describe('writeBatchStream (stroop-batches/1)', () => {
  it("writes a header line describing the model, then each step's batch byte for byte as trainingBatch composes it", async () => {
    const { result, header, records } = await stream(0, 2);
    assert.deepEqual(result, { records: 2, readerClosed: false });
    assert.equal(header['format'], 'stroop-batches/1');
    assert.equal(header['recipe'], 'stroop-tiny');
    assert.deepEqual([header['imageSize'], header['channels'], header['contextLength'], header['batchSize']], [16, 3, 32, 4]);
    assert.deepEqual([header['steps'], header['firstStep'], header['seed']], [2, 0, recipe.seed]);
    assert.equal(header['eosTokenId'], files.eosTokenId);
    assert.deepEqual(header['classNames'], classNames);
    assert.deepEqual(header['tokenizer'], { merges: 1500 });
    const config = header['config'] as { vision_config: Record<string, unknown>; text_config: Record<string, unknown> };
    assert.deepEqual([config.vision_config['image_size'], config.vision_config['patch_size'], config.text_config['vocab_size']], [16, 8, files.vocabSize]);
    assert.deepEqual((header['preprocessor'] as { crop_size: unknown }).crop_size, { height: 16, width: 16 });

    assert.equal(records.length, 2);
    for (const [i, record] of records.entries()) {
      const batch = trainingBatch(i, recipe, pool, tokenizer, preprocessor);
      assert.equal(record.step, i);
      assert.equal(record.count, 4);
      assert.equal(record.pixels.length, 4 * 3 * 16 * 16);
      record.pixels.forEach((v, j) => assert.ok(Object.is(v, batch.pixels[j]), `step ${i} pixel ${j}: ${v} vs ${batch.pixels[j]}`));
      assert.deepEqual(record.inputIds, [...batch.inputIds]);
      assert.deepEqual(record.pooled, [...batch.pooled]);
      record.pooled.forEach((p, r) => assert.equal(record.inputIds[r * 32 + p], header['eosTokenId']));
      record.classes.forEach((c, r) => assert.ok(batch.captions[r]?.includes(classNames[c] ?? '\u0000'), `${batch.captions[r]} is not of class ${c}`));
    }
    assert.notDeepEqual(records[0]?.pixels, records[1]?.pixels);
  });

  it('starts a --first-step K stream at step K, equal to step K of a stream from zero', async () => {
    const whole = await stream(0, 4);
    const rest = await stream(3, 1);
    assert.deepEqual([rest.header['firstStep'], rest.header['steps']], [3, 1]);
    assert.equal(rest.records.length, 1);
    assert.deepEqual(rest.records[0], whole.records[3]);
  });

  it('composes the next batch only after the reader drained the last (memory stays at one record)', async () => {
    const out = collector({ highWaterMark: 1024, slow: true });
    const result = await writeBatchStream(out.sink, source, { firstStep: 0, steps: 4 });
    assert.equal(result.records, 4);
    const recordBytes = 8 + 4 * (4 * 3 * 16 * 16 + 4 * 32 + 2 * 4);
    assert.ok(out.maxBuffered() <= recordBytes, `buffered ${out.maxBuffered()} bytes, one record is ${recordBytes}`);
  });

  it('stops quietly when the reader closes the pipe (EPIPE), and fails on other write errors', async () => {
    const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    const closing = collector({ onWrite: (n) => (n === 2 ? epipe() : undefined) });
    const result = await writeBatchStream(closing.sink, source, { firstStep: 0, steps: 5 });
    assert.equal(result.readerClosed, true);
    assert.ok(result.records < 5, `${result.records} records`);

    const full = collector({ onWrite: (n) => (n === 1 ? Object.assign(new Error('no space left'), { code: 'ENOSPC' }) : undefined) });
    await assert.rejects(writeBatchStream(full.sink, source, { firstStep: 0, steps: 3 }), /no space left/);
  });

  it('refuses a batch larger than the pool has classes', async () => {
    await assert.rejects(writeBatchStream(collector().sink, { ...source, recipe: { ...recipe, batchSize: 7 } }, { firstStep: 0, steps: 1 }), /Batch size 7 exceeds the pool's 6 classes/);
  });
});

describe('captionClasses', () => {
  it("finds each caption's class through the templates, and refuses a caption that names none", () => {
    const templates = ['{}', 'the {}.', 'a picture of the {}.'];
    assert.deepEqual([...captionClasses(['dog', 'the hot air balloon.', 'a picture of the apple.'], templates, classNames)], [1, 3, 0]);
    assert.throws(() => captionClasses(['the cat.'], templates, classNames), /names no class/);
  });
});
