import { HTML5_ENTITIES } from '../htmlEntities.js';
import { htmlUnescape } from '../htmlUnescape.js';

// ftfy chardata.HTML_ENTITY_RE
const ENTITY_RE = /&#?[0-9A-Za-z]{1,24};/g;

let entities: ReadonlyMap<string, string> | undefined;

/**
 * ftfy `chardata.HTML_ENTITIES`: `&name;` for every HTML5 name that ends in
 * `;`, plus the all-caps spelling of the lower-case names whose all-caps form
 * is no reference of its own (`&EACUTE;` -> `É`, `&SZLIG;` -> `SS`).
 */
function ftfyEntities(): ReadonlyMap<string, string> {
  if (entities !== undefined) return entities;
  const map = new Map<string, string>();
  for (const [name, char] of HTML5_ENTITIES) {
    if (!name.endsWith(';')) continue;
    map.set(`&${name}`, char);
    if (name === name.toLowerCase()) {
      const upper = `&${name.toUpperCase()}`;
      if (htmlUnescape(upper) === upper) map.set(upper, char.toUpperCase());
    }
  }
  entities = map;
  return map;
}

/**
 * ftfy's `unescape_html` fixer (stricter than Python's `html.unescape`): only
 * references that end in `;` are decoded - named ones from the HTML5 list (and
 * their all-caps spellings), numeric ones by `html.unescape` - so informal text
 * such as `this&not that` is left alone.
 */
export function unescapeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  const table = ftfyEntities();
  return text.replace(ENTITY_RE, (reference) => {
    const named = table.get(reference);
    if (named !== undefined) return named;
    if (!reference.startsWith('&#')) return reference;
    const decoded = htmlUnescape(reference);
    // when html.unescape decoded only a prefix, the ';' survives: keep the reference as written
    return decoded.includes(';') ? reference : decoded;
  });
}
