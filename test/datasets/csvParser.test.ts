import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { DatasetError } from '../../src/errors/errors.js';
import { CsvParser, type CsvRecord } from '../../src/datasets/manifest/CsvParser.js';

function parse(text: string, chunkSizes: readonly number[] = [text.length || 1]): CsvRecord[] {
  const parser = new CsvParser('m.csv');
  const out: CsvRecord[] = [];
  let at = 0;
  let k = 0;
  while (at < text.length) {
    const size = Math.max(1, chunkSizes[k++ % chunkSizes.length] ?? 1);
    out.push(...parser.push(text.slice(at, at + size)));
    at += size;
  }
  out.push(...parser.end());
  return out;
}

const fieldsOf = (records: CsvRecord[]): string[][] => records.map((r) => r.fields);

function parseError(text: string): DatasetError {
  try {
    parse(text);
  } catch (error) {
    assert.ok(error instanceof DatasetError, `expected a DatasetError, got ${String(error)}`);
    return error;
  }
  assert.fail(`no error for ${JSON.stringify(text)}`);
}

describe('CsvParser (RFC 4180)', () => {
  it('reads quoted fields, doubled quotes, commas and line breaks inside quotes', () => {
    const text = 'path,label\r\n"a,b.png","say ""hi"""\r\n"multi\nline.png",x\r\n';
    assert.deepEqual(fieldsOf(parse(text)), [
      ['path', 'label'],
      ['a,b.png', 'say "hi"'],
      ['multi\nline.png', 'x'],
    ]);
  });

  it('accepts CRLF, LF and CR line ends, a BOM, a missing final line break, and skips blank lines', () => {
    const expected = [
      ['path', 'label'],
      ['a.png', 'cat'],
      ['b.png', 'dog'],
    ];
    for (const text of ['\ufeffpath,label\r\na.png,cat\r\nb.png,dog\r\n', 'path,label\na.png,cat\n\nb.png,dog', 'path,label\ra.png,cat\rb.png,dog\r', 'path,label\r\n\r\na.png,cat\r\nb.png,dog\n\n']) {
      assert.deepEqual(fieldsOf(parse(text)), expected, JSON.stringify(text));
    }
    // A BOM is only stripped at the very start.
    assert.deepEqual(fieldsOf(parse('a,\ufeffb\n')), [['a', '\ufeffb']]);
  });

  it('keeps CRLF inside a quoted field verbatim and keeps empty fields', () => {
    assert.deepEqual(fieldsOf(parse('"x\r\ny",,"",z\r\n,\n')), [
      ['x\r\ny', '', '', 'z'],
      ['', ''],
    ]);
  });

  it('numbers each record by the line it starts on, counting line breaks inside quotes', () => {
    const records = parse('path,label\r\n"two\r\nlines",a\r\n\r\nc.png,"b"\n');
    assert.deepEqual(
      records.map((r) => r.line),
      [1, 2, 5],
    );
  });

  it('counts a CR and an LF apart inside a quoted field as two line breaks, however the text is cut (found by the fuzzer)', () => {
    const text = '"a\r\u0000\nb",c\nd,e\n';
    assert.deepEqual(parse(text).map((r) => r.line), [1, 4]);
    for (let size = 1; size <= 5; size++) assert.deepEqual(parse(text, [size]).map((r) => r.line), [1, 4], `chunk size ${size}`);
  });

  it('gives the same records however the text is cut into chunks (CRLF and "" split across chunks)', () => {
    const text = '\ufeffpath,label\r\n"a ""q"" b","x\r\ny"\r\nc,d\re,f\n';
    const whole = parse(text);
    for (let size = 1; size <= 7; size++) assert.deepEqual(parse(text, [size]), whole, `chunk size ${size}`);
  });

  it('reads back whatever csv-stringify writes, in any chunking (property)', () => {
    const field = fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('"', '""', ',', '\r\n', '\n', '\r', ' a ', 'label=dog_text=cat.png', '=HYPERLINK("x")'));
    const records = fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(records, fc.constantFrom('unix', 'windows'), fc.boolean(), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }), (rows, delimiter, bom, chunks) => {
        // csv-stringify quotes only fields holding its own record delimiter; RFC 4180 quotes any
        // line break, and this reader ends a record at a lone LF or CR too.
        const text = stringify(rows, { record_delimiter: delimiter, bom, quoted_match: /[\r\n]/ });
        assert.deepEqual(fieldsOf(parse(text, chunks)), rows);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a quote inside an unquoted field, naming file and line', () => {
    const error = parseError('path,label\na.png,ca"t\n');
    assert.equal(error.path, 'm.csv');
    assert.equal(error.line, 2);
    assert.match(error.message, /m\.csv line 2: malformed CSV: a '"' inside an unquoted field/);
  });

  it('refuses text after a closing quote', () => {
    const error = parseError('path,label\n\n"a.png"x,cat\n');
    assert.equal(error.line, 3);
    assert.match(error.message, /after the closing quote/);
  });

  it('refuses a quoted field that is never closed, naming the line it opened on', () => {
    const error = parseError('path,label\na.png,cat\n"b.png,dog\nc.png,cow\n');
    assert.equal(error.line, 3);
    assert.match(error.message, /never closed/);
  });
});
