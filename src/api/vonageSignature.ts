import { Auth } from '@vonage/auth';
import { SMS } from '@vonage/sms';
import { WebhookNonceModel } from '../store/webhookNonceModel';
import { ApiError } from './errors';

/** Signed calls older or newer than this are rejected as replays or forgeries. */
const maxClockSkewSeconds = 300;

export interface SignatureSettings {
  secret: string;
  /** A Vonage signature method: MD5HASH, MD5HMAC, SHA1HMAC, SHA256HMAC or SHA512HMAC. */
  algorithm: string;
}

/**
 * Checks a signed Vonage webhook call: the signature over all parameters,
 * a timestamp within five minutes, and a nonce never seen before. The SDK's
 * own check computes the signature, so it matches what Vonage sends.
 */
export async function verifySignedParameters(parameters: Record<string, string>, settings: SignatureSettings): Promise<void> {
  const { sig, timestamp, nonce } = parameters;
  if (!sig || !timestamp || !nonce) {
    throw new ApiError(401, 'invalid_signature', null, 'De parameters sig, timestamp en nonce ontbreken.');
  }

  const verifier = new SMS(new Auth({ apiKey: 'unused', apiSecret: 'unused' }));
  let valid = false;
  try {
    valid = verifier.verifySignature(sig, parameters, settings.secret, settings.algorithm as never);
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new ApiError(401, 'invalid_signature');
  }

  const age = Math.abs(Date.now() / 1000 - Number(timestamp));
  if (!Number.isFinite(age) || age > maxClockSkewSeconds) {
    throw new ApiError(401, 'stale_signature');
  }

  try {
    await WebhookNonceModel.create({ _id: nonce });
  } catch (error) {
    if ((error as { code?: number }).code === 11000) {
      throw new ApiError(401, 'replayed_webhook');
    }
    throw error;
  }
}
