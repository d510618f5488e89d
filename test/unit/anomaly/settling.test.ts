import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  evaluate,
  isSettled,
  settledUntilAt,
  settledWindows,
} from '#shared/anomaly/index.js';
import { MONDAY, next, noisy } from './series.js';

describe('the settling rule', () => {
  it('settles counts up to the settling window before the current minute', () => {
    expect(settledUntilAt(MONDAY + 3600 + 42, 15)).toBe(MONDAY + 3600 - 900);
  });

  it('treats a window that ends after the settled-until instant as not final', () => {
    // arrange
    const window = { end: MONDAY + 900 };

    // act and assert
    expect(isSettled(window, MONDAY + 900)).toBe(true);
    expect(isSettled(window, MONDAY + 899)).toBe(false);
  });

  it('keeps a drop alert from firing while the newest window is still filling', () => {
    // arrange: four days of ~200 per window, then a newest window holding only its first minutes
    const history = noisy(4 * 96, () => 200);
    const filling = next(history, 30);
    const settledUntil = filling.start + 5 * 60;

    // act
    const judged = settledWindows([...history, filling], settledUntil);

    // assert
    expect(evaluate([...history, filling], DEFAULT_SETTINGS)?.kind).toBe('drop');
    expect(judged.at(-1)).toEqual(history.at(-1));
    expect(evaluate(judged, DEFAULT_SETTINGS)).toBeUndefined();
  });
});
