/** The offices are Belgian, so a calendar day in a report query is a day in Brussels. */
export const reportTimeZone = 'Europe/Brussels';

/** Maximum length of the period one report may cover, so a request reads at most a leap year of the notification log. */
export const maxPeriodDays = 366;

const dayMs = 24 * 60 * 60 * 1000;
// A period of whole days across a daylight-saving change is one hour longer or shorter than a multiple of 24 hours.
const maxPeriodMs = maxPeriodDays * dayMs + 60 * 60 * 1000;

const queryParameters = ['from', 'to', 'office'] as const;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** A report query that failed validation: the error code and the query parameter at fault. */
export class ReportQueryError extends Error {
  constructor(
    readonly code: string,
    readonly field: string,
  ) {
    super(`${code}: ${field}`);
  }
}

/** A validated report query. The period runs from `from` up to but not including `to`. */
export interface ReportQuery {
  from: Date;
  to: Date;
  /** Office id, or null for every office. */
  office: string | null;
}

const brusselsClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: reportTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Milliseconds that Brussels local time is ahead of UTC at the given instant: one hour in winter, two in summer. */
function brusselsOffsetMs(instantMs: number): number {
  const parts = Object.fromEntries(brusselsClock.formatToParts(new Date(instantMs)).map((part) => [part.type, Number(part.value)]));
  const localAsUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return localAsUtc - (instantMs - (instantMs % 1000));
}

/** Returns the instant a calendar day starts in Brussels. Belgium changes its clocks at 02:00 or 03:00, never at midnight. */
export function startOfBrusselsDay(year: number, month: number, day: number): Date {
  const midnightUtc = Date.UTC(year, month - 1, day);
  const estimate = midnightUtc - brusselsOffsetMs(midnightUtc);
  return new Date(midnightUtc - brusselsOffsetMs(estimate));
}

/** Formats the calendar date of an instant in Brussels as YYYY-MM-DD. */
export function brusselsDate(instant: Date): string {
  const parts = Object.fromEntries(brusselsClock.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Reads one end of the period. A date (2026-03-01) is that whole day in
 * Brussels: `from` is its start and `to` the start of the next day, so the
 * day itself counts. A date-time must carry Z or an offset
 * (2026-03-01T08:00:00+01:00) and is taken as the exact instant.
 */
function parseBoundary(value: unknown, field: 'from' | 'to'): { instant: Date; wholeDay: boolean } {
  if (value === undefined || value === '') {
    throw new ReportQueryError(`missing_${field}`, field);
  }
  if (typeof value !== 'string') {
    throw new ReportQueryError(`invalid_${field}`, field);
  }

  const date = datePattern.exec(value);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!isCalendarDate(year, month, day)) {
      throw new ReportQueryError(`invalid_${field}`, field);
    }
    return { instant: startOfBrusselsDay(year, month, day + (field === 'to' ? 1 : 0)), wholeDay: true };
  }

  const dateTime = dateTimePattern.exec(value);
  if (dateTime) {
    const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = dateTime.slice(1).map((part) => Number(part ?? 0));
    const validClock = (hour ?? 0) <= 23 && (minute ?? 0) <= 59 && (second ?? 0) <= 59 && (offsetHour ?? 0) <= 14 && (offsetMinute ?? 0) <= 59;
    const instant = Date.parse(value);
    if (isCalendarDate(year ?? 0, month ?? 0, day ?? 0) && validClock && !Number.isNaN(instant)) {
      return { instant: new Date(instant), wholeDay: false };
    }
  }
  throw new ReportQueryError(`invalid_${field}`, field);
}

/**
 * Validates the query of a report: known parameters only, `from` and `to`
 * present and valid, `from` not after `to`, a period of at most 366 days,
 * and an office that the policy file configures.
 */
export function parseReportQuery(query: Record<string, unknown>, offices: readonly string[]): ReportQuery {
  const unknown = Object.keys(query).find((name) => !(queryParameters as readonly string[]).includes(name));
  if (unknown !== undefined) {
    throw new ReportQueryError('unknown_parameter', unknown);
  }

  const fromBoundary = parseBoundary(query.from, 'from');
  const toBoundary = parseBoundary(query.to, 'to');
  const from = fromBoundary.instant;
  const to = toBoundary.instant;
  // A whole day as `to` ends where the next day starts, so a `from` at or after that moment lies after the `to` date.
  if (from.getTime() > to.getTime() || (toBoundary.wholeDay && from.getTime() >= to.getTime())) {
    throw new ReportQueryError('invalid_period', 'from');
  }
  if (to.getTime() - from.getTime() > maxPeriodMs) {
    throw new ReportQueryError('period_too_long', 'to');
  }

  const office = query.office;
  if (office === undefined) {
    return { from, to, office: null };
  }
  if (typeof office !== 'string' || !offices.includes(office)) {
    throw new ReportQueryError('unknown_office', 'office');
  }
  return { from, to, office };
}
