import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlidingSample } from '#shared/anomaly/robust.js';
import { log10PoissonAtMost } from '#shared/anomaly/silence.js';
import { fitExcesses, log10NormalTail, log10Rarity, tailModel } from '#shared/anomaly/tail.js';
import { seeded } from './series.js';

describe('tail models', () => {
  it('fits an exponential tail to exponential excesses', () => {
    // arrange: 2000 exponential excesses of mean 3
    const random = seeded(5);
    const excesses = Array.from({ length: 2000 }, () => -3 * Math.log(1 - random())).sort(
      (a, b) => a - b,
    );

    // act
    const fit = fitExcesses(excesses);

    // assert
    expect(fit.shape).toBeLessThan(0.08);
    expect(fit.scale).toBeGreaterThan(2.7);
    expect(fit.scale).toBeLessThan(3.3);
  });

  it('never claims a bounded tail, however light the peaks look', () => {
    expect(fitExcesses([1, 1, 1, 1, 1.01]).shape).toBeGreaterThanOrEqual(0);
  });

  it('makes larger errors rarer, beyond anything seen so far', () => {
    // arrange
    const model = tailModel(10, [11, 12, 13, 15, 18], 250);

    // act and assert
    expect(log10Rarity(model, 5)).toBeCloseTo(Math.log10(5 / 250), 10);
    expect(log10Rarity(model, 20)).toBeLessThan(log10Rarity(model, 15));
    expect(log10Rarity(model, 40)).toBeLessThan(log10Rarity(model, 20));
  });

  it('gives Gaussian tail probabilities, in log form far into the tail', () => {
    expect(10 ** log10NormalTail(0)).toBeCloseTo(0.5, 6);
    expect(10 ** log10NormalTail(2.326)).toBeCloseTo(0.01, 4);
    expect(log10NormalTail(30)).toBeCloseTo(-197.309, 2);
  });

  it('gives Poisson probabilities of at most a count', () => {
    expect(10 ** log10PoissonAtMost(0, 10)).toBeCloseTo(Math.exp(-10), 12);
    expect(10 ** log10PoissonAtMost(2, 3)).toBeCloseTo(0.42319, 5);
  });
});

describe('the sliding sample', () => {
  it('holds the quantiles of exactly the values inside its span', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 }),
        (values) => {
          // arrange: one value a second, a span of 30 seconds
          const sample = new SlidingSample(30);

          // act
          values.forEach((value, second) => {
            sample.add(second, value);
          });

          // assert
          const inside = values.slice(-30).sort((a, b) => a - b);
          expect(sample.size).toBe(inside.length);
          expect(sample.largest(3)).toEqual(inside.slice(-3));
          expect(sample.smallest(2)).toEqual(inside.slice(0, 2));
          expect(sample.countAtLeast(0)).toBe(inside.filter((value) => value >= 0).length);
        },
      ),
    );
  });
});
