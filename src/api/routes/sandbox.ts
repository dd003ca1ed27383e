import fs from 'node:fs';
import { Router } from 'express';
import { LetterModel } from '../../store/letterModel';
import { SandboxMessageModel } from '../../store/sandboxMessageModel';
import { ApiError } from '../errors';
import { renderSandboxPage } from '../../sandbox/page';

export interface SandboxEntry {
  channel: 'sms' | 'email' | 'letter';
  to: string;
  subject?: string;
  text: string;
  html?: string;
  pdfUrl?: string;
  receivedAt: string;
}

/** Everything a citizen would have received, newest first: captured SMS and e-mail, and the mail room's letters. */
export async function listSandboxMessages(limit = 500): Promise<SandboxEntry[]> {
  const [captured, letters] = await Promise.all([
    SandboxMessageModel.find().sort({ receivedAt: -1 }).limit(limit).lean(),
    LetterModel.find().sort({ createdAt: -1 }).limit(limit).lean(),
  ]);

  const entries: SandboxEntry[] = [
    ...captured.map((message) => ({
      channel: message.channel,
      to: message.to,
      ...(message.subject ? { subject: message.subject } : {}),
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      receivedAt: message.receivedAt.toISOString(),
    })),
    ...letters.map((letter) => ({
      channel: 'letter' as const,
      to: letter.addressLines.join(', '),
      text: letter.text,
      pdfUrl: `/sandbox/letters/${letter._id.toString()}.pdf`,
      receivedAt: letter.createdAt.toISOString(),
    })),
  ];
  return entries.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).slice(0, limit);
}

/** The local sandbox pages; mounted only outside production. */
export function sandboxRoutes(): Router {
  const router = Router();

  router.get('/sandbox/messages.json', async (_request, response) => {
    response.json(await listSandboxMessages());
  });

  router.get('/sandbox', async (_request, response) => {
    response.type('html').send(renderSandboxPage(await listSandboxMessages()));
  });

  router.get('/sandbox/letters/:id.pdf', async (request, response) => {
    const id = String(request.params.id);
    const letter = /^[0-9a-f]{24}$/.test(id) ? await LetterModel.findById(id).lean() : null;
    if (!letter || !fs.existsSync(letter.file)) {
      throw new ApiError(404, 'not_found');
    }
    response.type('application/pdf').sendFile(letter.file);
  });

  return router;
}
