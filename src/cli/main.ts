#!/usr/bin/env node
import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { stroopVersion } from '../packageRoot.js';
import { attacksCommand } from './commands/attacks.js';
import { benchCommand } from './commands/bench.js';
import { classifyCommand } from './commands/classify.js';
import { compareCommand } from './commands/compare.js';
import { datasetCommand } from './commands/dataset.js';
import { embedCommand } from './commands/embed.js';
import { exportAttacksCommand } from './commands/exportAttacks.js';
import { exportOnnxCommand } from './commands/exportOnnx.js';
import { imageCommand } from './commands/image.js';
import { initCommand } from './commands/init.js';
import { demoCommand } from './commands/demo.js';
import { trainCommand } from './commands/train.js';
import { mergeCommand } from './commands/merge.js';
import { renderCommand } from './commands/render.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { replayCommand } from './commands/replay.js';
import { searchCommand } from './commands/search.js';
import { suiteCommand } from './commands/suite.js';
import { ExitCode, exitCodeFor } from './exitCodes.js';
import { messageOf } from '../errors/errors.js';

// Each command module types its own arguments; yargs takes them as one list.
const commands = [
  runCommand,
  searchCommand,
  replayCommand,
  reportCommand,
  compareCommand,
  mergeCommand,
  suiteCommand,
  datasetCommand,
  embedCommand,
  classifyCommand,
  attacksCommand,
  renderCommand,
  imageCommand,
  benchCommand,
  initCommand,
  trainCommand,
  demoCommand,
  exportOnnxCommand,
  exportAttacksCommand,
] as unknown as CommandModule[];

/**
 * Marks when a command's handler starts: anything that fails before that is yargs rejecting
 * the command line (unknown command or option, missing argument), a usage error.
 */
function tracked(command: CommandModule, onStart: () => void): CommandModule {
  return {
    ...command,
    handler: async (argv) => {
      onStart();
      await command.handler(argv);
    },
  };
}

/** Parses argv, runs the command, and maps any error to one stderr line and an exit code. */
export async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  let handlerStarted = false;
  const parser = yargs(argv)
    .scriptName('stroop')
    // Repeatable options take one value each, so '--template t image.png' keeps image.png positional.
    .parserConfiguration({ 'greedy-arrays': false })
    .usage('$0 <command> [options]\n\nAudit CLIP-style models against typographic attacks.')
    .command(commands.map((c) => tracked(c, () => (handlerStarted = true))))
    .option('verbose', { type: 'boolean', default: false, describe: 'Print stack traces on errors' })
    .demandCommand(1, 'Name a command (see the list above).')
    .strict()
    .recommendCommands()
    .version(stroopVersion)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail(false);
  try {
    await parser.parseAsync();
    // A handler reports a finding (1: a gate breached) or an interruption (130) through process.exitCode.
    return Number(process.exitCode ?? ExitCode.ok);
  } catch (error) {
    const code = handlerStarted ? exitCodeFor(error) : ExitCode.usage;
    const message = messageOf(error);
    const unknownCommand = !handlerStarted && message.startsWith('Did you mean') ? `Unknown command '${argv[0] ?? ''}'. ` : '';
    process.stderr.write(`stroop: ${unknownCommand}${message}\n`);
    if (!handlerStarted) {
      process.stderr.write("Run 'stroop --help' or 'stroop <command> --help' for usage.\n");
    }
    if (verbose && error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
    return code;
  }
}

// A reader that stops early (`stroop attacks list | head -1`) closes stdout: end quietly, as
// Unix tools do, instead of an unhandled EPIPE stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? ExitCode.ok);
});

process.exitCode = await main(hideBin(process.argv));
