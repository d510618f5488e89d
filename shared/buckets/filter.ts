import type { RequestProblem } from '../errors.js';

/** The part of a Qualys `filter` this service honours, and what it ignores. */
export interface ParsedFilter {
  /** The datetime range, epoch ms, [fromMs, toMs). */
  datetime?: { fromMs: number; toMs: number };
  /** Terms other than datetime: accepted and ignored, as Qualys itself does. */
  ignored?: string;
}

const DATETIME_TERM = /datetime\s*:\s*\[\s*"([^"]*)"\s*\.\.\s*"([^"]*)"\s*\]/gi;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const EXAMPLE = 'datetime:["2025-11-14T00:11:00.000Z".."2025-11-14T00:12:00.000Z"]';

function problem(value: string, message: string): RequestProblem {
  return { parameter: 'filter', value, message, fix: `write the range as ${EXAMPLE}` };
}

/** Whether the calendar fields of an ISO instant exist (no 30 February, no 25:00). */
function isRealDate(text: string): boolean {
  const [year, month, day, hour, minute, second] = text.split(/[-T:.Z+]/).map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    (hour ?? 0) < 24 &&
    (minute ?? 0) < 60 &&
    (second ?? 0) < 60
  );
}

function parseInstant(text: string, filter: string): number | RequestProblem {
  const epochMs = ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(epochMs)) {
    const hint = / \d{2}:\d{2}$/.test(text) ? ' (a + in a URL must be sent as %2B)' : '';
    return problem(filter, `"${text}" is not an ISO-8601 instant with a time zone${hint}`);
  }
  if (!isRealDate(text)) return problem(filter, `"${text}" is not a date that exists`);
  return epochMs;
}

/**
 * A datetime term this service cannot honour as a plain range: negated (`not`, `!`, `-`), or
 * joined to other terms by `or`. Counting the range anyway would answer another question.
 */
function unsupportedLogic(filter: string): RequestProblem | undefined {
  const negated = /(^|\s|\()(not\s+|!|-)\s*datetime\s*:/i.test(filter);
  const alternative = /(^|\s)or(\s|$)/i.test(filter.replace(DATETIME_TERM, ' '));
  if (!negated && !alternative) return undefined;
  const what = negated ? 'negates the datetime range' : 'joins the datetime range with OR';
  return {
    parameter: 'filter',
    value: filter,
    message: `${what}, which this service cannot honour`,
    fix: `give one plain range, ${EXAMPLE}, and combine answers on your side`,
  };
}

/** Leftover text once the datetime term is cut out, without dangling `and`s. */
function remainder(filter: string): string | undefined {
  const rest = filter
    .replace(DATETIME_TERM, ' ')
    .replace(/^\s*(and\s+)+/i, '')
    .replace(/(\s+and)+\s*$/i, '')
    .replace(/\s+and\s+(and\s+)+/gi, ' and ')
    .trim();
  return rest === '' ? undefined : rest;
}

/**
 * Reads a Qualys filter. Only `datetime:["A".."B"]` is honoured (the one term Qualys honours);
 * other terms are returned as ignored. The range is read as [A, B).
 */
export function parseFilter(filter: string): ParsedFilter | RequestProblem {
  const terms = [...filter.matchAll(DATETIME_TERM)];
  if (terms.length > 1) return problem(filter, 'has more than one datetime range');
  if (terms.length === 0 && /datetime/i.test(filter)) {
    return problem(filter, 'has a datetime term that is not in the form datetime:["A".."B"]');
  }

  const logic = terms.length === 1 ? unsupportedLogic(filter) : undefined;
  if (logic !== undefined) return logic;

  const ignored = remainder(filter);
  const term = terms[0];
  if (term === undefined) return ignored === undefined ? {} : { ignored };

  const fromMs = parseInstant(term[1] ?? '', filter);
  if (typeof fromMs !== 'number') return fromMs;
  const toMs = parseInstant(term[2] ?? '', filter);
  if (typeof toMs !== 'number') return toMs;
  if (fromMs >= toMs) {
    return problem(filter, 'has a datetime range whose start is not before its end');
  }

  return ignored === undefined
    ? { datetime: { fromMs, toMs } }
    : { datetime: { fromMs, toMs }, ignored };
}
