/**
 * GSM 03.38 alphabet. Characters of the basic table cost one septet; those of
 * the extension table are sent as an escape plus the character, two septets.
 * Any other character forces the whole message into UCS-2.
 */
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtension = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSize {
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/**
 * Counts the encoding and segments of an SMS text. One segment carries 160
 * GSM-7 septets or 70 UCS-2 units; a longer text is split into parts of 153
 * or 67, because each part gives up room for the concatenation header.
 */
export function measureSms(text: string): SmsSize {
  const characters = Array.from(text);
  const isGsm = characters.every((character) => gsmBasic.has(character) || gsmExtension.has(character));

  if (isGsm) {
    const units = characters.reduce((sum, character) => sum + (gsmExtension.has(character) ? 2 : 1), 0);
    return { encoding: 'GSM-7', units, segments: segmentCount(units, 160, 153) };
  }

  // UCS-2 counts UTF-16 code units, so an emoji outside the basic plane takes two.
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: segmentCount(units, 70, 67) };
}

function segmentCount(units: number, single: number, part: number): number {
  if (units === 0) {
    return 1;
  }
  return units <= single ? 1 : Math.ceil(units / part);
}
