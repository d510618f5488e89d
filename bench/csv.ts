/**
 * The small CSV dialect of the benchmark data: a header line, comma-separated fields, no quoting.
 * NAB files and the detector's own output both fit it.
 */
import { readFile } from 'node:fs/promises';

/** A CSV file read as named columns of raw text, in row order. */
export interface CsvColumns {
  readonly header: readonly string[];
  readonly rows: number;
  column(name: string): readonly string[];
}

/** A CSV file lacks a column the caller needs, or a field that should be a number is not. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
}

/** Parses CSV text whose fields never contain commas, quotes or line breaks. */
export function parseCsv(text: string, file = '<text>'): CsvColumns {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = (lines[0] ?? '').split(',');
  const cells = lines.slice(1).map((line) => line.split(','));

  return {
    header,
    rows: cells.length,
    column(name: string): readonly string[] {
      const index = header.indexOf(name);
      if (index < 0) {
        throw new CsvFormatError(
          `${file} has no column '${name}' (header: ${header.join(',')}); ` +
            'add it or pick another file',
        );
      }
      return cells.map((row) => row[index] ?? '');
    },
  };
}

/** Reads and parses one CSV file. */
export async function readCsv(file: string): Promise<CsvColumns> {
  return parseCsv(await readFile(file, 'utf8'), file);
}

/** Converts a text column to numbers, naming the first field that is not one. */
export function numbers(columns: CsvColumns, name: string, file = '<text>'): number[] {
  return columns.column(name).map((field, row) => {
    const value = Number(field);
    if (field.trim() === '' || !Number.isFinite(value)) {
      throw new CsvFormatError(`${file} row ${row + 2}: '${name}' is '${field}', not a number`);
    }
    return value;
  });
}

/** A `timestamp,value` series as NAB writes it: naive timestamps that are read as UTC. */
export interface TimestampedSeries {
  readonly timestamps: readonly string[];
  readonly values: readonly number[];
}

/** Reads a `timestamp,value` CSV file. */
export async function readSeries(file: string): Promise<TimestampedSeries> {
  const columns = await readCsv(file);
  return { timestamps: columns.column('timestamp'), values: numbers(columns, 'value', file) };
}

/** Epoch seconds of a NAB timestamp (`YYYY-MM-DD HH:MM:SS[.ffffff]`, naive, read as UTC). */
export function nabEpochSeconds(timestamp: string): number {
  const iso = `${timestamp
    .trim()
    .replace(' ', 'T')
    .replace(/\.\d+$/, '')}Z`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new CsvFormatError(`'${timestamp}' is not a timestamp of the form YYYY-MM-DD HH:MM:SS`);
  }
  return ms / 1000;
}
