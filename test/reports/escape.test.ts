import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeHtml } from '../../src/reports/escape/escapeHtml.js';
import { escapeMarkdown } from '../../src/reports/escape/escapeMarkdown.js';
import { escapeXml } from '../../src/reports/escape/escapeXml.js';
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

  it('property: the output holds none of < > " \' and no & outside an entity, and decodes back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = escapeHtml(text);
        assert.ok(!/[<>"']/.test(out));
        assert.ok(!/&(?!(amp|lt|gt|quot|#39);)/.test(out));
        const printable = text.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
        assert.equal(unescapeEntities(out), printable);
      }),
      { numRuns: 300 },
    );
  });
});

describe('escapeXml', () => {
  it('escapes markup and keeps the document well-formed whatever the input', () => {
    assert.equal(escapeXml('<a b="c">\'&\u0000\n'), '&lt;a b=&quot;c&quot;&gt;&apos;&amp;\ufffd&#10;');
    assert.equal(escapeXml('\ud800x\uffff'), '\ufffdx\ufffd');
  });

  it('property: no markup character survives and no character XML 1.0 forbids remains', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = escapeXml(text);
        assert.ok(!/[<>"'\t\n\r]/.test(out));
        assert.ok(!/&(?!(amp|lt|gt|quot|apos|#9|#10|#13);)/.test(out));
        assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(out));
      }),
      { numRuns: 300 },
    );
  });
});

describe('escapeMarkdown', () => {
  it('escapes every ASCII punctuation character and flattens line breaks', () => {
    assert.equal(escapeMarkdown('a|b'), 'a\\|b');
    assert.equal(escapeMarkdown('<script>'), '\\<script\\>');
    assert.equal(escapeMarkdown('x\n# y\r\n@z'), 'x \\# y  \\@z');
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
        assert.ok(!/[\n\r]/.test(out));
        // Remove the escaped pairs; what remains must hold no punctuation at all.
        assert.ok(!/[!-/:-@[-`{-~]/.test(out.replace(/\\[!-/:-@[-`{-~]/g, '')), out);
      }),
      { numRuns: 300 },
    );
  });
});
