import { ANOMALY_DETECTED, type AnomalyNotification } from '#shared/anomaly/notification.js';
import type { RunResult } from '#shared/collector/run.js';
import { isoSeconds } from '#shared/time.js';
import type { LocalStack } from './stack.js';

function clockTime(epochSeconds: number): string {
  return isoSeconds(epochSeconds).slice(11, 16);
}

/** One line per collector run: what was re-read, how much, and how far history is settled. */
export function printCollection(result: RunResult): void {
  const at = new Date().toISOString().slice(11, 19);
  if (result.status !== 'collected' || result.from === undefined || result.to === undefined) {
    console.log(`${at} ${result.source}: ${result.status}, nothing to read`);
    return;
  }
  const settled = result.state.checkpoint === undefined ? '-' : clockTime(result.state.checkpoint);
  console.log(
    `${at} ${result.source}: re-read ${clockTime(result.from)}→${clockTime(result.to)}Z ` +
      `(${result.minutes} min, ${result.events.toLocaleString('en')} events), ` +
      `settled to ${settled}Z`,
  );
}

/** The URLs, a sample request with its real answer, and how to try faults. */
export async function printWelcome(stack: LocalStack): Promise<void> {
  const to = Math.floor(Date.now() / 1000 / 60) * 60;
  const query = `fromDate=${to - 3 * 3600}&toDate=${to}&bucketCount=6`;
  const sample = `${stack.apiUrl}/ioc/v1/events/count/time-buckets?${query}`;
  const response = await fetch(sample);
  const coverage = response.headers.get('x-coverage');

  console.log(`\nAPI     ${stack.apiUrl}/ioc/v1/events/count/time-buckets (and /ioc/events/...)`);
  if (stack.simulator !== undefined) console.log(`Qualys  ${stack.simulator.url} (simulator)`);
  console.log(`\nTry it:\n  curl -s "${sample}"\n`);
  console.log(JSON.stringify(await response.json(), null, 2));
  console.log(`X-Coverage: ${coverage}`);
  if (stack.simulator !== undefined) {
    console.log(
      '\nMake Qualys misbehave (the collector retries, renews its token, loses nothing):\n' +
        `  curl -s -XPOST ${stack.simulator.url}/_simulator/faults ` +
        `-H 'content-type: application/json' -d '{"kind":"rateLimited","waitSeconds":3}'`,
    );
  }
  console.log('\nCollecting every interval; Ctrl-C stops.\n');
}

/** An anomaly notification, as the SNS topic would mail it. */
export function printNotification(notification: AnomalyNotification): void {
  const at = new Date().toISOString().slice(11, 19);
  const label = notification.type === ANOMALY_DETECTED ? 'ANOMALY ' : 'RESOLVED';
  console.log(`${at} ${label} ${notification.message}`);
}

/** A failed run in one line per error (the function's own log has the stack, at ERROR). */
export function printFailure(error: unknown): void {
  const at = new Date().toISOString().slice(11, 19);
  const errors = error instanceof AggregateError ? error.errors : [error];
  for (const each of errors) {
    const text = each instanceof Error ? `${each.name}: ${each.message}` : String(each);
    console.log(`${at} collection failed, the next run resumes: ${text}`);
  }
}
