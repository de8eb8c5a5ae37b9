import { HTML5_ENTITIES } from './htmlEntities.js';

/**
 * HTML character references the two ways CLIP's text cleaning decodes them: Python's
 * `html.unescape` (after ftfy, twice) and, inside ftfy, its stricter `unescape_html` fixer.
 */

/**
 * Python's `html.unescape`, which CLIP applies twice after ftfy: replaces
 * named and numeric character references by the HTML5 rules for both valid
 * and invalid references.
 *
 * - Named references need no `;` when the HTML5 list has the name without it
 *   (`&amp`, `&copy2024` -> `©2024`: the longest listed prefix wins).
 * - Numeric references `&#65;`, `&#x41;` (the `;` optional): 0 -> U+FFFD,
 *   0x0D -> CR, 0x80..0x9F -> their Windows-1252 characters, surrogates and
 *   values above U+10FFFF -> U+FFFD, other control and noncharacter code points
 *   -> removed.
 * - Everything else, including unknown names, is left as written.
 */
export function htmlUnescape(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(CHARACTER_REFERENCE_RE, (_match, body: string) => replaceReference(body));
}

// Python: &(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?) - 'u' so that {1,32} counts code points
const CHARACTER_REFERENCE_RE = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;

/** Python's `_invalid_charrefs`: numeric references replaced as the HTML5 spec says. */
const INVALID_CHARREFS: ReadonlyMap<number, string> = new Map([
  [0x00, '\ufffd'], [0x0d, '\r'], [0x80, '\u20ac'], [0x81, '\x81'], [0x82, '\u201a'], [0x83, '\u0192'],
  [0x84, '\u201e'], [0x85, '\u2026'], [0x86, '\u2020'], [0x87, '\u2021'], [0x88, '\u02c6'], [0x89, '\u2030'],
  [0x8a, '\u0160'], [0x8b, '\u2039'], [0x8c, '\u0152'], [0x8d, '\x8d'], [0x8e, '\u017d'], [0x8f, '\x8f'],
  [0x90, '\x90'], [0x91, '\u2018'], [0x92, '\u2019'], [0x93, '\u201c'], [0x94, '\u201d'], [0x95, '\u2022'],
  [0x96, '\u2013'], [0x97, '\u2014'], [0x98, '\u02dc'], [0x99, '\u2122'], [0x9a, '\u0161'], [0x9b, '\u203a'],
  [0x9c, '\u0153'], [0x9d, '\x9d'], [0x9e, '\u017e'], [0x9f, '\u0178'],
]);

/** Python's `_invalid_codepoints`: numeric references that decode to nothing. */
function isInvalidCodePoint(code: number): boolean {
  return (
    (code >= 0x01 && code <= 0x08) ||
    code === 0x0b ||
    (code >= 0x0e && code <= 0x1f) ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0xfdd0 && code <= 0xfdef) ||
    (code & 0xfffe) === 0xfffe
  );
}

function replaceReference(body: string): string {
  if (body.startsWith('#')) {
    const hex = body[1] === 'x' || body[1] === 'X';
    const digits = body.slice(hex ? 2 : 1).replace(/;$/, '');
    const code = Number.parseInt(digits, hex ? 16 : 10);
    const replaced = INVALID_CHARREFS.get(code);
    if (replaced !== undefined) return replaced;
    if ((code >= 0xd800 && code <= 0xdfff) || !(code <= 0x10ffff)) return '\ufffd';
    if (isInvalidCodePoint(code)) return '';
    return String.fromCodePoint(code);
  }
  const named = HTML5_ENTITIES.get(body);
  if (named !== undefined) return named;
  // the longest listed prefix (of at least 2 characters) wins, the rest stays as text
  const chars = Array.from(body);
  for (let length = chars.length - 1; length > 1; length--) {
    const prefix = chars.slice(0, length).join('');
    const value = HTML5_ENTITIES.get(prefix);
    if (value !== undefined) return value + chars.slice(length).join('');
  }
  return `&${body}`;
}

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
