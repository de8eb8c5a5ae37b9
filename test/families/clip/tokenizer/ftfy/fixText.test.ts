import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixText } from '../../../../../src/families/clip/tokenizer/ftfy/fixText.js';

// Expected outputs published with ftfy 6.3.1 (its docstrings and tests/test-cases/*.json),
// i.e. what the reference implementation returns; a few whitespace/control cases follow
// directly from its documented fixers.
const FTFY_EXAMPLES: readonly (readonly [label: string, input: string, expected: string])[] = [
  ['UTF-8 / Windows-1252 checkmark', 'âœ” No problems', '✔ No problems'],
  ['UTF-8 / Latin-1 with entities', '&macr;\\_(ã\u0083\u0084)_/&macr;', '¯\\_(ツ)_/¯'],
  ['fullwidth letters and ideographic space', 'ＬＯＵＤ　ＮＯＩＳＥＳ', 'LOUD NOISES'],
  ['entities and ligatures', 'Broken text&hellip; it&#x2019;s ﬂubberiﬁc!', "Broken text… it's flubberific!"],
  ['all-caps entities', 'P&EACUTE;REZ BUNDESSTRA&SZLIG;E', 'PÉREZ BUNDESSTRASSE'],
  ['entity case rules', '&ntilde; &Ntilde; &NTILDE; &nTILDE;', 'ñ Ñ Ñ &nTILDE;'],
  ['no entities decoded in text with <', '<em>HTML entities &lt;3</em>', '<em>HTML entities &lt;3</em>'],
  ['UTF-8 / MacRoman', 'wei√ü', 'weiß'],
  ['UTF-8 / Windows-1251', 'Blog Traffic Tip 2 вЂ“ Broadcast Email Your Blog', 'Blog Traffic Tip 2 – Broadcast Email Your Blog'],
  ['UTF-8 / Windows-1250', "LiĂ¨ge Avenue de l'HĂ´pital", "Liège Avenue de l'Hôpital"],
  ['UTF-8 / Windows-1257', 'Å veices baÅ†Ä·ieri gaida konkrÄ“tus investÄ«ciju projektus', 'Šveices baņķieri gaida konkrētus investīciju projektus'],
  ['UTF-8 / CP437', '#╨┐╤Ç╨░╨▓╨╕╨╗╤î╨╜╨╛╨╡╨┐╨╕╤é╨░╨╜╨╕╨╡', '#правильноепитание'],
  ['CESU-8 / Windows-1252 emoji', 'Hi guys í\u00a0½í¸\u008d', 'Hi guys 😍'],
  ['mojibake three layers deep', 'The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows.', "The Mona Lisa doesn't have eyebrows."],
  ['lossy sloppy Windows-1252', 'â€œlossy decodingâ€�', '"lossy decoding�'],
  ['Ã followed by a space is à', "Ã perturber la rÃ©flexion des thÃ©ologiens jusqu'Ã nos jours", "à perturber la réflexion des théologiens jusqu'à nos jours"],
  ['inconsistent UTF-8 / Latin-1', 'Ecuadorâ\u0080\u0099s â\u0080\u0098purely political decision on Assangeâ\u0080\u0099\u0085', "Ecuador's 'purely political decision on Assange'…"],
  ['Latin-1 / Windows-1252 C1 controls', '\u0084Handwerk bringt dich überall hin\u0093: Von der YOU bis nach Monaco', '"Handwerk bringt dich überall hin": Von der YOU bis nach Monaco'],
  ['literal U+001A is only a control character', "Here's a control character: \u001a", "Here's a control character: "],
  ['negative: multiplying by currency', 'Offering 5×£35 pin ups', 'Offering 5×£35 pin ups'],
  ['negative: Brontë', "I'm not such a fan of Charlotte Brontë…”", 'I\'m not such a fan of Charlotte Brontë…"'],
  ['negative: leet line-art', '├┤a┼┐a┼┐a┼┐a┼┐a', '├┤a┼┐a┼┐a┼┐a┼┐a'],
  ['negative: Ukrainian capitals', 'ВІКІ is Ukrainian for WIKI', 'ВІКІ is Ukrainian for WIKI'],
  ['terminal escapes and CRLF', '\u001b[36;44mblue\u001b[0m\r\nnext\rline', 'blue\nnext\nline'],
  ['byte-order mark and C0 controls removed, tab and form feed kept', '\ufeffa\u0000b\u0007c\td\fe', 'abc\td\fe'],
  ['lone surrogates become U+FFFD', 'a\ud800b\udc00', 'a\ufffdb\ufffd'],
  ['NEL is a Windows-1252 ellipsis, not a line break', 'wait\u0085', 'wait…'],
];

describe('fixText (ftfy.fix_text)', () => {
  for (const [label, input, expected] of FTFY_EXAMPLES) {
    it(label, () => {
      assert.equal(fixText(input), expected);
    });
  }

  it('stops decoding entities for the rest of the text once a line has <', () => {
    assert.equal(fixText('&lt;1&gt;\n<b>\n&lt;2&gt;'), '<1>\n<b>\n&lt;2&gt;');
  });

  it('returns the empty string and plain ASCII unchanged', () => {
    assert.equal(fixText(''), '');
    assert.equal(fixText('a photo of a dog.'), 'a photo of a dog.');
  });
});
