import fs from 'node:fs';
import path from 'node:path';
import { errorMessagesNl } from '../../src/api/errorMessages';
import { errorMessageLanguages } from '../../src/api/i18n/errorLanguage';
import { errorMessage, errorMessages } from '../../src/api/i18n/errorMessage';
import { janPeeters, uniqueReference } from '../support/citizens';
import { startHarness, type Harness } from '../support/harness';

describe('error message tables', () => {
  const dutchCodes = Object.keys(errorMessagesNl).sort();

  test.each(errorMessageLanguages.filter((language) => language !== 'nl'))('%s has every Dutch code', (language) => {
    const missing = dutchCodes.filter((code) => !errorMessages[language][code]?.trim());
    expect(missing).toEqual([]);
  });

  test.each(errorMessageLanguages.filter((language) => language !== 'nl'))('%s has no code unknown in Dutch', (language) => {
    const extra = Object.keys(errorMessages[language]).filter((code) => !(code in errorMessagesNl));
    expect(extra).toEqual([]);
  });

  test('every code thrown in src has a Dutch message', () => {
    const codes = new Set<string>();
    for (const file of sourceFiles(path.join(__dirname, '..', '..', 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new ApiError\(\s*\d{3},\s*'([a-z_]+)'/g)) {
        codes.add(match[1]!);
      }
      for (const match of text.matchAll(/new CaseError\(\s*'[a-z_]+',\s*'([a-z_]+)'/g)) {
        codes.add(match[1]!);
      }
    }
    expect(codes.size).toBeGreaterThan(20);
    expect([...codes].filter((code) => !(code in errorMessagesNl)).sort()).toEqual([]);
  });

  test('unknown code falls back to internal_error', () => {
    expect(errorMessage('no_such_code', 'fr')).toBe(errorMessages.fr.internal_error);
    expect(errorMessage('constructor', 'en')).toBe(errorMessages.en.internal_error);
  });
});

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('Accept-Language over HTTP', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  function invalidRegistration(acceptLanguage?: string) {
    const body = janPeeters({ reference: uniqueReference('I18N') });
    body.citizen.nationalNumber = '85073003329';
    return harness.request('POST', '/api/v1/applications', { body, headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage } });
  }

  const cases: Array<[string, 'nl' | 'fr' | 'en', string | undefined]> = [
    ['no header', 'nl', undefined],
    ['Belgian French with q-values', 'fr', 'fr-BE,fr;q=0.9'],
    ['English', 'en', 'en'],
    ['English preferred over Dutch', 'en', 'nl;q=0.5, en;q=0.9'],
    ['Dutch preferred over English', 'nl', 'nl-BE,nl;q=0.9,en;q=0.8'],
    ['German only', 'nl', 'de'],
    ['German, then French', 'fr', 'de, fr;q=0.1'],
    ['English refused with q=0', 'nl', 'en;q=0'],
    ['wildcard', 'nl', '*'],
    ['garbage', 'nl', ';;q=,,'],
  ];

  test.each(cases)('%s gives %s messages', async (_name, language, header) => {
    const response = await invalidRegistration(header);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_national_number');
    expect(response.body.error.field).toBe('citizen.nationalNumber');
    expect(response.body.error.message).toBe(errorMessages[language].invalid_national_number);
    expect(response.headers.get('content-language')).toBe(language);
    expect(response.headers.get('vary')).toMatch(/accept-language/i);
  });

  test('401 follows Accept-Language', async () => {
    const response = await harness.request('GET', '/api/v1/applications', { headers: { authorization: '', 'accept-language': 'fr' } });
    expect(response.status).toBe(401);
    expect(response.body.error.message).toBe(errorMessages.fr.unauthorized);
  });

  test('localized detail follows Accept-Language', async () => {
    const response = await harness.request('POST', '/api/v1/applications', { body: '[]', headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_json');
    expect(response.body.error.message).toBe(`${errorMessages.en.invalid_json} Expected a JSON object.`);
  });

  test('delivery-list line messages follow Accept-Language', async () => {
    const unknown = uniqueReference('NOPE');
    const french = await harness.request('POST', '/api/v1/production-batches', { body: [unknown], headers: { 'accept-language': 'fr-BE' } });
    expect(french.status).toBe(202);
    expect(french.body.results[0].code).toBe('not_found');
    expect(french.body.results[0].message).toBe(errorMessages.fr.not_found);

    const dutch = await harness.request('POST', '/api/v1/production-batches', { body: [unknown] });
    expect(dutch.body.results[0].message).toBe(errorMessagesNl.not_found);
  });
});
