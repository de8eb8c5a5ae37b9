import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';

/**
 * The reviewed icon tables of datasets/artwork/icons/ (issue #21: far more varied artwork for
 * stroop-tiny v2): one per Iconify set, class name -> icon name or null. Checked against the
 * installed, pinned packages: a renamed icon or a bumped version must fail here, not silently
 * drop a class from the training set.
 */
interface ArtworkTable {
  readonly set: string;
  readonly package: string;
  readonly version: string;
  readonly title: string;
  readonly licence: string;
  readonly author: string;
  readonly palette: boolean;
  readonly icons: Readonly<Record<string, string | null>>;
  readonly notes: Readonly<Record<string, string>>;
}

const require = createRequire(import.meta.url);
const tablesDir = path.join(repoRoot, 'datasets', 'artwork', 'icons');
const classNames = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'datasets', 'emoji', 'classes.json'), 'utf8')) as { classes: { name: string }[] }).classes.map((c) => c.name);
const tables = fs
  .readdirSync(tablesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, table: JSON.parse(fs.readFileSync(path.join(tablesDir, f), 'utf8')) as ArtworkTable }));
/** Licences whose artwork may be rendered into training data and the weights shipped (attribution where required); no share-alike, no non-commercial. */
const allowedLicences = new Set(['MIT', 'ISC', 'Apache-2.0', 'CC-BY-3.0', 'CC-BY-4.0']);
const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

describe('artwork icon tables', () => {
  it('cover every class with at least 9 styles, 15 on average with the five emoji training sets', () => {
    const counts = classNames.map((name) => 5 + tables.filter(({ table }) => table.icons[name] !== null).length);
    assert.ok(Math.min(...counts) >= 9, `fewest styles: ${Math.min(...counts)}`);
    assert.ok(counts.reduce((a, b) => a + b, 0) / counts.length >= 15);
  });

  for (const { file, table } of tables) {
    it(`${file}: every class in order, icons that exist in the pinned package, none twice, a note for every null, an allowed licence`, () => {
      assert.equal(file, `${table.set}.json`);
      assert.equal(table.package, `@iconify-json/${table.set}`);
      assert.equal(packageJson.devDependencies[table.package], table.version, 'pinned at the reviewed version');
      const installed = JSON.parse(fs.readFileSync(require.resolve(`${table.package}/package.json`), 'utf8')) as { version: string };
      assert.equal(installed.version, table.version);
      const info = JSON.parse(fs.readFileSync(require.resolve(`${table.package}/info.json`), 'utf8')) as { license: { spdx: string }; palette?: boolean };
      assert.equal(table.licence, info.license.spdx);
      assert.equal(table.palette, info.palette === true);
      assert.ok(allowedLicences.has(table.licence), `${table.licence} is not an allowed licence`);

      assert.deepEqual(Object.keys(table.icons), classNames);
      const icons = JSON.parse(fs.readFileSync(require.resolve(`${table.package}/icons.json`), 'utf8')) as { icons: Record<string, unknown>; aliases?: Record<string, unknown> };
      const used = new Set<string>();
      for (const [name, icon] of Object.entries(table.icons)) {
        if (icon === null) {
          assert.ok((table.notes[name] ?? '').length > 0, `${name}: a null needs a note saying why`);
          continue;
        }
        assert.ok(Object.hasOwn(icons.icons, icon) || Object.hasOwn(icons.aliases ?? {}, icon), `${name}: ${icon} is not in ${table.package}`);
        assert.ok(!used.has(icon), `${icon} is used twice`);
        used.add(icon);
      }
      for (const name of Object.keys(table.notes)) assert.ok(classNames.includes(name), `note for unknown class ${name}`);
    });
  }
});
