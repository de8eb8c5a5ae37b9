import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { engineChoices } from '../../src/engines/engineRegistry.js';
import { suiteEngines } from '../../src/suite/schema/suiteEntrySchemas.js';
import { suiteJsonSchema, suiteJsonSchemaPath } from '../../src/suite/suiteJsonSchema.js';
import { repoRoot } from '../helpers/paths.js';

type JsonObject = Record<string, unknown>;
const child = (value: unknown, ...keys: string[]): JsonObject => keys.reduce((o, k) => o[k] as JsonObject, value as JsonObject);

describe('suite JSON Schema', () => {
  it('the committed attacks/suites/suite.schema.json is current (regenerate: stroop suite schema > attacks/suites/suite.schema.json)', () => {
    const committed = fs.readFileSync(path.join(repoRoot, suiteJsonSchemaPath), 'utf8');
    assert.equal(committed, `${JSON.stringify(suiteJsonSchema(), null, 2)}\n`);
  });

  it('is draft 2020-12, closed to unknown keys, and requires what the loader requires', () => {
    const schema = suiteJsonSchema();
    assert.equal(schema['$schema'], 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema['additionalProperties'], false);
    assert.deepEqual(schema['required'], ['name', 'models', 'datasets']);
    assert.equal(child(schema, 'properties', 'search', 'properties', 'numRuns')['minimum'], 1, 'a search budget of 0 is refused by editors too');
    const model = child(schema, 'properties', 'models', 'items');
    assert.equal(model['additionalProperties'], false);
    assert.deepEqual(model['required'], ['path']);
    assert.equal(child(model, 'properties', 'engine')['default'], 'auto');
    const attack = child(schema, 'properties', 'attacks', 'items');
    assert.deepEqual(attack['required'], ['preset']);
    assert.deepEqual(child(attack, 'properties', 'n'), { ...child(attack, 'properties', 'n'), default: 1, minimum: 1, type: 'integer' });
  });

  it("the suite's engines are the registry's", () => {
    assert.deepEqual([...suiteEngines].sort(), [...engineChoices].sort());
  });
});
