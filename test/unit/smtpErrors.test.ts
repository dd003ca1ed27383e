import { classifySmtpError } from '../../src/activities/email';
import { PermanentSendError, TemporarySendError } from '../../src/activities/sendErrors';

test('5xx reply is permanent and keeps no address', () => {
  const error = classifySmtpError({ responseCode: 550, code: 'EENVELOPE', message: '550 5.1.1 <jan.peeters@example.be>: Recipient address rejected' });
  expect(error).toBeInstanceOf(PermanentSendError);
  expect(error.message).not.toContain('example.be');
  expect(error.message).toContain('550');
});

test('4xx reply is temporary', () => {
  expect(classifySmtpError({ responseCode: 451, message: '451 try again later' })).toBeInstanceOf(TemporarySendError);
});

test('refused connection is temporary', () => {
  expect(classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:1025' })).toBeInstanceOf(TemporarySendError);
});

test('authentication failure is permanent', () => {
  expect(classifySmtpError({ code: 'EAUTH', responseCode: 535 })).toBeInstanceOf(PermanentSendError);
});
