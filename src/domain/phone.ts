import {
  getCountryCallingCode,
  getExampleNumber,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/mobile/examples';

export type MobileCheck =
  | { ok: true; e164: string }
  | { ok: false; reason: 'invalid_mobile_number' | 'not_a_mobile_number' };

/**
 * Normalises a mobile number to E.164. Belgian numbers may be written in any
 * common form (0470 12 34 56, +32 470 12 34 56, 0032470123456); foreign
 * numbers must carry their country code. A landline is rejected because it
 * cannot receive SMS. The `max` metadata is needed: the default `min` set
 * cannot tell a mobile from a landline.
 */
export function normaliseMobile(input: string): MobileCheck {
  // libphonenumber extracts a number from surrounding text, so "call me at 0470 12 34 56" would pass without this.
  if (!/^[\d\s+()./-]+$/.test(input.trim())) {
    return { ok: false, reason: 'invalid_mobile_number' };
  }
  const internationalInput = input.trim().replace(/^00/, '+');
  const phone = parsePhoneNumberFromString(internationalInput, 'BE');
  if (!phone) {
    return { ok: false, reason: 'invalid_mobile_number' };
  }

  if (phone.isValid()) {
    const type = phone.getType();
    const mobile = type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
    return mobile ? { ok: true, e164: phone.number } : { ok: false, reason: 'not_a_mobile_number' };
  }

  // The metadata does not list every assigned landline range, so an unlisted number of a
  // landline's length is still reported as a landline, which tells the clerk more than "invalid".
  return { ok: false, reason: hasLandlineLength(phone.nationalNumber, phone.country ?? 'BE') ? 'not_a_mobile_number' : 'invalid_mobile_number' };
}

/**
 * True when the digits have a valid length for the country but not a mobile's
 * length, judged against the country's example mobile number.
 */
function hasLandlineLength(nationalNumber: string, country: CountryCode): boolean {
  const digits = nationalNumber.replace(/^0/, '');
  const mobileLength = getExampleNumber(country, mobileExamples)?.nationalNumber.length;
  const possible = validatePhoneNumberLength(`+${getCountryCallingCode(country)}${digits}`) === undefined;
  return possible && digits.length !== mobileLength;
}

/** Masks a phone number for logs and the audit trail, keeping the country code and last two digits. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 3)}******${e164.slice(-2)}`;
}
