import fc from 'fast-check';

/**
 * Mutations of a valid input, as a fuzzer makes them: bit flips, bytes set to boundary values,
 * 16/32-bit fields set to boundary values (lengths, sizes, counts), deletions, insertions,
 * duplicated ranges, truncation, and insertions of format tokens (YAML anchors, CSV quotes, JSON
 * keys). Positions are drawn as naturals and taken modulo the current length, so one mutation
 * list applies to any seed input and shrinks towards the start of the file.
 */
export type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'set'; readonly at: number; readonly value: number }
  | { readonly kind: 'setWord'; readonly at: number; readonly value: number; readonly bytes: 2 | 4; readonly littleEndian: boolean }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly kind: 'duplicate'; readonly from: number; readonly length: number; readonly to: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'token'; readonly at: number; readonly token: number; readonly replace: number };

/** Bytes that often sit at a decoder's edge cases. */
const interestingBytes = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x0a, 0x0d, 0x22, 0x2c, 0x3a, 0x7b, 0x7d, 0x5b, 0x5d, 0x20];
/** Lengths, sizes and counts at their edges (signed and unsigned limits, powers of two). */
const interestingWords = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 4096, 1 << 20];

const position = fc.nat({ max: 1 << 30 });

function mutationArb(tokenCount: number): fc.Arbitrary<Mutation> {
  const options: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant('set' as const), at: position, value: fc.oneof(fc.constantFrom(...interestingBytes), fc.integer({ min: 0, max: 255 })) }),
    fc.record({
      kind: fc.constant('setWord' as const),
      at: position,
      value: fc.oneof(fc.constantFrom(...interestingWords), fc.nat({ max: 0xffffffff })),
      bytes: fc.constantFrom(2 as const, 4 as const),
      littleEndian: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), from: position, length: fc.integer({ min: 1, max: 256 }), to: position }),
    fc.record({ kind: fc.constant('truncate' as const), at: position }),
  ];
  if (tokenCount > 0) {
    const token = fc.record({ kind: fc.constant('token' as const), at: position, token: fc.nat({ max: tokenCount - 1 }), replace: fc.integer({ min: 0, max: 8 }) });
    // Text formats: token edits are most of what reaches past the tokenizer.
    options.push(token, token, token);
  }
  return fc.oneof(...options);
}

/** One fuzz case: which seed input, and the mutations applied to it in order. */
export interface FuzzCase {
  readonly seed: number;
  readonly mutations: readonly Mutation[];
}

/** Cases over `seedCount` seed inputs, with 0 to 8 mutations each (mostly up to 2) (`tokens`: the format's tokens, for text formats). */
export function fuzzCaseArb(seedCount: number, tokens: readonly string[] = []): fc.Arbitrary<FuzzCase> {
  const mutation = mutationArb(tokens.length);
  // None (a seed itself), one or two mutations mostly: each more makes it likelier that the first check refuses the input.
  const mutations = fc.oneof({ weight: 4, arbitrary: fc.array(mutation, { minLength: 0, maxLength: 2 }) }, { weight: 1, arbitrary: fc.array(mutation, { minLength: 3, maxLength: 8 }) });
  return fc.record({ seed: fc.nat({ max: seedCount - 1 }), mutations });
}

/** Applies `mutations` to a copy of `input`; `tokens` as given to {@link fuzzCaseArb}. Inputs never grow past `maxBytes`. */
export function applyMutations(input: Uint8Array, mutations: readonly Mutation[], tokens: readonly string[] = [], maxBytes = 4 << 20): Uint8Array {
  let bytes = Uint8Array.from(input);
  const encoder = new TextEncoder();
  const splice = (at: number, remove: number, insert: Uint8Array) => {
    const out = new Uint8Array(bytes.length - remove + insert.length);
    out.set(bytes.subarray(0, at));
    out.set(insert, at);
    out.set(bytes.subarray(at + remove), at + insert.length);
    bytes = out.length > maxBytes ? out.subarray(0, maxBytes) : out;
  };
  for (const m of mutations) {
    const n = bytes.length;
    switch (m.kind) {
      case 'flip':
        if (n > 0) bytes[m.at % n] = (bytes[m.at % n] ?? 0) ^ (1 << m.bit);
        break;
      case 'set':
        if (n > 0) bytes[m.at % n] = m.value;
        break;
      case 'setWord': {
        if (n < m.bytes) break;
        const at = m.at % (n - m.bytes + 1);
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        if (m.bytes === 2) view.setUint16(at, m.value & 0xffff, m.littleEndian);
        else view.setUint32(at, m.value >>> 0, m.littleEndian);
        break;
      }
      case 'delete':
        if (n > 0) splice(m.at % n, Math.min(m.length, n - (m.at % n)), new Uint8Array(0));
        break;
      case 'insert':
        splice(m.at % (n + 1), 0, m.bytes);
        break;
      case 'duplicate':
        if (n > 0) {
          const from = m.from % n;
          splice(m.to % (n + 1), 0, bytes.slice(from, Math.min(n, from + m.length)));
        }
        break;
      case 'truncate':
        bytes = bytes.subarray(0, m.at % (n + 1));
        break;
      case 'token': {
        const at = m.at % (n + 1);
        splice(at, Math.min(m.replace, n - at), encoder.encode(tokens[m.token % tokens.length] ?? ''));
        break;
      }
    }
  }
  return bytes;
}
