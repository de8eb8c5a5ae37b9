import fs from 'node:fs';
import { classSetOf } from '../datasets/classSetOf.js';
import { openDataset } from '../datasets/openDataset.js';
import { SuiteError } from '../errors/errors.js';
import { classDrawers, drawnClassProblems } from './resolve/resolveDatasetEntry.js';
import type { Suite, SuiteDataset } from './suite.js';
import { formatSuitePath, type SuiteProblem } from './suiteProblem.js';
import { locateProblems, parseSuiteYaml } from './suiteYaml.js';


/** The class set a run computes for a dataset whose classes are a rule (all of its samples, whatever the cap on samples). */
async function ruleClassNames(dataset: SuiteDataset, rule: 'labels' | 'labels+attack-texts'): Promise<string[]> {
  const opened = await openDataset(dataset);
  return classSetOf(opened.samples(), rule);
}

/**
 * Checks, before a run, what `loadSuite` cannot: that the class names an attack (or the search)
 * will write on images are valid attack texts also for datasets whose classes come from their
 * samples (a rule such as `labels`). Each such dataset's samples are read once, as the run will
 * (no image is opened); nothing is read when no attack draws class names. Builtin datasets are
 * skipped: their class names are stroop's own.
 *
 * @param file the suite file as the user named it, for messages.
 * @throws SuiteError placing each bad name at its dataset's `classes` in the suite file (file:line:column);
 *   DatasetError when a dataset cannot be read.
 */
export async function checkDrawnClassNames(suite: Suite, file: string): Promise<void> {
  const drawers = classDrawers(suite.attacks, suite.search);
  if (drawers.length === 0) return;
  const problems: SuiteProblem[] = [];
  for (const [i, dataset] of suite.datasets.entries()) {
    const { classes } = dataset;
    if (classes.kind !== 'rule' || dataset.builtin !== undefined) continue;
    const names = await ruleClassNames(dataset, classes.rule);
    const from = `${classes.rule === 'labels' ? 'a label' : 'a label or attack text'} in ${dataset.manifest ?? dataset.root}`;
    problems.push(...drawnClassProblems(names, drawers, () => ['datasets', i, 'classes'], () => from));
  }
  if (problems.length === 0) return;
  const parsed = parseSuiteYaml(fs.readFileSync(suite.file, 'utf8'));
  // The file parsed when the suite was loaded; should it have changed since, the problems go at its top.
  const issues = 'yaml' in parsed ? locateProblems(parsed.yaml, problems) : problems.map((p) => ({ path: formatSuitePath(p.path), message: p.message, line: 1, column: 1 }));
  throw new SuiteError(file, issues);
}
