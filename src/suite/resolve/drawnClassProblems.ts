import { classDrawingStrategies } from '../../attacks/strategies/textChoiceSchema.js';
import { attackTextProblem } from '../../attacks/text/attackTextProblem.js';
import { describeFound } from '../describeFound.js';
import type { SearchEntry } from '../schema/searchEntrySchema.js';
import type { SuiteAttack } from '../suite.js';
import type { SuiteProblem } from '../suiteProblem.js';
import { problemAt } from './resolved.js';

/** Bad class names reported one by one per dataset; the rest are counted in one more problem. */
const namesShown = 10;

/**
 * What writes a dataset's class names on its images, as messages name it: each attack whose text
 * strategy draws classes (randomWrongClass, everyWrongClass, mostConfusable), and a search whose
 * texts are the wrong classes. Empty when nothing does.
 */
export function classDrawers(attacks: readonly SuiteAttack[], search: SearchEntry | undefined): string[] {
  const drawers = attacks.flatMap((a) => {
    const strategy = a.ref.kind === 'preset' ? a.ref.preset.text.strategy : undefined;
    return strategy !== undefined && classDrawingStrategies.has(strategy) ? [`attack '${a.id}' (${strategy})`] : [];
  });
  if (search?.texts === 'wrongClasses') drawers.push('the search (texts: wrongClasses)');
  return drawers;
}

/**
 * The problems of class names that `drawers` would write on images but that are no valid attack
 * text (over 200 characters, a control character): one per bad name, at `pathOf(its index)`,
 * saying where it came from (`sourceOf`), what writes it and why it cannot be written. Without
 * this, every row that draws such a name would be an error of the run, found only after it.
 */
export function drawnClassProblems(
  names: readonly string[],
  drawers: readonly string[],
  pathOf: (index: number) => readonly (string | number)[],
  sourceOf: (index: number) => string,
): SuiteProblem[] {
  if (drawers.length === 0) return [];
  const bad = names.flatMap((name, i) => {
    const reason = attackTextProblem(name);
    return reason === undefined ? [] : [{ name, i, reason }];
  });
  const problems = bad.slice(0, namesShown).map(({ name, i, reason }) =>
    problemAt(
      pathOf(i),
      `class name ${describeFound(name)} (${sourceOf(i)}) would be written on images by ${drawers.join(' and ')}, and an attack text ${reason}; ` +
        'rename the class, or give the attack a text strategy that does not draw class names (fixed or list)',
    ),
  );
  const rest = bad.slice(namesShown);
  if (rest[0] !== undefined) problems.push(problemAt(pathOf(rest[0].i), `and ${rest.length} more class names that cannot be written as attack texts, the same way`));
  return problems;
}
