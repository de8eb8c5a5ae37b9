import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeHtml, escapeMarkdown, escapeXml, revealControls } from '../../src/reports/escape.js';
import { hostileLabels } from './summaryFixture.js';

/** What an HTML/XML parser makes of escaped text (the five named entities and numeric references). */
function unescapeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#\d+|[a-z]+);/g, (_, name: string) => (name.startsWith('#') ? String.fromCharCode(Number(name.slice(1))) : (named[name] ?? `&${name};`)));
}

describe('escapeHtml', () => {
  it('turns the hostile labels into text: no tag, attribute or entity can start', () => {
    assert.equal(escapeHtml(hostileLabels[0]), '&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.equal(escapeHtml(hostileLabels[1]), '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    assert.equal(escapeHtml("&amp; 'x'"), '&amp;amp; &#39;x&#39;');
  });

  it('shows a bidi override in a file name as a visible token, so the name cannot be reordered', () => {
    assert.equal(escapeHtml('photo_\u202Egnp.exe'), 'photo_\\u202Egnp.exe');
    assert.equal(escapeHtml('a\u0000b\tc\u001b[31m'), 'a\\u0000b\\u0009c\\u001B[31m');
  });

  it('property: the output holds none of < > " \' and no & outside an entity, and decodes back to the input with its controls shown', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = escapeHtml(text);
        assert.ok(!/[<>"']/.test(out));
        assert.ok(!/&(?!(amp|lt|gt|quot|#39);)/.test(out));
        assert.equal(unescapeEntities(out), revealControls(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('revealControls', () => {
  it('shows every control and bidi character as \\uXXXX and leaves the rest alone', () => {
    assert.equal(revealControls('\u202Eabc\u202C'), '\\u202Eabc\\u202C');
    assert.equal(revealControls('\u061C\u200E\u200F\u2066\u2067\u2068\u2069\u202A\u202B\u202D'), '\\u061C\\u200E\\u200F\\u2066\\u2067\\u2068\\u2069\\u202A\\u202B\\u202D');
    assert.equal(revealControls('a\nb\r\t\u007f\u0085\u2028\u2029'), 'a\\u000Ab\\u000D\\u0009\\u007F\\u0085\\u2028\\u2029');
    assert.equal(revealControls('\ud800x\udc00'), '\\uD800x\\uDC00', 'lone surrogates');
    assert.equal(revealControls('café 😀 日本 a\u200Db'), 'café 😀 日本 a\u200Db', 'letters, emoji and joiners stay');
  });

  it('property: no control or bidi character survives, and with no backslash in the input the tokens decode back to it', () => {
    const hidden = /[\p{Cc}\p{Bidi_Control}\u2028\u2029]/u;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = revealControls(text);
        assert.ok(!hidden.test(out), JSON.stringify(out));
        if (!text.includes('\\')) assert.equal(out.replace(/\\u([0-9A-F]{4})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('escapeXml', () => {
  it('escapes markup and keeps the document well-formed whatever the input', () => {
    assert.equal(escapeXml('<a b="c">\'&\u0000\n'), '&lt;a b=&quot;c&quot;&gt;&apos;&amp;\\u0000\\u000A');
    assert.equal(escapeXml('\ud800x\uffff'), '\\uD800x\ufffd');
    assert.equal(escapeXml('cat\u202Etac'), 'cat\\u202Etac');
  });

  it('property: no markup character survives and no character XML 1.0 forbids remains', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = escapeXml(text);
        assert.ok(!/[<>"'\t\n\r]/.test(out));
        assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(out));
        assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(out));
        assert.ok(!/\p{Bidi_Control}/u.test(out));
      }),
      { numRuns: 300 },
    );
  });
});

describe('escapeMarkdown', () => {
  it('escapes every ASCII punctuation character and shows line breaks and bidi controls as tokens', () => {
    assert.equal(escapeMarkdown('a|b'), 'a\\|b');
    assert.equal(escapeMarkdown('<script>'), '\\<script\\>');
    assert.equal(escapeMarkdown('x\n# y\r\n@z'), 'x\\\\u000A\\# y\\\\u000D\\\\u000A\\@z');
    assert.equal(escapeMarkdown('gpj\u202E.exe'), 'gpj\\\\u202E\\.exe', 'a bidi override shows as a token');
    assert.equal(escapeMarkdown('`code` *b* [l](u)'), '\\`code\\` \\*b\\* \\[l\\]\\(u\\)');
  });

  it('cuts long text to the limit in code points, ending in …', () => {
    assert.equal(escapeMarkdown('abcdefghij', 5), 'abcd…');
    assert.equal(escapeMarkdown('😀😀😀', 2), '😀…');
    assert.equal(escapeMarkdown('abcde', 5), 'abcde');
  });

  it('property: one line, and every ASCII punctuation character is preceded by a backslash', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), (text) => {
        const out = escapeMarkdown(text, 1000);
        assert.ok(!/[\n\r\p{Bidi_Control}]/u.test(out));
        // Remove the escaped pairs; what remains must hold no punctuation at all.
        assert.ok(!/[!-/:-@[-`{-~]/.test(out.replace(/\\[!-/:-@[-`{-~]/g, '')), out);
      }),
      { numRuns: 300 },
    );
  });
});
