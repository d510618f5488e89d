import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseHistoryStart, wholeNumber } from '#local/options.js';

const NOW = Date.UTC(2026, 11, 3, 12) / 1000;

describe('npm start options', () => {
  it.each([
    ['90m', NOW - 90 * 60],
    ['12h', NOW - 12 * 3600],
    ['30d', NOW - 30 * 86_400],
    ['2025-11-26', Date.UTC(2025, 10, 26) / 1000],
    ['2025-11-26T05:18:41Z', 1_764_134_321],
  ])('reads --history-start %s', (text, expected) => {
    expect(parseHistoryStart(text, NOW)).toBe(expected);
  });

  it.each(['yesterday', '2030-01-01', '-3d'])('rejects --history-start %s', (text) => {
    expect(() => parseHistoryStart(text, NOW)).toThrow(InvalidArgumentError);
  });

  it('rejects a number outside its bounds or not whole', () => {
    const port = wholeNumber(0, 65_535);

    expect(port('3000')).toBe(3000);
    expect(() => port('70000')).toThrow(/from 0 to 65535/);
    expect(() => port('3.5')).toThrow(InvalidArgumentError);
  });
});
