import type { MinuteCount } from '#shared/qualys/types.js';
import { minuteFloor } from '#shared/time.js';
import { type Anomaly, applyAnomalies } from './anomalies.js';
import { type ArrivalSettings, visibleCount } from './arrival.js';
import { baselineCount, type TruthSettings } from './truth.js';

/**
 * The simulated events: what happened in each minute (the truth, anomalies included) and how
 * much of it Qualys shows at a given instant.
 */
export class EventModel {
  private readonly anomalies: Anomaly[] = [];

  constructor(private readonly settings: TruthSettings & ArrivalSettings) {}

  /** Events that happened in the minute starting at `minute` (epoch seconds). */
  truth(minute: number): number {
    return applyAnomalies(this.anomalies, minute, baselineCount(this.settings, minute));
  }

  /** Events of that minute that have reached Qualys by `nowSeconds`. */
  visible(minute: number, nowSeconds: number): number {
    return visibleCount(this.settings, minute, this.truth(minute), nowSeconds);
  }

  /** `count(minute)` for every minute starting in [minuteFloor(fromSeconds), toSeconds). */
  minutes(fromSeconds: number, toSeconds: number, count: (minute: number) => number) {
    const counts: MinuteCount[] = [];
    for (let minute = minuteFloor(fromSeconds); minute < toSeconds; minute += 60) {
      counts.push({ minute, count: count(minute) });
    }
    return counts;
  }

  addAnomaly(anomaly: Anomaly): void {
    this.anomalies.push({ ...anomaly });
  }

  clearAnomalies(): void {
    this.anomalies.length = 0;
  }

  listAnomalies(): Anomaly[] {
    return this.anomalies.map((anomaly) => ({ ...anomaly }));
  }
}
