/** Leetspeak digits for letters (either case), as in common "l33t" attacks on text classifiers. */
export const leetDigits: Readonly<Record<string, string>> = Object.freeze({
  a: '4', b: '8', e: '3', g: '9', i: '1', l: '1', o: '0', s: '5', t: '7', z: '2',
});

/**
 * Latin letters and the Cyrillic or Greek letters that look the same in most
 * fonts (Unicode confusables). Key and value are single code points.
 */
export const homoglyphs: Readonly<Record<string, string>> = Object.freeze({
  a: '\u0430', c: '\u0441', e: '\u0435', i: '\u0456', j: '\u0458', o: '\u043e', p: '\u0440', s: '\u0455', x: '\u0445', y: '\u0443',
  A: '\u0410', B: '\u0412', C: '\u0421', E: '\u0415', H: '\u041d', I: '\u0406', J: '\u0408', K: '\u041a', M: '\u041c',
  N: '\u039d', O: '\u041e', P: '\u0420', S: '\u0405', T: '\u0422', X: '\u0425', Y: '\u03a5', Z: '\u0396',
});
