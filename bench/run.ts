/**
 * `npm run bench`: runs every registered benchmark, or the one named (`npm run bench -- nab`),
 * or the detector on any CSV (`npm run bench -- detect <csv...> [--out dir]`).
 *
 * To add a benchmark, export a `Benchmark` from its module and add it to `BENCHMARKS`.
 */
import { Command, InvalidArgumentError } from 'commander';
import { anomalySettingsSchema } from '#shared/anomaly/index.js';
import type { Benchmark } from './benchmark.js';
import { runDetect } from './detect.js';

// The benchmarks run the functions in-process: their logs, metrics and the SDK's Node 20
// notice would bury the tables.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * Every benchmark, in the order `npm run bench` runs them. Each loads its module only when it
 * runs, so one benchmark's dependencies (a DynamoDB server, the NAB data) never slow another.
 */
const BENCHMARKS: readonly Benchmark[] = [
  {
    name: 'nab',
    description: 'score the anomaly detector on the labelled NAB subset (../shared/data/nab)',
    run: async () => (await import('./nab/benchmark.js')).runNab(),
  },
  {
    name: 'read-path',
    description: 'items read and time per API answer: running totals beside a naive scan',
    run: async () => (await import('./read-path.js')).readPathBench(),
  },
  {
    name: 'backfill',
    description: 'backfill speed from the Qualys simulator, by chunk size',
    run: async () => (await import('./backfill.js')).backfillBench(),
  },
];

function sensitivity(text: string): number {
  const value = Number(text);
  if (!(value > 0 && value < 1)) {
    throw new InvalidArgumentError(`'${text}' is not a number between 0 and 1, exclusive`);
  }
  return value;
}

const program = new Command('bench')
  .description('run the benchmarks, or the anomaly detector on CSV files')
  .action(async () => {
    for (const benchmark of BENCHMARKS) {
      console.log(`== ${benchmark.name}: ${benchmark.description}`);
      await benchmark.run();
    }
  });

for (const benchmark of BENCHMARKS) {
  program
    .command(benchmark.name)
    .description(benchmark.description)
    .action(() => benchmark.run());
}

program
  .command('detect')
  .description(
    'write <name>.scores.csv (timestamp,value,anomaly_score) for each timestamp,value CSV',
  )
  .argument('<csv...>', 'input files with columns timestamp,value')
  .option('--out <dir>', 'folder for the score files', '.')
  .option('--sensitivity <number>', 'detector sensitivity, 0..1 (default 0.5)', sensitivity)
  .action(async (files: string[], options: { out: string; sensitivity?: number }) => {
    const settings = anomalySettingsSchema.parse(
      options.sensitivity === undefined ? {} : { sensitivity: options.sensitivity },
    );
    await runDetect(files, { out: options.out, settings });
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
