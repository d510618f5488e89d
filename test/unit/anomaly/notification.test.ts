import { describe, expect, it } from 'vitest';
import {
  ANOMALY_DETECTED,
  ANOMALY_RESOLVED,
  notificationMessage as sentence,
} from '#shared/anomaly/index.js';

const window = {
  start: Date.parse('2025-03-03T10:30:00Z') / 1000,
  end: Date.parse('2025-03-03T10:45:00Z') / 1000,
  score: 0.8,
  kind: undefined,
};

describe('notification sentences', () => {
  it('says how far a spike rose and what was expected', () => {
    const text = sentence(ANOMALY_DETECTED, 'acme', 'spike', {
      ...window,
      observed: 2310,
      expected: 480.4,
    });
    expect(text).toBe(
      'Events for acme rose to 2,310 in the 15 minutes to 10:45Z, expected about 480.',
    );
  });

  it('says a source went silent', () => {
    const text = sentence(ANOMALY_DETECTED, 'acme', 'silence', {
      ...window,
      observed: 0,
      expected: 480,
    });
    expect(text).toBe(
      'Events for acme went silent: 0 in the 15 minutes to 10:45Z, expected about 480.',
    );
  });

  it('says a source is back to normal after the kind of anomaly it had', () => {
    const text = sentence(ANOMALY_RESOLVED, 'acme', 'drop', {
      ...window,
      observed: 470,
      expected: 480,
    });
    expect(text).toBe(
      'Events for acme are back to normal after a drop: 470 in the 15 minutes to 10:45Z, ' +
        'expected about 480.',
    );
  });

  it('says when collection stalled and when it resumed', () => {
    // arrange
    const uncollected = { ...window, observed: 0, expected: 0 };

    // act
    const stalled = sentence(ANOMALY_DETECTED, 'acme', 'stalled', uncollected);
    const resumed = sentence(ANOMALY_RESOLVED, 'acme', 'stalled', uncollected);

    // assert
    expect(stalled).toBe(
      'Collection for acme has stalled: nothing settled after 2025-03-03 10:30Z.',
    );
    expect(resumed).toBe(
      'Collection for acme has resumed: counts are stored up to 2025-03-03 10:45Z.',
    );
  });
});
