import table from './data/htmlEntities.json' with { type: 'json' };

/**
 * The HTML5 named character references, name -> replacement text, exactly
 * Python's `html.entities.html5` (2231 names; many listed both with and without
 * the trailing `;`, e.g. `amp;` and `amp`, as the WHATWG list has them).
 *
 * The data file data/htmlEntities.json was generated from Python 3.11's
 * standard library by scripts/generateHtmlEntities.py; it is a fact table,
 * not code.
 */
export const HTML5_ENTITIES: ReadonlyMap<string, string> = new Map(Object.entries(table.entities));
