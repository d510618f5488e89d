import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '#shared/anomaly/index.js';
import { detectFiles } from '../../bench/detect.js';

/** Five days of a steady 5-minute count with one burst near the end, as NAB writes it. */
function steadyCsv(): string {
  const start = Date.parse('2015-03-02T00:00:00Z');
  const rows = Array.from({ length: 5 * 288 }, (_, row) => {
    const stamp = new Date(start + row * 300_000).toISOString().slice(0, 19).replace('T', ' ');
    const value = row === 5 * 288 - 10 ? 900 : 100 + ((row * 37) % 21) - 10;
    return `${stamp},${value}`;
  });
  return ['timestamp,value', ...rows, ''].join('\n');
}

describe('the detect command', () => {
  it('writes timestamp,value,anomaly_score in [0, 1], alerting on the burst only', async () => {
    // arrange
    const dir = await mkdtemp(path.join(tmpdir(), 'detect-'));
    const input = path.join(dir, 'steady.csv');
    await writeFile(input, steadyCsv());

    // act
    const [written] = await detectFiles([input], { out: dir, settings: DEFAULT_SETTINGS });

    // assert
    expect(written).toBe(path.join(dir, 'steady.scores.csv'));
    const lines = (await readFile(written ?? '', 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('timestamp,value,anomaly_score');
    expect(lines).toHaveLength(5 * 288 + 1);
    const scores = lines.slice(1).map((line) => Number(line.split(',')[2]));
    expect(scores.every((score) => score >= 0 && score <= 1)).toBe(true);
    expect(scores[5 * 288 - 10]).toBeGreaterThanOrEqual(0.5);
    expect(scores.filter((score) => score >= 0.5)).toHaveLength(1);
  });
});
