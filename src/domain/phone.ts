import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

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
  const internationalInput = input.trim().replace(/^00/, '+');
  const phone = parsePhoneNumberFromString(internationalInput, 'BE');
  if (!phone || !phone.isValid()) {
    return { ok: false, reason: 'invalid_mobile_number' };
  }

  const type = phone.getType();
  if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
    return { ok: false, reason: 'not_a_mobile_number' };
  }
  return { ok: true, e164: phone.number };
}

/** Masks a phone number for logs and the audit trail, keeping the country code and last two digits. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 3)}******${e164.slice(-2)}`;
}
