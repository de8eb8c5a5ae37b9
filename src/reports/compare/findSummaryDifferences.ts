import { isDeepStrictEqual } from 'node:util';
import { runtimeLabel } from '../format.js';
import type { RunSummary } from '../runSummary.js';

/**
 * How much a difference between two runs matters to their comparison:
 * - `info`: expected or harmless (different model files are the point of a comparison);
 * - `warning`: the comparison holds, with a caveat;
 * - `meaningless`: a change could come from this difference instead of the model (`--force` compares anyway);
 * - `incomparable`: nothing can be compared at all.
 */
export type DifferenceSeverity = 'info' | 'warning' | 'meaningless' | 'incomparable';

/** One way two runs differ, for people to read. */
export interface SummaryDifference {
  /** What differs: `stroopVersion`, `classes`, `prompts`, `attacks`, `datasets`, `models`, `renderer`, `suite`, `planHash`. */
  readonly field: string;
  readonly severity: DifferenceSeverity;
  /** What differs, with both values where short, and what it means for the comparison. */
  readonly message: string;
}

const list = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join(', '));
const base = (file: string) => file.split(/[\\/]/).pop() ?? file;

function modelDifferences(a: RunSummary, b: RunSummary): SummaryDifference[] {
  const common = Object.keys(a.models).filter((id) => Object.hasOwn(b.models, id));
  const out: SummaryDifference[] = [];
  if (common.length === 0) {
    return [{ field: 'models', severity: 'incomparable', message: `no model id in common (baseline: ${list(Object.keys(a.models))}; candidate: ${list(Object.keys(b.models))}): nothing pairs. Give both models the same id in the suites, or pair them with --pair <baseline id>=<candidate id>.` }];
  }
  for (const id of common) {
    const ma = a.models[id];
    const mb = b.models[id];
    if (ma === undefined || mb === undefined) continue;
    const files = (m: typeof ma) => m.files.map((f) => `${f.file}:${f.sha256}`).sort();
    if (!isDeepStrictEqual(files(ma), files(mb))) {
      const changed = mb.files.filter((f) => !ma.files.some((g) => g.file === f.file && g.sha256 === f.sha256)).map((f) => `${f.file} ${f.sha256.slice(0, 12)}`);
      out.push({ field: 'models', severity: 'info', message: `model '${id}': files differ (candidate's new or changed: ${list(changed)}) - what a comparison is for.` });
    }
    if (runtimeLabel(ma) !== runtimeLabel(mb)) {
      out.push({ field: 'models', severity: 'warning', message: `model '${id}': runtime ${runtimeLabel(ma)} vs ${runtimeLabel(mb)}: small numeric differences can flip borderline predictions.` });
    }
  }
  const only = [...Object.keys(a.models), ...Object.keys(b.models)].filter((id) => !common.includes(id));
  if (only.length > 0) out.push({ field: 'models', severity: 'info', message: `models in one run only, not compared: ${list(only)}.` });
  return out;
}

function datasetDifferences(a: RunSummary, b: RunSummary): SummaryDifference[] {
  const out: SummaryDifference[] = [];
  const ids = (s: RunSummary) => s.datasets.map((d) => d.id).sort();
  if (!isDeepStrictEqual(ids(a), ids(b))) {
    out.push({ field: 'datasets', severity: 'meaningless', message: `datasets ${list(ids(a))} vs ${list(ids(b))}: the runs saw different images.` });
  }
  for (const da of a.datasets) {
    const db = b.datasets.find((d) => d.id === da.id);
    if (db === undefined) continue;
    const shape = (d: typeof da) => `${d.spec.manifest === undefined ? 'folder' : base(d.spec.manifest)}${d.spec.split === undefined ? '' : ` split ${d.spec.split}`}`;
    if (shape(da) !== shape(db)) out.push({ field: 'datasets', severity: 'meaningless', message: `dataset '${da.id}': ${shape(da)} vs ${shape(db)}: the runs saw different images.` });
    const ca = a.classes[da.id] ?? [];
    const cb = b.classes[da.id] ?? [];
    if (!isDeepStrictEqual(ca, cb)) {
      const added = cb.filter((c) => !ca.includes(c));
      const removed = ca.filter((c) => !cb.includes(c));
      const detail = added.length + removed.length === 0 ? 'same classes in another order' : `added ${list(added.slice(0, 5))}${added.length > 5 ? ', ...' : ''}; removed ${list(removed.slice(0, 5))}${removed.length > 5 ? ', ...' : ''}`;
      out.push({ field: 'classes', severity: 'meaningless', message: `dataset '${da.id}': class lists differ (${ca.length} vs ${cb.length}; ${detail}): the models chose among different classes, so accuracies are not comparable.` });
    }
  }
  return out;
}

function attackDifferences(a: RunSummary, b: RunSummary): SummaryDifference[] {
  const out: SummaryDifference[] = [];
  for (const aa of a.attacks) {
    const ab = b.attacks.find((x) => x.id === aa.id);
    if (ab === undefined) continue;
    const recipe = (x: typeof aa) => `${base(x.source)} seed ${x.seed} x${x.n}`;
    if (recipe(aa) !== recipe(ab)) out.push({ field: 'attacks', severity: 'meaningless', message: `attack '${aa.id}': ${recipe(aa)} vs ${recipe(ab)}: the attacked images differ, so attacked rows do not pair.` });
  }
  const only = [...a.attacks, ...b.attacks].map((x) => x.id).filter((id) => !(a.attacks.some((x) => x.id === id) && b.attacks.some((x) => x.id === id)));
  if (only.length > 0) out.push({ field: 'attacks', severity: 'info', message: `attacks in one run only, not compared: ${list([...new Set(only)])}.` });
  return out;
}

/** A summary's protocol; summaries written before stroop recorded one are zero-shot. */
function protocolNameOf(summary: RunSummary): string {
  return (summary as Partial<RunSummary>).protocol?.name ?? 'zero-shot';
}

/**
 * Every way two run summaries differ that bears on comparing them, with what it means:
 * stroop version (rendering and metrics may change between versions: meaningless without
 * `--force`), classes and prompts (meaningless: the task changed), datasets and attack recipes
 * (meaningless: different images), model files (info: the point of a comparison), runtimes,
 * renderer and suite name (warnings), and no model in common (incomparable). Pure.
 */
export function findSummaryDifferences(a: RunSummary, b: RunSummary): SummaryDifference[] {
  const out: SummaryDifference[] = [];
  if (a.stroopVersion !== b.stroopVersion) {
    out.push({ field: 'stroopVersion', severity: 'meaningless', message: `stroop ${a.stroopVersion} vs ${b.stroopVersion}: attack rendering and metrics may differ between versions; re-run the baseline with one version.` });
  }
  if (a.suite !== b.suite) out.push({ field: 'suite', severity: 'warning', message: `suite '${a.suite}' vs '${b.suite}'.` });
  const protocolA = protocolNameOf(a);
  const protocolB = protocolNameOf(b);
  if (protocolA !== protocolB) {
    out.push({ field: 'protocol', severity: 'meaningless', message: `protocol ${protocolA} vs ${protocolB}: the numbers answer different questions (which classes compete, which prompts), so they do not compare.` });
  }
  out.push(...modelDifferences(a, b), ...datasetDifferences(a, b));
  if (!isDeepStrictEqual(a.prompts, b.prompts)) {
    out.push({ field: 'prompts', severity: 'meaningless', message: `prompt templates differ (${a.prompts.length} vs ${b.prompts.length}): class embeddings changed, so a change may be the prompts', not the model's.` });
  }
  out.push(...attackDifferences(a, b));
  if (!isDeepStrictEqual(a.renderer, b.renderer)) out.push({ field: 'renderer', severity: 'warning', message: 'renderer versions or fonts differ: attacked images may differ by a few pixels.' });
  if (a.planHash !== b.planHash) out.push({ field: 'planHash', severity: 'info', message: `plans differ (${a.planHash.slice(0, 12)} vs ${b.planHash.slice(0, 12)}); model references or other settings changed.` });
  return out;
}
