import inputs from '../fixtures/inputs.json';
import { measureSms } from '../../src/domain/smsEncoding';

const examples = inputs.smsEncoding.filter((entry) => !('rule' in entry));

describe('SMS encoding of the examples', () => {
  test.each(examples)('$text', (entry) => {
    const size = measureSms(entry.text);
    expect(size.encoding).toBe(entry.encoding);
    if ('segments' in entry) {
      expect(size.segments).toBe(entry.segments);
    }
    if ('septets' in entry) {
      expect(size.units).toBe(entry.septets);
    }
  });
});

describe('SMS segment limits', () => {
  test('160 GSM-7 characters fit one segment', () => {
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
  });

  test('161 GSM-7 characters need two segments', () => {
    expect(measureSms('a'.repeat(161)).segments).toBe(2);
  });

  test('306 GSM-7 characters fit two parts of 153', () => {
    expect(measureSms('a'.repeat(306)).segments).toBe(2);
    expect(measureSms('a'.repeat(307)).segments).toBe(3);
  });

  test('70 UCS-2 characters fit one segment', () => {
    expect(measureSms('ë'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
  });

  test('71 UCS-2 characters need two segments', () => {
    expect(measureSms('ë'.repeat(71)).segments).toBe(2);
    expect(measureSms('ë'.repeat(134)).segments).toBe(2);
    expect(measureSms('ë'.repeat(135)).segments).toBe(3);
  });

  test('extension characters count two septets', () => {
    expect(measureSms('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(measureSms('€'.repeat(81)).segments).toBe(2);
  });

  test('an emoji takes two UCS-2 units', () => {
    expect(measureSms('👍').units).toBe(2);
  });
});
