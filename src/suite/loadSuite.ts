import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, SuiteError, messageOf } from '../errors/errors.js';
import { classDrawers, resolveDatasetEntry } from './resolve/resolveDatasetEntry.js';
import { resolveAttackEntry, resolveEntryList, resolveModelEntry, resolvePrompts } from './resolve/resolveEntries.js';
import { searchEntrySchema } from './schema/searchEntrySchema.js';
import { attackEntrySchema, datasetEntrySchema, modelEntrySchema, promptsSchema } from './schema/suiteEntrySchemas.js';
import type { Suite, SuiteGates, SuiteThresholds } from './suite.js';
import { problemAt, problemsFromZod, suiteErrorMap, underPath, type SuiteProblem } from './suiteProblem.js';
import { suiteSchema, thresholdsSchema, type SuiteEntry } from './suiteSchema.js';
import { locateProblems, parseSuiteYaml } from './suiteYaml.js';
import { defaultProtocol, protocolNames, protocolOf, type ProtocolName } from '../zeroshot/protocols.js';

/** Gates as the schema gives them (a key may be present and undefined). */
type Gates = { maxDrop?: number | undefined; maxAsr?: number | undefined; minAttackedAcc?: number | undefined };

/**
 * Reads a suite file (YAML), validates it and resolves its references: plain data
 * with defaults filled, local paths absolute, presets and template sets loaded.
 *
 * @throws ConfigError when the file cannot be read; SuiteError listing every problem
 *   found, each as `file:line:column: path: problem`.
 */
export function loadSuite(file: string): Suite {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : messageOf(error);
    throw new ConfigError(`Cannot read suite file '${file}': ${reason}.`, file, { cause: error });
  }
  return parseSuite(text, file);
}

/**
 * Validates and resolves a suite from its YAML text. `file` names the suite in
 * messages, and relative paths in it resolve against `file`'s folder.
 *
 * @throws SuiteError listing every problem found, each with its line and column.
 */
export function parseSuite(text: string, file: string): Suite {
  const parsed = parseSuiteYaml(text);
  if ('issues' in parsed) throw new SuiteError(file, parsed.issues);
  const { yaml } = parsed;
  const shape = suiteSchema.safeParse(yaml.value, { error: suiteErrorMap });
  const resolved = resolveSuite(path.resolve(file), yaml.value, shape.success ? shape.data : undefined);
  const problems = [...(shape.success ? [] : problemsFromZod(shape.error, yaml.value)), ...resolved.problems];
  const issues = locateProblems(yaml, problems);
  if (issues.length > 0 || resolved.suite === undefined) {
    throw new SuiteError(file, issues.length > 0 ? issues : [{ path: '(top level)', message: 'is not a valid suite', line: 1, column: 1 }]);
  }
  return resolved.suite;
}

function gatesOf(gates: Gates): SuiteGates {
  return {
    ...(gates.maxDrop !== undefined ? { maxDrop: gates.maxDrop } : {}),
    ...(gates.maxAsr !== undefined ? { maxAsr: gates.maxAsr } : {}),
    ...(gates.minAttackedAcc !== undefined ? { minAttackedAcc: gates.minAttackedAcc } : {}),
  };
}

function field(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
}

/** Problems of `thresholds.perAttack` keys that name no attack of the suite. */
function perAttackProblems(raw: unknown, attackIds: readonly string[] | undefined): SuiteProblem[] {
  const parsed = thresholdsSchema.safeParse(field(raw, 'thresholds'));
  if (!parsed.success || parsed.data === undefined || attackIds === undefined) return [];
  const known = attackIds.length === 0 ? 'the suite has no attacks' : `attack ids: ${[...new Set(attackIds)].join(', ')}`;
  return Object.keys(parsed.data.perAttack ?? {})
    .filter((id) => !attackIds.includes(id))
    .map((id) => ({ ...problemAt(['thresholds', 'perAttack', id], `names no attack; ${known}`), atKey: true }));
}

/**
 * What a suite says that its protocol fixes otherwise: a dataset's classes, the templates, rendered
 * attacks under a protocol that scores only the word already on each image.
 */
function protocolProblems(raw: unknown, name: ProtocolName): SuiteProblem[] {
  const protocol = protocolOf(name);
  const problems: SuiteProblem[] = [];
  const datasets = field(raw, 'datasets');
  if (protocol.classes !== undefined && Array.isArray(datasets)) {
    datasets.forEach((dataset: unknown, i) => {
      const classes = field(dataset, 'classes');
      if (classes !== undefined && classes !== protocol.classes) {
        problems.push(problemAt(['datasets', i, 'classes'], `protocol ${name} scores over ${protocol.classes}; leave classes out (or choose protocol zero-shot)`));
      }
    });
  }
  const templates = field(field(raw, 'prompts'), 'templates');
  if (protocol.templates !== undefined && templates !== undefined && templates !== protocol.templates) {
    problems.push(problemAt(['prompts', 'templates'], `protocol ${name} prompts with the '${protocol.templates}' template set; leave templates out (or choose protocol zero-shot)`));
  }
  const attacks = field(raw, 'attacks');
  if (!protocol.renderedAttacks && Array.isArray(attacks) && attacks.length > 0) {
    problems.push(problemAt(['attacks'], `protocol ${name} scores the word already written on each image (a real-world set: attack_text per image); it takes no rendered attacks, leave attacks out`));
  }
  return problems;
}

/**
 * Resolves a suite's references against `file`'s folder: model and dataset folders,
 * presets, template sets and class lists (read now), unique ids, perAttack keys, and the
 * listed class names that attacks write on images (see checkDrawnClassNames for a rule's).
 * `raw` is the suite as written (every entry with the right shape is checked, so all
 * problems come out in one pass); `entry` is the schema's output, when the whole suite
 * had the right shape. The suite is returned only when nothing is wrong.
 */
export function resolveSuite(file: string, raw: unknown, entry: SuiteEntry | undefined): { readonly suite?: Suite; readonly problems: readonly SuiteProblem[] } {
  const dir = path.dirname(file);
  const rawProtocol = field(raw, 'protocol');
  const protocol = protocolOf((protocolNames as readonly unknown[]).includes(rawProtocol) ? (rawProtocol as ProtocolName) : defaultProtocol);
  const models = resolveEntryList(field(raw, 'models'), 'models', modelEntrySchema, (e) => resolveModelEntry(e, dir));
  const attacks = resolveEntryList(field(raw, 'attacks') ?? [], 'attacks', attackEntrySchema, (e) => resolveAttackEntry(e, dir));
  const search = searchEntrySchema.optional().safeParse(field(raw, 'search'));
  // Class names an attack writes on images must be attack texts; listed ones are checked here.
  const drawers = classDrawers(attacks.items, search.success ? search.data : undefined);
  const datasets = resolveEntryList(field(raw, 'datasets'), 'datasets', datasetEntrySchema, (e) => resolveDatasetEntry(e, dir, drawers, protocol.classes ?? 'labels'));
  const rawPrompts = field(raw, 'prompts') ?? {};
  const promptsEntry = promptsSchema.safeParse(protocol.templates !== undefined && field(rawPrompts, 'templates') === undefined ? { ...rawPrompts, templates: protocol.templates } : rawPrompts);
  const prompts = promptsEntry.success ? resolvePrompts(promptsEntry.data, dir) : { problems: [] };
  const problems = [
    ...protocolProblems(raw, protocol.name),
    ...models.problems,
    ...datasets.problems,
    ...underPath(['prompts'], prompts.problems),
    ...attacks.problems,
    ...perAttackProblems(raw, attacks.ids),
  ];
  if (entry === undefined || problems.length > 0 || prompts.value === undefined) return { problems };
  const thresholds: SuiteThresholds | undefined =
    entry.thresholds === undefined
      ? undefined
      : { ...gatesOf(entry.thresholds), perAttack: Object.fromEntries(Object.entries(entry.thresholds.perAttack ?? {}).map(([id, g]) => [id, gatesOf(g)])) };
  const suite: Suite = {
    file,
    name: entry.name,
    ...(entry.description !== undefined ? { description: entry.description } : {}),
    protocol: entry.protocol,
    models: models.items,
    datasets: datasets.items,
    prompts: prompts.value,
    attacks: attacks.items,
    batch: entry.batch,
    topK: entry.topK,
    ...(entry.maxSamples !== undefined ? { maxSamples: entry.maxSamples } : {}),
    ...(thresholds !== undefined ? { thresholds } : {}),
    ...(entry.search !== undefined ? { search: entry.search } : {}),
  };
  return { suite, problems };
}
