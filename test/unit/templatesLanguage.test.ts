import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chooseLanguages } from '../../src/activities/messageContext';
import { loadPolicyFile, PolicyFileError } from '../../src/config/policyFile';
import type { Language } from '../../src/domain/languages';

describe('language of a message', () => {
  const table: Array<[string, Language[], Language | null, Language, Language, Language | null]> = [
    ['Flemish office, Dutch citizen', ['nl'], null, 'nl', 'nl', null],
    ['Flemish office, French citizen', ['nl'], null, 'fr', 'nl', null],
    ['Flemish office with courtesy, French citizen', ['nl'], 'en', 'fr', 'nl', 'en'],
    ['Flemish office with courtesy, English citizen', ['nl'], 'en', 'en', 'nl', 'en'],
    ['Flemish office with courtesy, Dutch citizen', ['nl'], 'en', 'nl', 'nl', null],
    ['facility municipality, French citizen', ['nl', 'fr'], null, 'fr', 'fr', null],
    ['facility municipality with courtesy, French citizen', ['nl', 'fr'], 'en', 'fr', 'fr', null],
    ['facility municipality with courtesy, German citizen', ['nl', 'fr'], 'en', 'de', 'nl', 'en'],
    ['Brussels office, Dutch citizen', ['fr', 'nl'], null, 'nl', 'nl', null],
    ['Walloon office, Dutch citizen', ['fr'], null, 'nl', 'fr', null],
    ['office that writes English, English citizen', ['nl', 'en'], 'en', 'en', 'en', null],
  ];

  test.each(table)('%s', (_name, officeLanguages, courtesyTranslation, requested, language, courtesyLanguage) => {
    expect(chooseLanguages(officeLanguages, courtesyTranslation, requested)).toEqual({ language, courtesyLanguage });
  });
});

describe('courtesyTranslation setting', () => {
  const base = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'policy-seconds.json'), 'utf8'));

  function writePolicy(change: (policy: any) => void): string {
    const policy = structuredClone(base);
    change(policy);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-policy-')), 'policy.json');
    fs.writeFileSync(file, JSON.stringify(policy));
    return file;
  }

  test('defaults to null', () => {
    const policy = loadPolicyFile(writePolicy(() => undefined));
    expect(policy.offices['gent-centrum']?.courtesyTranslation).toBeNull();
  });

  test('accepts en', () => {
    const policy = loadPolicyFile(writePolicy((p) => (p.offices['gent-centrum'].courtesyTranslation = 'en')));
    expect(policy.offices['gent-centrum']?.courtesyTranslation).toBe('en');
  });

  test('rejects fr', () => {
    const file = writePolicy((p) => (p.offices['gent-centrum'].courtesyTranslation = 'fr'));
    expect(() => loadPolicyFile(file)).toThrow(PolicyFileError);
    expect(() => loadPolicyFile(file)).toThrow(/offices\.gent-centrum\.courtesyTranslation/);
  });
});
