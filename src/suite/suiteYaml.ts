import type { Document, LineCounter } from 'yaml';

/** A suite file's text once parsed as YAML: the document (for source positions) and its value. */
export interface SuiteYaml {
  /** The parsed document; its nodes carry source ranges. */
  readonly doc: Document.Parsed;
  /** Maps a character offset of the text to a 1-based line and column. */
  readonly lineCounter: LineCounter;
  /** The document as plain JavaScript (null for an empty file). */
  readonly value: unknown;
}
