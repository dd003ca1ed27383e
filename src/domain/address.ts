/** A postal address as the population register holds it. */
export interface PostalAddress {
  street: string;
  number: string;
  box: string | null;
  postalCode: string;
  municipality: string;
  country: string;
}

/** Belgian postcodes have four digits and start at 1000. */
export function isBelgianPostalCode(value: string): boolean {
  return /^[1-9]\d{3}$/.test(value);
}

/** Masks an e-mail address for logs, keeping the first character and the domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
}
