/**
 * Validates a Belgian national register number (rijksregisternummer) and
 * returns its 11 digits, or null when it is not valid. Dots, dashes and spaces
 * as printed on the card are accepted.
 *
 * The check number is 97 minus the first nine digits modulo 97. For people
 * born in 2000 or later the register prefixes those nine digits with a 2, so
 * a number is valid when either form matches.
 */
export function normaliseNationalNumber(input: string): string | null {
  const digits = input.replace(/[.\-\s]/g, '');
  if (!/^\d{11}$/.test(digits)) {
    return null;
  }

  const base = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  const bornBefore2000 = 97 - (Number(base) % 97) === check;
  const bornFrom2000 = 97 - (Number(`2${base}`) % 97) === check;
  return bornBefore2000 || bornFrom2000 ? digits : null;
}

/** Masks a national number for the few places that must mention it, keeping the last two digits. */
export function maskNationalNumber(digits: string): string {
  return `*********${digits.slice(-2)}`;
}
