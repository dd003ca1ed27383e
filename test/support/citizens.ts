import crypto from 'node:crypto';

/** A unique reference per test, so messages in the shared sandbox can be told apart. */
export function uniqueReference(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
}

/** An application body for Jan Peeters, the citizen of the council question's example. */
export function janPeeters(overrides: { reference: string; documentType?: string; preferredChannel?: string; contact?: object }) {
  return {
    reference: overrides.reference,
    documentType: overrides.documentType ?? 'passport',
    citizen: { nationalNumber: '85.07.30-033.28', firstName: 'Jan', lastName: 'Peeters', language: 'nl' },
    contact: {
      mobile: '0470 12 34 56',
      email: 'jan.peeters@example.be',
      address: { street: 'Veldstraat', number: '12', box: '3', postalCode: '9000', municipality: 'Gent' },
      ...overrides.contact,
    },
    preferredChannel: overrides.preferredChannel ?? 'sms',
  };
}
