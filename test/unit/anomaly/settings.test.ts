import { describe, expect, it } from 'vitest';
import {
  AnomalySettingsError,
  alertThreshold,
  DEFAULT_SETTINGS,
  parseAnomalySettings,
} from '#shared/anomaly/index.js';

describe('anomaly settings', () => {
  it('defaults to sensitivity 0.5, 10 events, 15-minute windows and a 60-minute cooldown', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      sensitivity: 0.5,
      minExpectedCount: 10,
      windowMinutes: 15,
      cooldownMinutes: 60,
      kinds: ['spike', 'drop', 'silence', 'stalled'],
    });
    expect(alertThreshold(DEFAULT_SETTINGS)).toBe(0.5);
  });

  it('alerts at a lower score when the sensitivity is higher', () => {
    expect(alertThreshold(parseAnomalySettings({ sensitivity: 0.7 }))).toBeCloseTo(0.3, 10);
  });

  it('rejects an unknown key, naming it', () => {
    expect(() => parseAnomalySettings({ sensitivty: 0.7 })).toThrow(AnomalySettingsError);
    expect(() => parseAnomalySettings({ sensitivty: 0.7 })).toThrow(/sensitivty/);
  });

  it('rejects a sensitivity outside (0, 1) and an unknown kind', () => {
    expect(() => parseAnomalySettings({ sensitivity: 1 })).toThrow(/sensitivity/);
    expect(() => parseAnomalySettings({ kinds: ['spike', 'flood'] })).toThrow(/kinds/);
  });

  it('accepts no settings at all', () => {
    expect(parseAnomalySettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});
