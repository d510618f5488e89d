import { describe, expect, it } from 'vitest';
import {
  type AlertState,
  ANOMALY_DETECTED,
  ANOMALY_RESOLVED,
  type AnomalyKind,
  type Judgement,
  nextAlertState,
} from '#shared/anomaly/index.js';

const T0 = Date.parse('2025-03-03T10:30:00Z') / 1000;
const QUARTER = 900;

/** The judgement of the `index`-th 15-minute window from T0, anomalous as `kind` if given. */
function judgement(index: number, kind?: AnomalyKind): Judgement {
  const start = T0 + index * QUARTER;
  return {
    start,
    end: start + QUARTER,
    observed: kind ? 12 : 470,
    expected: 480,
    score: 0.9,
    kind,
  };
}

/** Feeds one judgement per window to the lifecycle and collects what it publishes. */
function run(kinds: (AnomalyKind | undefined)[], cooldownMinutes = 60) {
  let state: AlertState | undefined;
  const published: { index: number; type: string }[] = [];
  kinds.forEach((kind, index) => {
    const latest = judgement(index, kind);
    const step = { source: 'acme', kind: 'drop' as const, latest, now: latest.end + 60 };
    const transition = nextAlertState(state, { ...step, cooldownMinutes });
    state = transition.state;
    if (transition.notification) {
      published.push({ index, type: transition.notification.type });
    }
  });
  return { state, published };
}

describe('the alert lifecycle', () => {
  it('opens once and suppresses repeats while the anomaly lasts', () => {
    // act
    const { state, published } = run(['drop', 'drop', 'drop', 'drop']);

    // assert
    expect(published).toEqual([{ index: 0, type: ANOMALY_DETECTED }]);
    expect(state?.status).toBe('open');
  });

  it('resolves once the source has looked normal for the whole cooldown', () => {
    // act: normal from window 2; the cooldown of 60 minutes ends with window 5
    const { state, published } = run(['drop', 'drop', undefined, undefined, undefined, undefined]);

    // assert
    expect(published).toEqual([
      { index: 0, type: ANOMALY_DETECTED },
      { index: 5, type: ANOMALY_RESOLVED },
    ]);
    expect(state?.status).toBe('closed');
  });

  it('does not flap when the anomaly comes and goes within the cooldown', () => {
    const { published } = run(['drop', undefined, 'drop', undefined, undefined, 'drop', 'drop']);
    expect(published).toEqual([{ index: 0, type: ANOMALY_DETECTED }]);
  });

  it('opens again for a new anomaly after a resolution', () => {
    // act
    const kinds = ['drop', undefined, undefined, undefined, undefined, 'drop'] as const;
    const { published } = run([...kinds], 45);

    // assert
    expect(published.map((entry) => entry.type)).toEqual([
      ANOMALY_DETECTED,
      ANOMALY_RESOLVED,
      ANOMALY_DETECTED,
    ]);
  });

  it('ignores anomalies of other kinds', () => {
    const { published, state } = run(['spike', 'silence']);
    expect(published).toEqual([]);
    expect(state?.status).toBe('closed');
  });

  it('publishes nothing when the same window is judged twice', () => {
    // arrange
    const latest = judgement(0, 'drop');
    const step = {
      source: 'acme',
      kind: 'drop' as const,
      latest,
      now: latest.end,
      cooldownMinutes: 60,
    };
    const first = nextAlertState(undefined, step);

    // act
    const again = nextAlertState(first.state, step);

    // assert
    expect(first.notification?.type).toBe(ANOMALY_DETECTED);
    expect(again.notification).toBeUndefined();
  });

  it('describes the anomaly in the notification it opens with', () => {
    // act
    const { notification } = nextAlertState(undefined, {
      source: 'acme',
      kind: 'drop',
      latest: judgement(0, 'drop'),
      now: T0 + QUARTER,
      cooldownMinutes: 60,
    });

    // assert
    expect(notification).toMatchObject({
      type: ANOMALY_DETECTED,
      source: 'acme',
      kind: 'drop',
      window: { from: '2025-03-03T10:30:00.000Z', to: '2025-03-03T10:45:00.000Z' },
      observed: 12,
      expected: 480,
      score: 0.9,
      openedAt: '2025-03-03T10:45:00.000Z',
      message: 'Events for acme dropped to 12 in the 15 minutes to 10:45Z, expected about 480.',
    });
  });
});
