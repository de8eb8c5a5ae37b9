import type { Argv } from 'yargs';

/** The parsed-arguments type a yargs builder function produces. */
export type ArgsOf<B> = B extends (y: Argv) => Argv<infer T> ? T : never;
