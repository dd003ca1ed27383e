import type { DocumentType } from '../../src/domain/documentTypes';

/** Names with the diacritics and apostrophes the office meets, so some texts go out as UCS-2. */
const citizens = [
  { firstName: 'Jan', lastName: 'Peeters', language: 'nl' },
  { firstName: 'Zoë', lastName: "D'Hondt", language: 'nl' },
  { firstName: 'François', lastName: 'Mertens', language: 'fr' },
  { firstName: 'Lotte', lastName: 'Claes', language: 'nl' },
  { firstName: 'Mohamed', lastName: 'El Amrani', language: 'nl' },
  { firstName: 'Anaïs', lastName: 'Dubois', language: 'fr' },
  { firstName: 'Pieter', lastName: 'Van den Broeck', language: 'nl' },
  { firstName: 'Fatma', lastName: 'Yılmaz', language: 'en' },
] as const;

const streets = ['Veldstraat', 'Korenmarkt', 'Sint-Pietersnieuwstraat', 'Overpoortstraat', 'Dampoortstraat', 'Brugsesteenweg'];

/** Rough mix of a city counter: mostly identity cards, then passports and licences. */
const documentTypeCycle: DocumentType[] = ['eid', 'eid', 'eid', 'eid', 'eid', 'passport', 'passport', 'driving-licence', 'driving-licence', 'kids-id', 'residence-permit'];

/**
 * Builds a national register number with a valid check number for a person
 * born on the given date: 97 minus the first nine digits modulo 97, with a
 * leading 2 for births from 2000.
 */
export function nationalNumberFor(birthYear: number, month: number, day: number, serial: number): string {
  const base = `${String(birthYear % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  const dividend = birthYear >= 2000 ? Number(`2${base}`) : Number(base);
  return `${base}${String(97 - (dividend % 97)).padStart(2, '0')}`;
}

/**
 * Returns the body of POST /api/v1/applications for case number `index`:
 * even numbers prefer SMS and odd numbers e-mail, and every case has both a
 * mobile number and an e-mail address besides the postal address.
 */
export function applicationBody(index: number) {
  const citizen = citizens[index % citizens.length] ?? citizens[0];
  const birthYear = 1940 + (index % 80);
  const birthMonth = 1 + (index % 12);
  const birthDay = 1 + (index % 28);
  const serial = 1 + (index % 997);
  const mobileDigits = String(index % 10_000_000).padStart(7, '0');

  return {
    documentType: documentTypeCycle[index % documentTypeCycle.length],
    citizen: {
      nationalNumber: nationalNumberFor(birthYear, birthMonth, birthDay, serial),
      firstName: citizen.firstName,
      lastName: citizen.lastName,
      birthDate: `${birthYear}-${String(birthMonth).padStart(2, '0')}-${String(birthDay).padStart(2, '0')}`,
      language: citizen.language,
    },
    contact: {
      mobile: `+32 47${mobileDigits.slice(0, 1)} ${mobileDigits.slice(1, 3)} ${mobileDigits.slice(3, 5)} ${mobileDigits.slice(5)}`,
      email: `burger${index}@example.be`,
      address: {
        street: streets[index % streets.length] ?? 'Veldstraat',
        number: String(1 + (index % 250)),
        postalCode: '9000',
        municipality: 'Gent',
      },
    },
    preferredChannel: index % 2 === 0 ? 'sms' : 'email',
  };
}
