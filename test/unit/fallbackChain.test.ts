import { fallbackChain } from '../../src/domain/channels';

test('SMS falls back to e-mail, then letter', () => {
  expect(fallbackChain('sms')).toEqual(['sms', 'email', 'letter']);
});

test('e-mail falls back to letter', () => {
  expect(fallbackChain('email')).toEqual(['email', 'letter']);
});

test('letter has no fallback', () => {
  expect(fallbackChain('letter')).toEqual(['letter']);
});
