import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from './errors';

/**
 * A date known to the year, the month or the day: "2010", "2011-12" or "2011-12-09".
 * Sources often give only a year; the hub keeps that precision instead of padding to a made-up day.
 */
export type PartialDate = string;

const FORMAT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The partial date, or null when the text is not a real year, month or day. */
export function parsePartialDate(text: string): PartialDate | null {
  const match = FORMAT.exec(text);
  if (!match) return null;
  const [, year, month, day] = match;
  // there is no year 0 (1 BC is followed by AD 1), and PostgreSQL refuses it
  if (Number(year) < 1) return null;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return null;
  if (day !== undefined) {
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (date.getUTCDate() !== Number(day)) return null;
  }
  return text;
}

/** Reference data writes year-only dates as integers (2010): that means the year, nothing finer. */
export function toPartialDate(value: unknown): PartialDate | null {
  if (value === null || value === undefined) return null;
  const date = parsePartialDate(String(value));
  if (date === null) throw new Error(`"${String(value)}" is not a partial date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  return date;
}

/** The first day a partial date may stand for: "2010" → "2010-01-01", "2011-12" → "2011-12-01". */
export function firstDay(date: PartialDate): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** The last day a partial date may stand for: "2014" → "2014-12-31", "2012-02" → "2012-02-29". */
export function lastDay(date: PartialDate): string {
  if (date.length === 4) return `${date}-12-31`;
  if (date.length === 7) {
    const [year, month] = date.split('-').map(Number);
    return `${date}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  return date;
}

/**
 * Whether a validity range covers `when` (a day, or a whole month or year: then any part of it counts).
 * A bound known only to the year or month counts for the whole year or month. An unknown bound (null)
 * cannot establish activity, so the answer is then false.
 */
export function isActiveOn(validFrom: PartialDate | null, validTo: PartialDate | null, when: PartialDate): boolean {
  if (validFrom === null || validTo === null) return false;
  return firstDay(validFrom) <= lastDay(when) && firstDay(when) <= lastDay(validTo);
}

function parseInput(value: unknown, node?: ValueNode): PartialDate {
  const date = typeof value === 'string' ? parsePartialDate(value) : null;
  if (date === null) {
    const message = `PartialDate must be "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real date, got ${JSON.stringify(value)}`;
    // the node gives the client the line and column at fault
    throw new GraphQLError(message, { nodes: node, extensions: { code: ErrorCode.BAD_USER_INPUT } });
  }
  return date;
}

export const PartialDateScalar = new GraphQLScalarType({
  name: 'PartialDate',
  description:
    'A date known to the year ("2010"), the month ("2011-12") or the day ("2011-12-09"): the precision the source gives, never padded.',
  serialize: (value) => parseInput(value),
  parseValue: (value) => parseInput(value),
  parseLiteral: (ast) => parseInput(ast.kind === Kind.STRING ? ast.value : undefined, ast),
});
