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

/** The characters U+start..U+end (inclusive) as one string. */
function charRange(start: number, end: number): string {
  let out = '';
  for (let code = start; code <= end; code++) out += String.fromCharCode(code);
  return out;
}
