/**
 * Mail-room days are calendar days in Brussels, written YYYY-MM-DD. A letter
 * queued at 00:30 on 4 June Brussels time belongs to 2025-06-04, although it
 * is still 3 June in UTC.
 */
const brusselsCalendar = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Returns the Brussels calendar date of an instant as YYYY-MM-DD. */
export function mailroomDateOf(instant: Date): string {
  const parts = Object.fromEntries(brusselsCalendar.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** True for a YYYY-MM-DD string that names a real calendar date (so 2025-02-30 is false). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
