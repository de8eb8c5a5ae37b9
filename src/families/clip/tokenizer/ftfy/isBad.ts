import { PYTHON_ISSPACE_CLASS } from '../../../../tokenizer/pythonWhitespace.js';

/**
 * The characters that occur in UTF-8 mojibake, grouped the way ftfy 6.3.1's
 * `badness.MOJIBAKE_CATEGORIES` groups them (a fact table transcribed from
 * ftfy; each string is a set of characters, order irrelevant). The badness
 * heuristic ({@link isBad}) looks for improbable neighbours among them.
 */
export interface MojibakeCategories {
  /** Appear in many contexts; sequences with them are not mojibake by themselves. */
  readonly common: string;
  /** C1 controls U+0080..U+009F: no use outside mojibake. */
  readonly c1: string;
  /** Nearly always mojibake. */
  readonly bad: string;
  /** Pilcrow and section sign. */
  readonly law: string;
  readonly currency: string;
  readonly startPunctuation: string;
  readonly endPunctuation: string;
  readonly numeric: string;
  /** Letters used to draw faces, which need more care. */
  readonly kaomoji: string;
  readonly upperAccented: string;
  readonly lowerAccented: string;
  readonly upperCommon: string;
  readonly lowerCommon: string;
  readonly box: string;
}

export const MOJIBAKE_CATEGORIES: MojibakeCategories = Object.freeze({
  common: '\u00a0\u00ad·´–—―…’',
  c1: charRange(0x80, 0x9f),
  bad: '¦¤¨¬¯¸ƒˆˇ˘˛˜†‡‰⌐◊\ufffdªº',
  law: '¶§',
  currency: '¢£¥₧€',
  startPunctuation: '¡«¿©΄΅‘‚“„•‹\uf8ff',
  endPunctuation: '®»˝”›™',
  numeric: '²³¹±¼½¾×µ÷⁄∂∆∏∑√∞∩∫≈≠≡≤≥№',
  kaomoji: 'ÒÓÔÕÖÙÚÛÜòóôõöøùúûüŐŌŪŲ°',
  upperAccented: 'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑØÜÝĂĀĄĆČĎĐĘĚĒĖĞĢİĪĶĹĽŁĻŃŇŅŒŘŚŞŠŢŤŮŰŸŹŻŽҐ',
  lowerAccented: 'ßàáâãäåæçèéêëìíîïðñăąāćčďđęěēėğģįīķĺľłļœŕśşšťüźżžґﬁﬂ',
  // Greek capitals U+0391..U+03A9 (U+03A2 unassigned, kept as ftfy's range keeps it), Cyrillic Ё..Я
  upperCommon: 'Þ' + charRange(0x391, 0x3a9) + 'ΆΈΉΊΌΎΏΪΫ' + charRange(0x401, 0x42f),
  // Greek α..ω, Cyrillic а..џ
  lowerCommon: charRange(0x3b1, 0x3c9) + 'άέήίΰ' + charRange(0x430, 0x45f),
  box: '│┌┐┘├┤┬┼' + charRange(0x2550, 0x256c) + '▀▄█▌▐░▒▓',
});

/** Short for the categories in the alternatives below. */
const C = MOJIBAKE_CATEGORIES;

/** Python `re`'s \w on str patterns: exactly letters, numbers and underscore. */
const PYTHON_RE_WORD = '[\\p{L}\\p{N}_]';

/** A regex character class holding every character of `sets`, each escaped. */
function anyOf(...sets: string[]): string {
  let body = '';
  for (const char of new Set(sets.join(''))) body += `\\u{${(char.codePointAt(0) as number).toString(16)}}`;
  return `[${body}]`;
}

const LETTERS_ACCENTED = C.lowerAccented + C.upperAccented;
const ARABIC_FOLLOWER = anyOf(C.common, C.currency, C.bad, C.numeric, C.startPunctuation, 'ŸŠ®°µ»');

/**
 * ftfy 6.3.1's `badness.BADNESS_RE`, alternative by alternative: unlikely
 * juxtapositions of the characters that UTF-8 mojibake is made of. Python `re`
 * semantics are kept: `\s` and `\w` are Python's classes, `.` is "not \n".
 */
const BADNESS_ALTERNATIVES: readonly string[] = [
  anyOf(C.c1),
  anyOf(C.bad, LETTERS_ACCENTED, C.box, C.startPunctuation, C.endPunctuation, C.currency, C.numeric, C.law) + anyOf(C.bad),
  '[a-zA-Z]' + anyOf(C.lowerCommon, C.upperCommon) + anyOf(C.bad),
  anyOf(C.bad) + anyOf(LETTERS_ACCENTED, C.box, C.startPunctuation, C.endPunctuation, C.currency, C.numeric, C.law),
  anyOf(C.lowerAccented, C.lowerCommon, C.box, C.endPunctuation, C.currency, C.numeric) + anyOf(C.upperAccented),
  anyOf(C.box, C.endPunctuation, C.currency, C.numeric) + anyOf(C.lowerAccented),
  anyOf(C.lowerAccented, C.box, C.endPunctuation) + anyOf(C.currency),
  PYTHON_ISSPACE_CLASS + anyOf(C.upperAccented) + anyOf(C.currency),
  anyOf(C.upperAccented, C.box) + anyOf(C.numeric, C.law),
  anyOf(LETTERS_ACCENTED, C.box, C.currency, C.endPunctuation) + anyOf(C.startPunctuation) + anyOf(C.numeric),
  anyOf(LETTERS_ACCENTED, C.currency, C.numeric, C.box, C.law) + anyOf(C.endPunctuation) + anyOf(C.startPunctuation),
  anyOf(C.currency, C.numeric, C.box) + anyOf(C.startPunctuation),
  '[a-z]' + anyOf(C.upperAccented) + anyOf(C.startPunctuation, C.currency),
  anyOf(C.box) + anyOf(C.kaomoji),
  anyOf(LETTERS_ACCENTED, C.currency, C.numeric, C.startPunctuation, C.endPunctuation, C.law) + anyOf(C.box),
  anyOf(C.box) + anyOf(C.endPunctuation),
  anyOf(LETTERS_ACCENTED) + anyOf(C.startPunctuation, C.endPunctuation) + PYTHON_RE_WORD,
  // the ligature œ when not followed by an unaccented Latin letter
  anyOf('Œœ') + '[^A-Za-z]',
  // degree signs after capital letters
  anyOf(C.upperAccented) + anyOf('°'),
  // common Windows-1252 2-character mojibake not covered above
  anyOf('ÂÃÎÐ') + anyOf('€œŠš¢£Ÿž\u00a0\u00ad®©°·»', C.startPunctuation, C.endPunctuation, '–—´'),
  anyOf('×') + anyOf('²³'),
  // Windows-1252 mojibake of Arabic words: four characters, as it includes 'common' ones
  anyOf('ØÙ') + ARABIC_FOLLOWER + anyOf('ØÙ') + ARABIC_FOLLOWER,
  // Windows-1252 mojibake starting 3-character sequences of some South Asian alphabets
  anyOf('à') + anyOf('²µ¹¼½¾'),
  // MacRoman mojibake not covered above
  anyOf('√') + anyOf('±∂†≠®™´≤≥¥µø'),
  anyOf('≈') + anyOf('°¢'),
  anyOf('‚') + anyOf('Ä') + anyOf('ìîïòôúùû†°¢π'),
  anyOf('‚') + anyOf('âó') + anyOf('àä°ê'),
  // Windows-1251 mojibake of characters in the U+2000 range
  anyOf('в') + anyOf('Ђ'),
  // Windows-1251 mojibake of Latin-1 characters and/or the Cyrillic alphabet
  anyOf('ВГРС') + anyOf(C.c1, C.bad, C.startPunctuation, C.endPunctuation, C.currency, '°µ') + anyOf('ВГРС'),
  // Windows-1251 on top of Latin-1 mojibake of Windows-1252, next to a Latin letter
  anyOf('Г') + anyOf('ў') + anyOf('В') + anyOf('Ђ') + anyOf('В') + '[^\\n][A-Za-z ]',
  // Windows-1252 encodings of 'à' and 'á', and of U+A0 itself
  anyOf('Ã') + anyOf('\u00a0¡'),
  '[a-z]' + PYTHON_ISSPACE_CLASS + '?' + anyOf('ÃÂ') + '[ ]',
  '^' + anyOf('ÃÂ') + '[ ]',
  // Â before a common character it is an encoding of
  '[a-z.,?!' + anyOf(C.endPunctuation).slice(1, -1) + ']' + anyOf('Â') + '[ ' + anyOf(C.startPunctuation, C.endPunctuation).slice(1, -1) + ']',
  // Windows-1253 mojibake of characters in the U+2000 range
  anyOf('β') + anyOf('€') + anyOf('™\u00a0Ά\u00ad®°'),
  // Windows-1253 mojibake of Latin-1 characters and/or the Greek alphabet
  anyOf('ΒΓΞΟ') + anyOf(C.c1, C.bad, C.startPunctuation, C.endPunctuation, C.currency, '°') + anyOf('ΒΓΞΟ'),
  // Windows-1257 mojibake of characters in the U+2000 range
  anyOf('ā') + anyOf('€'),
];

const BADNESS_RE = new RegExp(BADNESS_ALTERNATIVES.join('|'), 'u');

/**
 * Whether `text` looks like it contains mojibake: ftfy 6.3.1's
 * `badness.is_bad`, true when any unlikely character sequence occurs.
 */
export function isBad(text: string): boolean {
  return BADNESS_RE.test(text);
}

/** The characters U+start..U+end (inclusive) as one string. */
function charRange(start: number, end: number): string {
  let out = '';
  for (let code = start; code <= end; code++) out += String.fromCharCode(code);
  return out;
}
