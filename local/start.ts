import { Command } from 'commander';
import { environmentCredentials } from '#shared/qualys/credential.js';
import { isoSeconds } from '#shared/time.js';
import { backfill } from './backfill.js';
import { parseHistoryStart, wholeNumber } from './options.js';
import { type LocalQualys, startLocalStack } from './stack.js';
import { printCollection, printFailure, printNotification, printWelcome } from './terminal.js';

// Function logs and metrics stay quiet unless asked for (POWERTOOLS_LOG_LEVEL=INFO npm start):
// the terminal shows a line per run and per notification instead.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
// Node 20 is supported here until the SDK needs 22 (see the README); no warning at every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const now = () => Math.floor(Date.now() / 1000);

/** Seconds between the anomaly function's stale-data checks, as the deployed schedule. */
const WATCHDOG_SECONDS = 15 * 60;

const program = new Command('npm start --')
  .description('Run the EDR event-count history service on this machine.')
  .option('-p, --port <port>', 'API port', wholeNumber(0, 65_535), Number(process.env.PORT ?? 3000))
  .option(
    '-s, --history-start <when>',
    'where history starts: a date (2025-11-26), an instant, or a span back (12h, 30d); ' +
      'default 7d, enough for the anomaly detector to judge',
    (text) => parseHistoryStart(text, now()),
  )
  .option('-i, --interval <seconds>', 'seconds between collector runs', wholeNumber(5, 3600), 60)
  .option('-d, --data-dir <dir>', 'keep history on disk here (default: in memory)')
  .option(
    '--seed <n>',
    'simulator seed: the same seed gives the same counts',
    wholeNumber(0, 1e9),
    1,
  )
  .option('--events-per-minute <n>', 'simulator mean volume', wholeNumber(0, 1e6), 100)
  .addHelpText(
    'after',
    '\nTo collect from a real Qualys platform instead of the simulator, set QUALYS_BASE_URL and\n' +
      'either QUALYS_TOKEN, or QUALYS_USERNAME, QUALYS_PASSWORD and QUALYS_GATEWAY_URL.',
  );

function qualysFromEnvironment(seed: number, eventsPerMinute: number): LocalQualys {
  const baseUrl = process.env.QUALYS_BASE_URL;
  if (baseUrl === undefined) return { kind: 'simulator', options: { seed, eventsPerMinute } };
  return { kind: 'real', baseUrl, credentials: environmentCredentials(process.env) };
}

async function main(): Promise<void> {
  const options = program.parse().opts<{
    port: number;
    historyStart?: number;
    interval: number;
    dataDir?: string;
    seed: number;
    eventsPerMinute: number;
  }>();
  // A week: the detector judges once it has learned a day and a half of its own errors.
  const historyStart = options.historyStart ?? now() - 7 * 86_400;

  const stack = await startLocalStack({
    port: options.port,
    historyStart,
    qualys: qualysFromEnvironment(options.seed, options.eventsPerMinute),
    cacheTtlSeconds: options.interval,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    onBusError: (error) => console.error('A bus target failed:', error),
    onNotification: printNotification,
  });
  console.log(`History from ${isoSeconds(historyStart)}; collecting ${stack.sourceName}.`);
  const stored = (await stack.store.readState(stack.sourceName)).firstMinute;
  if (stored !== undefined && stored > historyStart + 60) {
    console.log(
      `Stored history in ${options.dataDir} starts at ${isoSeconds(stored)}: --history-start ` +
        'only applies to a new data dir (history cannot grow backwards; see the README).',
    );
  }
  const collectedUntil = async () => (await stack.store.readState(stack.sourceName)).collectedUntil;
  await backfill({ collect: stack.collect, collectedUntil }, historyStart, now);
  await printWelcome(stack);

  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      for (const result of await stack.collect()) printCollection(result);
    } catch (error) {
      printFailure(error);
    }
    timer = setTimeout(tick, options.interval * 1000);
  };
  timer = setTimeout(tick, options.interval * 1000);

  // The anomaly function's watchdog schedule: notices a collector that stopped collecting.
  const watchdog = setInterval(() => {
    stack.watch().catch((error: unknown) => console.error('The watchdog check failed:', error));
  }, WATCHDOG_SECONDS * 1000);

  const stop = async () => {
    clearTimeout(timer);
    clearInterval(watchdog);
    console.log('\nStopping…');
    await stack.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
