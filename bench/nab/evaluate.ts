/**
 * Streams every labelled file through the detector and its alert lifecycle and scores the
 * alerts with NAB's three profiles, with and without the silence alerts.
 */
import { type AnomalySettings, alertThreshold } from '#shared/anomaly/index.js';
import { alertScores } from '../alert-scores.js';
import { type LabelledFile, PROFILE_NAMES, type ProfileName } from './corpus.js';
import { type CostMatrix, detectionsAt, type FileScore, scoreFile } from './scorer.js';

/** Scores of one file under every profile. */
export type ProfileScores = Record<ProfileName, FileScore>;

/** The detector's result on one labelled file. */
export interface FileResult {
  readonly file: LabelledFile;
  /** Scores of every alert. */
  readonly all: ProfileScores;
  /** Scores when silence alerts are left out (the tweet files share an unlabelled outage). */
  readonly withoutSilence: ProfileScores;
  readonly silenceAlerts: number;
  /** Milliseconds the detector took on this file. */
  readonly detectorMs: number;
}

function scoreProfiles(
  detected: readonly boolean[],
  file: LabelledFile,
  profiles: Record<ProfileName, CostMatrix>,
): ProfileScores {
  const entries = PROFILE_NAMES.map((name) => [
    name,
    scoreFile(detected, file.windows, profiles[name]),
  ]);
  return Object.fromEntries(entries) as ProfileScores;
}

/** Runs the detector on `file` and scores its alerts. */
export function evaluateFile(
  file: LabelledFile,
  profiles: Record<ProfileName, CostMatrix>,
  settings: AnomalySettings,
): FileResult {
  const started = performance.now();
  const { scores, kinds } = alertScores(file, settings);
  const detectorMs = performance.now() - started;

  const detected = detectionsAt(scores, alertThreshold(settings));
  const withoutSilence = detected.map((alert, row) => alert && kinds[row] !== 'silence');
  return {
    file,
    all: scoreProfiles(detected, file, profiles),
    withoutSilence: scoreProfiles(withoutSilence, file, profiles),
    silenceAlerts: kinds.filter((kind) => kind === 'silence').length,
    detectorMs,
  };
}
