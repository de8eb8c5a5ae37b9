import type { Options } from 'csv-stringify';

/** Characters that make a spreadsheet program read a cell as a formula (OWASP's CSV injection list). */
const formulaStart = /^[=+\-@\t\r]/;
/** A plain decimal number ("-10", "+0.5", "-1e-5"), which a spreadsheet reads as that number, never as a formula. */
const plainNumber = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A text cell as a spreadsheet program should show it: one that starts with `=`, `+`, `-`, `@`,
 * tab or carriage return is prefixed with `'`, so it is shown rather than evaluated, unless it is
 * a plain number such as `-10` (a bucket label), which stays as written. `-1+2` and `=cmd` are
 * neutralised.
 */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

/**
 * How every CSV stroop writes is encoded. Attack texts and labels are adversarial input:
 * formula-like text cells are neutralised ({@link neutraliseFormula}); numbers are written as
 * numbers, negative ones included. (csv-stringify's own `escape_formulas` would also prefix a
 * number written as text, such as the bucket label `-10`.)
 */
export const csvOptions: Options = Object.freeze({
  record_delimiter: 'unix',
  cast: { boolean: (value: boolean) => (value ? 'true' : 'false'), string: neutraliseFormula },
});
