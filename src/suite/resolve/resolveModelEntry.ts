import path from 'node:path';
import { parseModelRef } from '../../hub/parseModelRef.js';
import type { ModelRef } from '../../hub/modelRef.js';
import type { ModelEntry } from '../schema/modelEntrySchema.js';
import type { SuiteModel } from '../suite.js';
import { deriveId } from './deriveId.js';
import { isDirectory } from './fileKinds.js';
import { problemAt, type Resolved } from './resolved.js';

const allowed = 'a model folder (relative to the suite file; start it with ./ or ../) or a hub id org/name[@revision]';

/** The model reference of `written`: relative folders resolve against `dir`. */
function modelRefOf(written: string, dir: string): ModelRef | undefined {
  let ref: ModelRef;
  try {
    ref = parseModelRef(written, (p) => isDirectory(path.resolve(dir, p)));
  } catch {
    return undefined;
  }
  return ref.kind === 'local' ? { kind: 'local', dir: path.resolve(dir, ref.dir) } : ref;
}

/**
 * A suite's model entry, resolved: a local folder made absolute (it must exist),
 * or a hub id kept as written (it is downloaded when the suite runs).
 */
export function resolveModelEntry(entry: ModelEntry, dir: string): Resolved<SuiteModel> & { readonly id?: string } {
  const ref = modelRefOf(entry.path, dir);
  if (ref === undefined) return { problems: [problemAt(['path'], `must be ${allowed}; found ${JSON.stringify(entry.path)}`)] };
  const lastSegment = ref.kind === 'local' ? path.basename(ref.dir) : (ref.id.split('/')[1] ?? ref.id);
  const id = entry.id ?? deriveId(lastSegment);
  if (ref.kind === 'local' && !isDirectory(ref.dir)) {
    return { ...(id !== undefined ? { id } : {}), problems: [problemAt(['path'], `no such folder: ${ref.dir}; must be ${allowed}`)] };
  }
  if (id === undefined) return { problems: [problemAt(['path'], `no id can be made from ${JSON.stringify(lastSegment)}; give the model an id`)] };
  const model: SuiteModel = {
    id,
    ref,
    engine: entry.engine,
    dtype: entry.dtype,
    device: entry.device,
    ...(entry.threads !== undefined ? { threads: entry.threads } : {}),
  };
  return { id, value: model, problems: [] };
}
