import { open, type FileHandle } from 'node:fs/promises';

/** Reads `length` bytes at `position` of a model, from a file or from memory. */
type ReadAt = (position: number, length: number) => Promise<Uint8Array>;

/** Protobuf field numbers: ModelProto.graph, GraphProto.node, NodeProto.op_type. */
const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const NODE_OP_TYPE = 4;
/** Wire types: varint, 64-bit, length-delimited, 32-bit. */
const VARINT = 0;
const FIXED64 = 1;
const BYTES = 2;
const FIXED32 = 5;

async function readVarint(read: ReadAt, position: number): Promise<{ value: number; next: number }> {
  const bytes = await read(position, 10);
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return { value, next: position + i + 1 };
  }
  throw new Error(`malformed protobuf varint at byte ${position}`);
}

/** Calls `onField` for each field of the message in [start, end); length-delimited ones get their byte range. */
async function walkFields(read: ReadAt, start: number, end: number, onField: (field: number, from: number, to: number) => Promise<void>): Promise<void> {
  let position = start;
  while (position < end) {
    const key = await readVarint(read, position);
    const field = Math.floor(key.value / 8);
    const wire = key.value % 8;
    if (wire === VARINT) position = (await readVarint(read, key.next)).next;
    else if (wire === FIXED64) position = key.next + 8;
    else if (wire === FIXED32) position = key.next + 4;
    else if (wire === BYTES) {
      const length = await readVarint(read, key.next);
      await onField(field, length.next, length.next + length.value);
      position = length.next + length.value;
    } else throw new Error(`unsupported protobuf wire type ${wire} at byte ${position}`);
  }
}

/** Bytes of a file the walker reads at once: nodes lie together, so one window holds many. */
const WINDOW_BYTES = 1 << 16;

/** Reads through a window of the file, so the many small reads of a walk cost few system calls. */
function windowedReader(file: FileHandle, size: number): ReadAt {
  let window = Buffer.alloc(0);
  let windowStart = 0;
  return async (position, length) => {
    const end = Math.min(position + length, size);
    if (position < windowStart || end > windowStart + window.length) {
      window = Buffer.alloc(Math.max(0, Math.min(Math.max(WINDOW_BYTES, length), size - position)));
      windowStart = position;
      await file.read(window, 0, window.length, position);
    }
    return window.subarray(position - windowStart, end - windowStart);
  };
}

/**
 * The op types of an ONNX model's top-level graph nodes (`domain` not included), read by walking
 * the protobuf's structure: weights are skipped by their lengths, never read, and each node is
 * read once, so a 350 MB graph costs a few reads per node. Subgraphs (If, Loop) are not entered.
 * @param model a file path or the serialised model.
 */
export async function graphOpTypes(model: string | Uint8Array): Promise<Set<string>> {
  const file = typeof model === 'string' ? await open(model, 'r') : undefined;
  try {
    const size = file === undefined ? (model as Uint8Array).byteLength : (await file.stat()).size;
    const read: ReadAt = file === undefined ? async (position, length) => (model as Uint8Array).subarray(position, Math.min(position + length, size)) : windowedReader(file, size);
    const ops = new Set<string>();
    const decoder = new TextDecoder();
    await walkFields(read, 0, size, async (field, from, to) => {
      if (field !== MODEL_GRAPH) return;
      await walkFields(read, from, to, async (graphField, nodeFrom, nodeTo) => {
        if (graphField !== GRAPH_NODE) return;
        // A node is small: read it once and walk it in memory.
        const node = await read(nodeFrom, nodeTo - nodeFrom);
        const inNode: ReadAt = async (position, length) => node.subarray(position, position + length);
        await walkFields(inNode, 0, node.length, async (nodeField, a, b) => {
          if (nodeField === NODE_OP_TYPE) ops.add(decoder.decode(node.subarray(a, b)));
        });
      });
    });
    return ops;
  } finally {
    await file?.close();
  }
}
