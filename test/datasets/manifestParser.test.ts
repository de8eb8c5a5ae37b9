import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetError } from '../../src/errors/errors.js';
import { ManifestParser, type ManifestFormat } from '../../src/datasets/manifest/ManifestParser.js';
import type { ManifestRow } from '../../src/datasets/manifest/manifestRow.js';

function rowsOf(text: string, format: ManifestFormat, source = 'm'): ManifestRow[] {
  const parser = new ManifestParser(source, format);
  return [...parser.push(text), ...parser.end()];
}

function errorOf(text: string, format: ManifestFormat): DatasetError {
  try {
    rowsOf(text, format);
  } catch (error) {
    assert.ok(error instanceof DatasetError, `expected a DatasetError, got ${String(error)}`);
    return error;
  }
  assert.fail(`no error for ${JSON.stringify(text)}`);
}

describe('ManifestParser: CSV', () => {
  it('maps columns by header name, in any order, leaving empty optional values out', () => {
    const text = 'label,clean_path,path,attack_text,split\r\ndog,,a.png,cat,test\r\n"dog, small",c/a.png,b.png,,\r\n';
    assert.deepEqual(rowsOf(text, 'csv'), [
      { line: 2, path: 'a.png', label: 'dog', split: 'test', attackText: 'cat' },
      { line: 3, path: 'b.png', label: 'dog, small', cleanPath: 'c/a.png' },
    ]);
  });

  it('trims header names but keeps values verbatim', () => {
    assert.deepEqual(rowsOf(' path , label\n a.png,cat \n', 'csv'), [{ line: 2, path: ' a.png', label: 'cat ' }]);
  });

  it('refuses a missing required column, listing the columns found and the allowed ones', () => {
    const error = errorOf('path,lable\na.png,cat\n', 'csv');
    assert.equal(error.line, 1);
    assert.match(error.message, /unknown manifest column 'lable' \(found: path, lable; allowed: path, label, split, attack_text, clean_path and attributes.<name>\)/);
    const missing = errorOf('path,split\na.png,test\n', 'csv');
    assert.match(missing.message, /m line 1: manifest is missing the required column label \(found: path, split; allowed: path, label, split, attack_text, clean_path and attributes.<name>\)/);
  });

  it('refuses a repeated column and an empty manifest', () => {
    assert.match(errorOf('path,label,label\n', 'csv').message, /'label' appears twice/);
    assert.match(errorOf('', 'csv').message, /empty manifest; a CSV manifest starts with a header row/);
    assert.match(errorOf('\ufeff\r\n\r\n', 'csv').message, /empty manifest/);
  });

  it('refuses a row with the wrong number of fields, naming its line', () => {
    const error = errorOf('path,label\na.png,cat\nb.png,dog,extra\n', 'csv');
    assert.equal(error.path, 'm');
    assert.equal(error.line, 3);
    assert.match(error.message, /3 fields, but the header names 2/);
  });

  it('refuses an empty or blank label or path, naming its line', () => {
    assert.equal(errorOf('path,label\na.png,cat\nb.png,\n', 'csv').line, 3);
    assert.match(errorOf('path,label\nb.png,"  "\n', 'csv').message, /m line 2: empty 'label'/);
    assert.match(errorOf('path,label\n,cat\n', 'csv').message, /m line 2: empty 'path'/);
  });
});

describe('ManifestParser: JSON Lines', () => {
  it('reads one object per line with CRLF, a BOM and blank lines, null as absent', () => {
    const text = '\ufeff{"path":"a.png","label":"dog","attack_text":"cat"}\r\n\r\n{"label":"cow","path":"b/c.png","split":null,"clean_path":"d.png"}';
    assert.deepEqual(rowsOf(text, 'jsonl'), [
      { line: 1, path: 'a.png', label: 'dog', attackText: 'cat' },
      { line: 3, path: 'b/c.png', label: 'cow', cleanPath: 'd.png' },
    ]);
  });

  it('gives the same rows when lines are split across chunks', () => {
    const text = '{"path":"a.png","label":"dog"}\r\n{"path":"b.png","label":"cat"}\n';
    const parser = new ManifestParser('m', 'jsonl');
    const rows = [...text].flatMap((ch) => parser.push(ch));
    rows.push(...parser.end());
    assert.deepEqual(rows, rowsOf(text, 'jsonl'));
    assert.equal(rows.length, 2);
  });

  it('refuses bad JSON, non-objects, non-string values, unknown or missing keys, naming the line', () => {
    const bad = errorOf('{"path":"a.png","label":"dog"}\n{"path": "b.png", label: "x"}\n', 'jsonl');
    assert.equal(bad.line, 2);
    assert.match(bad.message, /m line 2: not valid JSON/);
    assert.match(errorOf('["a.png","dog"]\n', 'jsonl').message, /expected a JSON object/);
    assert.match(errorOf('{"path":"a.png","label":3}\n', 'jsonl').message, /'label' is 3; manifest values are strings/);
    assert.match(errorOf('{"path":"a.png","label":"x","attackText":"y"}\n', 'jsonl').message, /unknown manifest column 'attackText'/);
    assert.match(errorOf('{"path":"a.png"}\n', 'jsonl').message, /missing the required column label \(found: path;/);
    assert.match(errorOf('{"path":"a.png","label":""}\n', 'jsonl').message, /empty 'label'/);
  });
});
