/**
 * When an office may send SMS and e-mail: on its sending days, inside its
 * sending hours, in its time zone, and not on public holidays or its own
 * closing days. Pure functions of a timestamp, so the workflow can compute
 * the next allowed moment from workflow time.
 */
export interface OfficeCalendar {
  timeZone: string;
  /** Local times as HH:MM; `to` may be 24:00 for the end of the day. */
  sendingHours: { from: string; to: string };
  /** Days of the week messages may go out, 0 = Sunday. */
  sendingDays: number[];
  /** 'BE' observes the ten Belgian public holidays; 'none' observes none. */
  publicHolidays: 'BE' | 'none';
  /** Local dates (YYYY-MM-DD) the office closes, such as 11 July, bridge days or the local fair. */
  closingDays: string[];
}

export const defaultOfficeCalendar: OfficeCalendar = {
  timeZone: 'Europe/Brussels',
  sendingHours: { from: '08:00', to: '20:00' },
  sendingDays: [1, 2, 3, 4, 5, 6],
  publicHolidays: 'BE',
  closingDays: [],
};

const millisecondsPerDay = 24 * 60 * 60 * 1000;

interface LocalDateTime {
  date: string;
  weekday: number;
  minutes: number;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

// Building an Intl.DateTimeFormat costs far more than formatting, and one calendar step reads many instants.
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Reads the calendar date, weekday and minute of the day of an instant in a time zone. */
function localDateTime(instantMs: number, timeZone: string): LocalDateTime {
  const parts = partFormatterFor(timeZone).formatToParts(new Date(instantMs));
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    weekday: weekdays.indexOf(part('weekday')),
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

/** Returns the instant at which a local date and minute of the day occur in a time zone. */
function instantOf(date: string, minutes: number, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const asUtc = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, 0, minutes);
  // The zone's offset can differ around a daylight-saving change, so correct twice.
  let guess = asUtc;
  for (let step = 0; step < 2; step += 1) {
    const local = localDateTime(guess, timeZone);
    const localAsUtc = Date.UTC(Number(local.date.slice(0, 4)), Number(local.date.slice(5, 7)) - 1, Number(local.date.slice(8, 10)), 0, local.minutes);
    guess += asUtc - localAsUtc;
  }
  return guess;
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm), as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * millisecondsPerDay).toISOString().slice(0, 10);
}

/**
 * Belgian public holidays of a year: New Year, Easter Monday, Labour Day,
 * Ascension (Easter + 39 days), Whit Monday (Easter + 50), the National Day
 * (21 July), Assumption (15 August), All Saints (1 November), Armistice
 * (11 November) and Christmas.
 */
export function belgianPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    `${year}-01-01`,
    addDays(easter, 1),
    `${year}-05-01`,
    addDays(easter, 39),
    addDays(easter, 50),
    `${year}-07-21`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
  ];
}

function isSendingDay(local: LocalDateTime, calendar: OfficeCalendar): boolean {
  if (!calendar.sendingDays.includes(local.weekday) || calendar.closingDays.includes(local.date)) {
    return false;
  }
  return calendar.publicHolidays === 'none' || !belgianPublicHolidays(Number(local.date.slice(0, 4))).includes(local.date);
}

/**
 * Returns the first instant at or after `instantMs` when the office may send:
 * the instant itself inside sending hours on a sending day, otherwise the
 * start of sending hours on the next sending day.
 */
export function nextSendingMoment(instantMs: number, calendar: OfficeCalendar): number {
  const from = minutesOf(calendar.sendingHours.from);
  const to = minutesOf(calendar.sendingHours.to);
  const start = localDateTime(instantMs, calendar.timeZone);

  // A year and a bit covers any sensible list of closing days.
  for (let offset = 0; offset <= 400; offset += 1) {
    const date = addDays(start.date, offset);
    const local = offset === 0 ? start : localDateTime(instantOf(date, 12 * 60, calendar.timeZone), calendar.timeZone);
    if (!isSendingDay(local, calendar)) {
      continue;
    }
    if (offset === 0 && start.minutes >= from && start.minutes < to) {
      return instantMs;
    }
    if (offset > 0 || start.minutes < from) {
      return instantOf(date, from, calendar.timeZone);
    }
  }
  throw new Error('no sending moment within 400 days: check the office calendar');
}
