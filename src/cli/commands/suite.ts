import type { Argv, CommandModule } from 'yargs';
import { checkDrawnClassNames } from '../../suite/checkDrawnClassNames.js';
import { loadSuite } from '../../suite/loadSuite.js';
import { suiteJsonSchema } from '../../suite/suiteJsonSchema.js';
import type { ArgsOf } from '../argsOf.js';

const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

function schemaBuilder(y: Argv) {
  return y.example('$0 suite schema > attacks/suites/suite.schema.json', 'Regenerate the committed schema');
}

const schemaCommand: CommandModule<object, ArgsOf<typeof schemaBuilder>> = {
  command: 'schema',
  describe: 'Print the JSON Schema of suite files (draft 2020-12), for editors',
  builder: schemaBuilder,
  // The same text as the committed attacks/suites/suite.schema.json.
  handler: () => out(JSON.stringify(suiteJsonSchema(), null, 2)),
};

function checkBuilder(y: Argv) {
  return y
    .positional('suite', { type: 'string', demandOption: true, describe: 'A suite file (YAML)' })
    .example('$0 suite check attacks/suites/smoke.yaml', 'Validate a suite and print it resolved: defaults filled, paths absolute, presets loaded');
}

const checkCommand: CommandModule<object, ArgsOf<typeof checkBuilder>> = {
  command: 'check <suite>',
  describe: 'Validate a suite file (and the class names its attacks write, reading the datasets) and print it resolved, as JSON; every problem is reported as file:line:column',
  builder: checkBuilder,
  handler: async (argv) => {
    const file = String(argv.suite);
    const suite = loadSuite(file);
    await checkDrawnClassNames(suite, file);
    out(JSON.stringify(suite, null, 2));
  },
};

/** `stroop suite schema|check`: the suite file format. */
export const suiteCommand: CommandModule = {
  command: 'suite',
  describe: 'Suite files: print their JSON Schema, or check one',
  builder: (y: Argv) => y.command(schemaCommand).command(checkCommand).demandCommand(1, 'Name a subcommand: schema or check <suite.yaml>.'),
  handler: () => undefined,
};
