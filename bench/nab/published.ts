/**
 * Published NAB scores on the 12 files of our subset, to print beside ours.
 *
 * Standard profile: the per-file raw scores of ../shared/data/nab/SOURCE.md ("Published
 * per-file anchors"), from `results/<detector>/<detector>_standard_scores.csv` of numenta/NAB at
 * ea702d75. Reward-low-FP and reward-low-FN: ARTime's and numenta's per-file raw scores from
 * `results/<detector>/<detector>_reward_low_{FP,FN}_rate_scores.csv` of numenta/NAB (not in
 * SOURCE.md; the other detectors' are not copied). Each detector used its own threshold, tuned
 * by NAB on all 58 files for each profile.
 */
import type { ProfileName } from './corpus.js';

/** Raw scores of one detector, by profile, in the order of `PUBLISHED_FILES`. */
export interface PublishedDetector {
  readonly name: string;
  readonly scores: Partial<Record<ProfileName, readonly number[]>>;
}

/** The files of the subset, in the order of every score list below. */
export const PUBLISHED_FILES: readonly string[] = [
  'realTweets/Twitter_volume_AAPL.csv',
  'realTweets/Twitter_volume_AMZN.csv',
  'realTweets/Twitter_volume_CRM.csv',
  'realTweets/Twitter_volume_CVS.csv',
  'realTweets/Twitter_volume_FB.csv',
  'realKnownCause/nyc_taxi.csv',
  'realKnownCause/ec2_request_latency_system_failure.csv',
  'realKnownCause/cpu_utilization_asg_misconfiguration.csv',
  'realAWSCloudwatch/ec2_network_in_257a54.csv',
  'realAWSCloudwatch/iio_us-east-1_i-a2eb1cd9_NetworkIn.csv',
  'realAWSCloudwatch/ec2_disk_write_bytes_1ef3de.csv',
  'realTraffic/occupancy_6005.csv',
];

const standard = (...scores: number[]) => ({ standard: scores });

/** Published detectors, best standard score first. */
export const PUBLISHED: readonly PublishedDetector[] = [
  {
    name: 'ARTime',
    scores: {
      standard: [2.92, 2.74, 2.1, 1.84, 1.21, 3.78, 1.39, -0.26, 0.76, -2.33, 0.47, 0.36],
      reward_low_FP_rate: [
        2.2664, 1.9666, 1.5507, 0.9581, 0.6642, 3.4452, 0.9679, -1.4675, 0.6799, -2.66, 0.0035,
        -0.1601,
      ],
      reward_low_FN_rate: [
        2.9161, 2.7366, 2.1007, 1.8381, 1.2142, 3.7752, 1.3906, -0.2575, 0.7649, -4.33, 0.4673,
        0.3603,
      ],
    },
  },
  {
    name: 'numenta',
    scores: {
      standard: [1.26, -0.74, 0.72, 2.31, 1.61, 2.44, 1.71, -0.26, 0.86, -2.0, 0.59, 0.86],
      reward_low_FP_rate: [
        0.6047, 0.2297, 0.7196, 2.0952, 1.0596, 2.1219, 1.9854, -2.113, 0.8553, -2.22, 0.8904,
        0.6413,
      ],
      reward_low_FN_rate: [
        0.2096, -0.0572, -0.2804, 2.1992, 1.3896, 1.3419, 1.9854, -0.683, 0.8553, -4.11, 0.8121,
        0.6413,
      ],
    },
  },
  {
    name: 'contextOSE',
    scores: standard(1.7, -0.39, 2.58, 2.71, 1.72, -1.32, 1.99, -0.14, 0.86, -2.11, 0.53, 0.75),
  },
  {
    name: 'relativeEntropy',
    scores: standard(-0.69, -0.15, -1.25, 2.46, 1.39, 3.83, 2.04, 0.42, 0.82, -2.22, 0.43, -0.37),
  },
  {
    name: 'knncad',
    scores: standard(2.48, 0.49, 1.36, 1.59, 0.01, 0.27, 1.93, -1.11, 0.53, -2.55, 0.7, 0.31),
  },
  {
    name: 'earthgeckoSkyline',
    scores: standard(2.89, 2.19, 1.48, 1.86, 0.48, -5, 0.1, 0.06, 0.86, -2.11, -0.27, 0.67),
  },
  {
    name: 'twitterADVec',
    scores: standard(0.17, 1.67, 1.78, 1.65, -0.15, -5, 2.02, -0.02, 0.75, -2, -1.9, 0.75),
  },
  {
    name: 'randomCutForest',
    scores: standard(0.75, 1.01, 1.68, -0.88, -1.53, -3.18, 1.85, 0.67, 0.86, -2, -1.95, 0.86),
  },
  {
    name: 'skyline',
    scores: standard(0.41, 0.43, 1.81, 1.85, -1.46, -5, 0.09, -1.55, 0.86, -2.22, -1.63, 0.76),
  },
  {
    name: 'windowedGaussian',
    scores: standard(1.51, 1.56, 0.76, 0.77, 0.12, -5, 2.02, -1.11, 0.86, -2, -4.19, -1),
  },
  {
    name: 'bayesChangePt',
    scores: standard(-1.9, -0.35, -2.23, -3.11, -1.73, -5, -0.28, -9.92, -1.8, -2.22, -0.31, -1),
  },
];
