/**
 * `npm run bench -- detect <csv...>`: runs the detector on any `timestamp,value` CSV and writes
 * `<name>.scores.csv` (`timestamp,value,anomaly_score`) beside the output folder, so its alerts
 * can be scored like any published NAB detector's output. A row's anomaly score is the score of
 * the alert that opens there, and 0 where none opens; thresholding at the printed threshold
 * gives exactly the service's alerts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type AnomalySettings, alertThreshold } from '#shared/anomaly/index.js';
import { alertScores } from './alert-scores.js';
import { readSeries } from './csv.js';

/** Where `detect` writes, and with which settings it judges. */
export interface DetectOptions {
  readonly out: string;
  readonly settings: AnomalySettings;
}

/** Scores every file, writes one `<name>.scores.csv` each and returns their paths. */
export async function detectFiles(files: readonly string[], options: DetectOptions) {
  await mkdir(options.out, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    const series = await readSeries(file);
    const { scores } = alertScores(series, options.settings);
    const lines = series.timestamps.map(
      (timestamp, row) => `${timestamp},${series.values[row]},${formatScore(scores[row] ?? 0)}`,
    );
    const target = path.join(options.out, `${path.basename(file, '.csv')}.scores.csv`);
    await writeFile(target, ['timestamp,value,anomaly_score', ...lines, ''].join('\n'));
    written.push(target);
  }
  return written;
}

const formatScore = (score: number) => (score === 0 ? '0' : score.toFixed(6));

/** The `detect` command: writes the files and says which threshold turns scores into alerts. */
export async function runDetect(files: readonly string[], options: DetectOptions): Promise<void> {
  const written = await detectFiles(files, options);
  for (const target of written) {
    console.log(`wrote ${target}`);
  }
  console.log(`threshold: ${alertThreshold(options.settings)} (alert where anomaly_score >= it)`);
}
