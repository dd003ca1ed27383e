import { belgianPublicHolidays, defaultOfficeCalendar, easterSunday, nextSendingMoment, type OfficeCalendar } from '../../src/domain/officeCalendar';

const brussels = (local: string, offset = '+02:00') => Date.parse(`${local}${offset}`);

test('Easter Sunday of known years', () => {
  expect(easterSunday(2026)).toBe('2026-04-05');
  expect(easterSunday(2027)).toBe('2027-03-28');
  expect(easterSunday(2024)).toBe('2024-03-31');
});

test('Belgian public holidays of 2027', () => {
  expect(belgianPublicHolidays(2027)).toEqual([
    '2027-01-01',
    '2027-03-29',
    '2027-05-01',
    '2027-05-06',
    '2027-05-17',
    '2027-07-21',
    '2027-08-15',
    '2027-11-01',
    '2027-11-11',
    '2027-12-25',
  ]);
});

test('inside sending hours on a working day sends at once', () => {
  const tuesdayNoon = brussels('2027-07-20T12:00:00');
  expect(nextSendingMoment(tuesdayNoon, defaultOfficeCalendar)).toBe(tuesdayNoon);
});

test('a reminder due on 21 July moves to 22 July at 08:00', () => {
  const nationalDay = brussels('2027-07-21T10:30:00');
  expect(new Date(nextSendingMoment(nationalDay, defaultOfficeCalendar)).toISOString()).toBe('2027-07-22T06:00:00.000Z');
});

test('after 20:00 moves to the next morning', () => {
  expect(new Date(nextSendingMoment(brussels('2027-07-22T21:15:00'), defaultOfficeCalendar)).toISOString()).toBe('2027-07-23T06:00:00.000Z');
});

test('before 08:00 waits for 08:00 the same day', () => {
  expect(new Date(nextSendingMoment(brussels('2027-07-22T06:59:00'), defaultOfficeCalendar)).toISOString()).toBe('2027-07-22T06:00:00.000Z');
});

test('Sunday moves to Monday, past a Monday holiday to Tuesday', () => {
  // Easter Sunday 2027 is 28 March; Easter Monday is a holiday, and summer time starts that night.
  const easter = brussels('2027-03-28T11:00:00');
  expect(new Date(nextSendingMoment(easter, defaultOfficeCalendar)).toISOString()).toBe('2027-03-30T06:00:00.000Z');
});

test('an office closing day such as 11 July is skipped', () => {
  const calendar: OfficeCalendar = { ...defaultOfficeCalendar, closingDays: ['2027-07-12'] };
  // 11 July 2027 is a Sunday; Monday 12 July is the office's closing day.
  expect(new Date(nextSendingMoment(brussels('2027-07-11T09:00:00'), calendar)).toISOString()).toBe('2027-07-13T06:00:00.000Z');
});

test('winter time uses the winter offset', () => {
  expect(new Date(nextSendingMoment(brussels('2027-12-24T22:00:00', '+01:00'), defaultOfficeCalendar)).toISOString()).toBe('2027-12-27T07:00:00.000Z');
});

test('an always-open calendar never waits', () => {
  const always: OfficeCalendar = { timeZone: 'Europe/Brussels', sendingHours: { from: '00:00', to: '24:00' }, sendingDays: [0, 1, 2, 3, 4, 5, 6], publicHolidays: 'none', closingDays: [] };
  const christmasNight = brussels('2027-12-25T03:00:00', '+01:00');
  expect(nextSendingMoment(christmasNight, always)).toBe(christmasNight);
});
