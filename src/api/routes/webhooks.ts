import type { Client } from '@temporalio/client';
import express, { Router, type Request, type Response } from 'express';
import { handleDeliveryReceipt } from '../../cases/deliveryReceipts';
import { verifySignedParameters, type SignatureSettings } from '../vonageSignature';

/** Collects the flat string parameters of a receipt, sent as a query string, a form or JSON. */
function receiptParameters(request: Request): Record<string, string> {
  const source = request.method === 'GET' ? request.query : (request.body as Record<string, unknown> | undefined) ?? {};
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (typeof value === 'string' || typeof value === 'number') {
      parameters[name] = String(value);
    }
  }
  return parameters;
}

/**
 * The Vonage delivery-receipt webhook. Vonage retries a receipt for a day
 * unless it gets a 200, so a verified receipt for an unknown message is
 * answered 200 as well, and only a bad signature gets an error.
 */
export function webhookRoutes(client: Client, signature: SignatureSettings): Router {
  const router = Router();
  const receive = async (request: Request, response: Response) => {
    const parameters = receiptParameters(request);
    await verifySignedParameters(parameters, signature);
    await handleDeliveryReceipt(client, {
      messageId: parameters.messageId ?? '',
      status: parameters.status ?? 'unknown',
      errorCode: parameters['err-code'] ?? null,
      clientRef: parameters['client-ref'] ?? null,
    });
    response.status(200).json({});
  };

  const bodyParsers = [express.json({ limit: '16kb' }), express.urlencoded({ extended: false, limit: '16kb' })];
  router.get('/webhooks/vonage/delivery-receipts', receive);
  router.post('/webhooks/vonage/delivery-receipts', ...bodyParsers, receive);
  return router;
}
