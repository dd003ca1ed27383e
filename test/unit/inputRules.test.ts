import inputs from '../fixtures/inputs.json';
import { isBelgianPostalCode } from '../../src/domain/address';
import { normaliseNationalNumber } from '../../src/domain/nationalNumber';
import { normaliseMobile } from '../../src/domain/phone';

describe('national register number', () => {
  test.each(inputs.nationalNumber)('$input ($note)', (entry) => {
    const normalised = normaliseNationalNumber(entry.input);
    if (entry.valid) {
      expect(normalised).toBe(entry.normalised);
    } else {
      expect(normalised).toBeNull();
    }
  });
});

describe('mobile number', () => {
  test.each(inputs.mobile)('$input ($note)', (entry) => {
    const check = normaliseMobile(entry.input);
    if (entry.valid) {
      expect(check).toEqual({ ok: true, e164: entry.e164 });
    } else {
      expect(check).toEqual({ ok: false, reason: entry.code });
    }
  });
});

describe('postal code', () => {
  test.each(inputs.postalCode)('$input', (entry) => {
    expect(isBelgianPostalCode(entry.input)).toBe(entry.valid);
  });
});

test('mobile inside other text is invalid', () => {
  expect(normaliseMobile('call me at 0470 12 34 56 please')).toEqual({ ok: false, reason: 'invalid_mobile_number' });
});

test('mobile with brackets, dots and slashes is accepted', () => {
  expect(normaliseMobile('(0470) 12.34.56')).toEqual({ ok: true, e164: '+32470123456' });
  expect(normaliseMobile('0470/12 34 56')).toEqual({ ok: true, e164: '+32470123456' });
});
