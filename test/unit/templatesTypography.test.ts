import { normaliseTemplateText, normaliseTypography } from '../../src/templates/typography';

describe('typography in template text', () => {
  test.each([
    ['’ apostrophe', 'u’t', "u't"],
    ['‘single’ quotes', '‘ja’', "'ja'"],
    ['“double” quotes', '“ja”', '"ja"'],
    ['German „quotes“', '„Ja“', '"Ja"'],
    ['guillemets with no-break spaces', '«\u00a0oui\u00a0»', '"oui"'],
    ['en dash', '8.30–12.30', '8.30-12.30'],
    ['em dash', 'klaar — afhalen', 'klaar - afhalen'],
    ['minus sign', '−5', '-5'],
    ['ellipsis', 'enz…', 'enz...'],
    ['no-break space before a colon', 'Rappel\u00a0:', 'Rappel :'],
    ['narrow no-break space', 'Réf.\u202f1', 'Réf. 1'],
    ['soft hyphen', 'identi\u00adteitskaart', 'identiteitskaart'],
    ['letters outside ASCII stay', 'Führerschein, séjour, Zoë', 'Führerschein, séjour, Zoë'],
  ])('%s', (_name, input, expected) => {
    expect(normaliseTypography(input)).toBe(expected);
  });

  test('expressions stay as written', () => {
    expect(normaliseTemplateText('“{{citizen.lastName}}” – {{lookup x ‘y’}}…')).toBe('"{{citizen.lastName}}" - {{lookup x ‘y’}}...');
  });

  test('triple-stash expressions stay as written', () => {
    expect(normaliseTemplateText('{{{html ’x’}}} …')).toBe('{{{html ’x’}}} ...');
  });
});
