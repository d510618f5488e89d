/** The NAB benchmark's tables: per file, then totals beside the published detectors. */
import { type Cell, formatTable } from '../table.js';
import { PROFILE_NAMES } from './corpus.js';
import type { FileResult } from './evaluate.js';
import { PUBLISHED, PUBLISHED_FILES } from './published.js';
import { normalisedScore, type ScoreBounds } from './scorer.js';

const shortName = (name: string) => name.replace(/^.*\//, '').replace(/\.csv$/, '');

/** Raw standard score of a published detector on one file, if published. */
function publishedScore(detector: string, file: string): number | undefined {
  const index = PUBLISHED_FILES.indexOf(file);
  return PUBLISHED.find((entry) => entry.name === detector)?.scores.standard?.[index];
}

/** Per file: raw standard scores (ours with and without silence, ARTime, numenta). */
export function fileTable(results: readonly FileResult[]): string {
  const header = ['file', 'windows', 'ours', 'ours -silence', 'TP', 'FP', 'silences'];
  const rows: Cell[][] = results.map((result) => {
    const standard = result.all.standard;
    return [
      shortName(result.file.name),
      result.file.windows.length,
      standard.score,
      result.withoutSilence.standard.score,
      standard.truePositives,
      standard.falsePositives,
      result.silenceAlerts,
      publishedScore('ARTime', result.file.name),
      publishedScore('numenta', result.file.name),
      standard.nullScore,
    ];
  });
  return formatTable([...header, 'ARTime', 'numenta', 'null'], rows, [0, 0, 2, 2, 0, 0, 0, 2]);
}

/** Totals normalised like NAB (0 = null detector, 100 = perfect), ours first. */
export function totalsTable(results: readonly FileResult[]): string {
  const ours = (pick: (result: FileResult) => FileResult['all']): Cell[] =>
    PROFILE_NAMES.map((profile) => normalisedScore(results.map((result) => pick(result)[profile])));

  const published = PUBLISHED.map((detector): Cell[] => {
    const profiles = PROFILE_NAMES.map((profile) => {
      const scores = detector.scores[profile];
      if (scores === undefined) {
        return undefined;
      }
      const files: ScoreBounds[] = results.map((result) => {
        const index = PUBLISHED_FILES.indexOf(result.file.name);
        return { ...result.all[profile], score: scores[index] ?? Number.NaN };
      });
      return normalisedScore(files);
    });
    return [detector.name, ...profiles];
  });

  const header = ['detector', 'standard', 'reward_low_FP', 'reward_low_FN'];
  const rows: Cell[][] = [
    ['ours (all alerts)', ...ours((result) => result.all)],
    ['ours (without silence alerts)', ...ours((result) => result.withoutSilence)],
    ...published,
    ['null (never alerts)', 0, 0, 0],
  ];
  return formatTable(header, rows, 1);
}

/**
 * The tweet files (counts of one kind, sharing a rhythm and an outage) and the rest. A change
 * that lifts one group while lowering the other is more likely tuned to these files than
 * better, so the benchmark prints both.
 */
function groupOf(name: string): string {
  return name.startsWith('realTweets/') ? 'realTweets' : 'other categories';
}

/** Normalised standard scores per group of files: ours, ARTime's and numenta's. */
export function groupTable(results: readonly FileResult[]): string {
  const groups = [...new Set(results.map((result) => groupOf(result.file.name)))];
  const rows: Cell[][] = groups.map((group) => {
    const members = results.filter((result) => groupOf(result.file.name) === group);
    const published = (detector: string) =>
      normalisedScore(
        members.map((result) => ({
          ...result.all.standard,
          score: publishedScore(detector, result.file.name) ?? Number.NaN,
        })),
      );
    return [
      `${group} (${members.length} files)`,
      normalisedScore(members.map((result) => result.all.standard)),
      normalisedScore(members.map((result) => result.withoutSilence.standard)),
      published('ARTime'),
      published('numenta'),
    ];
  });
  return formatTable(['group', 'ours', 'ours -silence', 'ARTime', 'numenta'], rows, 1);
}
