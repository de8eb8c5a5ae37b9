import type { Options } from 'csv-stringify';

/**
 * How every CSV stroop writes is encoded. Attack texts and labels are adversarial input: a cell
 * starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'`, so spreadsheet
 * programs show it instead of evaluating it (csv-stringify's `escape_formulas`).
 */
export const csvOptions: Options = Object.freeze({
  escape_formulas: true,
  record_delimiter: 'unix',
  cast: { boolean: (value: boolean) => (value ? 'true' : 'false') },
});
