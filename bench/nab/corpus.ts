/**
 * The labelled NAB subset in `../shared/data/nab` (see its SOURCE.md): the series, their
 * scoring windows and NAB's three scoring profiles.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { nabEpochSeconds, readSeries, type TimestampedSeries } from '../csv.js';
import type { CostMatrix, WindowRows } from './scorer.js';

/** The repository root, two folders above this file. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Folder of the NAB data: `NAB_DATA_DIR` if set, else `../shared/data/nab` beside the repository
 * (where CI and the development machines keep it).
 */
export function nabDataDir(): string {
  return process.env.NAB_DATA_DIR ?? path.resolve(repoRoot, '..', 'shared', 'data', 'nab');
}

/** NAB's profile names, in the order NAB reports them. */
export const PROFILE_NAMES = ['standard', 'reward_low_FP_rate', 'reward_low_FN_rate'] as const;

/** One of NAB's scoring profiles. */
export type ProfileName = (typeof PROFILE_NAMES)[number];

const costMatrixSchema = z.object({
  tpWeight: z.number(),
  fpWeight: z.number(),
  fnWeight: z.number(),
});
const profilesSchema = z.record(z.string(), z.object({ CostMatrix: costMatrixSchema }));
const windowsSchema = z.record(z.string(), z.array(z.tuple([z.string(), z.string()])));

/** A labelled series: its rows and its windows as row ranges. */
export interface LabelledFile extends TimestampedSeries {
  /** Path relative to `data/`, e.g. `realKnownCause/nyc_taxi.csv`, as NAB names it. */
  readonly name: string;
  readonly windows: readonly WindowRows[];
}

/** The data folder lacks a file or a profile the benchmark needs. */
export class NabDataError extends Error {
  override readonly name = 'NabDataError';
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new NabDataError(
      `cannot read ${file}; set NAB_DATA_DIR to the folder that holds NAB's data`,
      { cause },
    );
  }
}

/** Reads NAB's scoring profiles from `config/profiles.json`. */
export async function readProfiles(dir = nabDataDir()): Promise<Record<ProfileName, CostMatrix>> {
  const profiles = profilesSchema.parse(await readJson(path.join(dir, 'config', 'profiles.json')));
  const pick = (name: ProfileName): CostMatrix => {
    const profile = profiles[name];
    if (profile === undefined) {
      throw new NabDataError(`config/profiles.json has no profile '${name}'`);
    }
    return profile.CostMatrix;
  };
  return {
    standard: pick('standard'),
    reward_low_FP_rate: pick('reward_low_FP_rate'),
    reward_low_FN_rate: pick('reward_low_FN_rate'),
  };
}

/** Reads `labels/combined_windows.json`: window limits by file name. */
export async function readWindowLimits(
  dir = nabDataDir(),
): Promise<Record<string, [string, string][]>> {
  return windowsSchema.parse(await readJson(path.join(dir, 'labels', 'combined_windows.json')));
}

/** Turns window limits (timestamps) into row ranges: the rows whose time lies inside each. */
export function windowRows(
  timestamps: readonly string[],
  limits: readonly (readonly [string, string])[],
): WindowRows[] {
  const times = timestamps.map(nabEpochSeconds);
  return limits.map(([from, to]) => {
    const start = nabEpochSeconds(from);
    const end = nabEpochSeconds(to);
    const first = times.findIndex((time) => time >= start);
    const after = times.findIndex((time) => time > end);
    return { first, last: (after < 0 ? times.length : after) - 1 };
  });
}

/** Reads every labelled file of the subset, sorted by name. */
export async function readCorpus(dir = nabDataDir()): Promise<LabelledFile[]> {
  const limits = await readWindowLimits(dir);
  const names = Object.keys(limits).sort();
  return Promise.all(
    names.map(async (name) => {
      const series = await readSeries(path.join(dir, 'data', name));
      return { name, ...series, windows: windowRows(series.timestamps, limits[name] ?? []) };
    }),
  );
}
