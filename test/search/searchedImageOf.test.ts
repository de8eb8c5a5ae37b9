import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchedImageOf } from '../../src/search/searchImage.js';

describe('searchedImageOf', () => {
  it('searches a sample on its own image, a real-world attack sample on its clean pair, and an unpaired one not at all', () => {
    assert.equal(searchedImageOf({ id: 'a.png', path: '/d/a.png', label: 'apple' }), '/d/a.png');
    assert.equal(searchedImageOf({ id: 'x.png', path: '/d/x.png', label: 'apple', attackText: 'iPod', cleanPath: '/d/clean/a.png' }), '/d/clean/a.png');
    assert.equal(searchedImageOf({ id: 'y.png', path: '/d/y.png', label: 'apple', attackText: 'iPod' }), undefined);
  });
});
