import type { InferenceSession } from 'onnxruntime-node';
import { EngineError } from '../../errors/EngineError.js';
import type { TowerSpec, TowerValueType } from './towerSpec.js';

/** A checked tower graph: the names and element types to feed and read. */
export interface TowerIo {
  readonly input: string;
  readonly inputType: TowerValueType;
  /** Inputs filled with ones, shaped like `input` (`attention_mask`). */
  readonly ones: readonly { readonly name: string; readonly type: TowerValueType }[];
  readonly output: string;
  readonly outputType: TowerValueType;
}

type Metadata = InferenceSession.ValueMetadata;

function formatShape(shape: readonly (number | string)[]): string {
  return `[${shape.map((d) => (typeof d === 'number' ? String(d) : d === '' ? '?' : d)).join(', ')}]`;
}

function describe(m: Metadata): string {
  return m.isTensor ? `${m.name} ${m.type} ${formatShape(m.shape)}` : `${m.name} (not a tensor)`;
}

function typeOf(m: Metadata, allowed: readonly TowerValueType[], fail: (why: string) => never): TowerValueType {
  if (!m.isTensor) return fail(`'${m.name}' is not a tensor`);
  const type = allowed.find((t) => t === m.type);
  return type ?? fail(`'${m.name}' is ${m.type}, expected ${allowed.join(' or ')}`);
}

/** Whether a declared shape disagrees with `expected`: another rank, a static axis of another size, or a fixed batch. */
function shapeMismatch(shape: readonly (number | string)[], expected: readonly (number | null)[]): boolean {
  if (shape.length === 0) return false; // the graph declares no shape: checked after each run
  if (shape.length !== expected.length) return true;
  return expected.some((want, axis) => {
    const got = shape[axis];
    return typeof got === 'number' && got !== want;
  });
}

/**
 * Checks a tower session's inputs and outputs against `spec` and says what to feed and read.
 *
 * @throws EngineError naming `file`, the names/types/shapes that were expected and those found
 *   (e.g. an export whose output is `pooler_output`, or one made for another image size).
 */
export function describeTowerIo(session: InferenceSession, spec: TowerSpec, file: string): TowerIo {
  const inputs = session.inputMetadata;
  const outputs = session.outputMetadata;
  const found = `inputs: ${inputs.map(describe).join(', ') || 'none'}; outputs: ${outputs.map(describe).join(', ') || 'none'}`;
  const fail = (why: string): never => {
    throw new EngineError(`${file} is not a ${spec.role} tower stroop can run: ${why} (found ${found}).`, 'onnx');
  };
  const expectedInput = `${spec.input} ${spec.inputTypes.join('|')} ${formatShape(spec.inputShape.map((d) => d ?? 'batch'))}`;
  const input = inputs.find((m) => m.name === spec.input) ?? fail(`no input '${spec.input}', expected ${expectedInput}`);
  const extra = inputs.filter((m) => m.name !== spec.input && !spec.onesInputs.includes(m.name));
  if (extra.length > 0) fail(`unexpected inputs ${extra.map((m) => `'${m.name}'`).join(', ')}, expected only ${[spec.input, ...spec.onesInputs].join(' and ')}`);
  const wanted = spec.outputs.map((name) => `'${name}'`).join(' or ');
  const outputName = spec.outputs.find((name) => outputs.some((m) => m.name === name));
  const output = outputs.find((m) => m.name === outputName) ?? fail(`no output ${wanted} (the projected ${spec.role} embedding)`);

  const inputType = typeOf(input, spec.inputTypes, fail);
  if (input.isTensor && shapeMismatch(input.shape, spec.inputShape)) fail(`input '${spec.input}' is ${formatShape(input.shape)}, expected ${expectedInput}`);
  const outputType = typeOf(output, spec.outputTypes, fail);
  if (output.isTensor && shapeMismatch(output.shape, [null, spec.outputDim])) {
    fail(`output '${output.name}' is ${formatShape(output.shape)}, expected [batch, ${spec.outputDim}] (projection_dim in config.json)`);
  }
  const ones = inputs
    .filter((m) => spec.onesInputs.includes(m.name))
    .map((m) => ({ name: m.name, type: typeOf(m, ['int64', 'int32', 'float32'], fail) }));
  return { input: spec.input, inputType, ones, output: output.name, outputType };
}
