import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { logger } from '../logging';
import { SandboxMessageModel } from '../store/sandboxMessageModel';

/**
 * A capture SMTP server: accepts every message on 127.0.0.1 and stores it
 * for the sandbox page. No TLS and no authentication, as it never leaves
 * the machine.
 */
export async function startSmtpCapture(port: number): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const to = Array.isArray(mail.to) ? mail.to.map((address) => address.text).join(', ') : (mail.to?.text ?? '');
          await SandboxMessageModel.create({
            channel: 'email',
            to,
            from: mail.from?.text ?? null,
            subject: mail.subject ?? null,
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : null,
            headers: Object.fromEntries(mail.headerLines.map((line) => [line.key, line.line.slice(line.key.length + 1).trim()])),
            providerMessageId: mail.messageId ?? null,
          });
          callback();
        })
        .catch((error: Error) => {
          logger.error({ err: error.message }, 'Sandbox SMTP could not store a message');
          callback(error);
        });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;

  return {
    port: boundPort,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
