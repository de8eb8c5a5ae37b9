import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { listPresetNames, resolveAttackRef, type AttackRef } from '../../attacks/presets/loadPreset.js';
import { loadTemplateSet, shippedTemplateSets } from '../../datasets/shippedLists.js';
import { parseModelRef, type ModelRef } from '../../hub/modelRef.js';
import { messageOf } from '../../errors/errors.js';
import { CLASS_PLACEHOLDER } from '../../zeroshot/classEmbeddings.js';
import { idPattern, type AttackEntry, type ModelEntry, type PromptsEntry } from '../schema/suiteEntrySchemas.js';
import type { SuiteAttack, SuiteModel, SuitePrompts } from '../suite.js';
import { formatSuitePath, problemAt, underPath, type Resolved, type SuiteProblem } from '../suiteProblem.js';

/*
 * Resolving a suite's entries against the suite file's folder: the entry lists (each entry
 * checked, ids derived and unique), and the model, attack and prompts entries. Datasets, with
 * their class names, are resolveDatasetEntry's.
 */

/** A list of suite entries once resolved. */
export interface ResolvedList<T> {
  /** The entries that resolved, in file order. */
  readonly items: readonly T[];
  /** The id of every entry, or undefined when some entry has none (it did not parse). */
  readonly ids?: readonly string[];
  readonly problems: readonly SuiteProblem[];
}

/**
 * Resolves each entry of the list at `key` that has the right shape (the schema's
 * problems are reported by the suite schema itself), so that every entry's problems
 * are found in one pass; then checks that ids are unique.
 */
export function resolveEntryList<E, T>(
  raw: unknown,
  key: string,
  schema: z.ZodType<E>,
  resolve: (entry: E) => Resolved<T> & { readonly id?: string },
): ResolvedList<T> {
  if (!Array.isArray(raw)) return { items: [], problems: [] };
  const items: T[] = [];
  const problems: SuiteProblem[] = [];
  const ids: string[] = [];
  const firstIndex = new Map<string, number>();
  let allIds = true;
  raw.forEach((item: unknown, i) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      allIds = false;
      return;
    }
    const resolved = resolve(parsed.data);
    problems.push(...underPath([key, i], resolved.problems));
    if (resolved.value !== undefined) items.push(resolved.value);
    if (resolved.id === undefined) {
      allIds = false;
      return;
    }
    ids.push(resolved.id);
    const first = firstIndex.get(resolved.id);
    if (first === undefined) {
      firstIndex.set(resolved.id, i);
      return;
    }
    const explicit = typeof item === 'object' && item !== null && 'id' in item;
    const where = explicit ? [key, i, 'id'] : [key, i];
    const how = explicit ? '' : ' (its default id)';
    const message = `duplicate id '${resolved.id}'${how}: ${formatSuitePath([key, first])} has it too; ids must be unique within ${key}, give this entry its own id`;
    problems.push(problemAt(where, message));
  });
  return { items, ...(allIds ? { ids } : {}), problems };
}

/**
 * An id made from a name (a folder, a file, a repo): characters an id may not hold
 * become `-`, leading ones are dropped. Undefined when nothing usable is left.
 */
export function deriveId(name: string): string | undefined {
  const id = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100);
  return idPattern.test(id) ? id : undefined;
}

/** Whether `file` exists and is a folder (following symlinks). */
export function isDirectory(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Whether `file` exists and is a regular file (following symlinks). */
export function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

const allowedModelPaths = 'a model folder (relative to the suite file; start it with ./ or ../) or a hub id org/name[@revision]';

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
  if (ref === undefined) return { problems: [problemAt(['path'], `must be ${allowedModelPaths}; found ${JSON.stringify(entry.path)}`)] };
  const lastSegment = ref.kind === 'local' ? path.basename(ref.dir) : (ref.id.split('/')[1] ?? ref.id);
  const id = entry.id ?? deriveId(lastSegment);
  if (ref.kind === 'local' && !isDirectory(ref.dir)) {
    return { ...(id !== undefined ? { id } : {}), problems: [problemAt(['path'], `no such folder: ${ref.dir}; must be ${allowedModelPaths}`)] };
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

/** The id an attack gets when the suite names none: the preset name, or the file name without `.json`. */
function defaultAttackId(preset: string): string | undefined {
  return listPresetNames().includes(preset) ? preset : deriveId(path.basename(preset, '.json'));
}

function loadRef(preset: string, dir: string): Resolved<AttackRef> {
  const shipped = listPresetNames().includes(preset);
  const file = shipped ? preset : path.resolve(dir, preset);
  if (!shipped && !isFile(file)) {
    const allowed = `a shipped preset (${listPresetNames().join(', ')}) or a .json preset/spec file`;
    return { problems: [problemAt(['preset'], `no such file: ${file}; must be ${allowed}`)] };
  }
  try {
    return { value: resolveAttackRef(file), problems: [] };
  } catch (error) {
    return { problems: [problemAt(['preset'], messageOf(error))] };
  }
}

/**
 * A suite's attack entry, resolved: the preset (shipped, or a file relative to `dir`)
 * loaded and validated, with the suite's text strategy in place of its own (not
 * mostConfusable, which a run cannot draw).
 */
export function resolveAttackEntry(entry: AttackEntry, dir: string): Resolved<SuiteAttack> & { readonly id?: string } {
  const id = entry.id ?? defaultAttackId(entry.preset);
  const idPart = id !== undefined ? { id } : {};
  const loaded = loadRef(entry.preset, dir);
  if (loaded.value === undefined) return { ...idPart, problems: loaded.problems };
  if (id === undefined) return { problems: [problemAt(['preset'], `no id can be made from ${JSON.stringify(entry.preset)}; give the attack an id`)] };
  let ref = loaded.value;
  if (entry.text !== undefined) {
    if (ref.kind === 'spec') {
      return { id, problems: [problemAt(['text'], `is for presets; ${ref.file} is a single attack spec with its own text`)] };
    }
    ref = { ...ref, preset: { ...ref.preset, text: entry.text } };
  }
  if (ref.kind === 'preset' && ref.preset.text.strategy === 'mostConfusable') {
    // chooseTexts needs a confusion ranking for it, and a run supplies none: every row would be an error.
    const where = entry.text !== undefined ? ['text', 'strategy'] : ['preset'];
    return { id, problems: [problemAt(where, 'text strategy mostConfusable needs a confusion ranking, which a run does not compute; use everyWrongClass, randomWrongClass, list or fixed')] };
  }
  return { id, value: { id, name: entry.preset, ref, n: entry.n, seed: entry.seed }, problems: [] };
}

/**
 * The suite's prompt templates: an inline list as is, a shipped set or a .json file
 * (relative to `dir`) read now. Every template must hold `{}` for the class name.
 */
export function resolvePrompts(prompts: PromptsEntry, dir: string): Resolved<SuitePrompts> {
  const written = prompts.templates;
  if (typeof written !== 'string') return { value: { templates: [...written], source: 'inline' }, problems: [] };
  const shipped = shippedTemplateSets().includes(written);
  const file = shipped ? written : path.resolve(dir, written);
  if (!shipped && !isFile(file)) return { problems: [problemAt(['templates'], `no such file: ${file}; must be a JSON file of templates`)] };
  let templates: string[];
  try {
    templates = loadTemplateSet(file);
  } catch (error) {
    return { problems: [problemAt(['templates'], messageOf(error))] };
  }
  const bad = templates.findIndex((t) => !t.includes(CLASS_PLACEHOLDER));
  if (bad >= 0) {
    const message = `template ${bad + 1} of ${file}, ${JSON.stringify(templates[bad])}, must contain ${CLASS_PLACEHOLDER} where the class name goes`;
    return { problems: [problemAt(['templates'], message)] };
  }
  return { value: { templates, source: file }, problems: [] };
}
