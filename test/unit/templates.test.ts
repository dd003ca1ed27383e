import fs from 'node:fs';
import path from 'node:path';
import type { Channel } from '../../src/domain/channels';
import { documentTypes, type DocumentType } from '../../src/domain/documentTypes';
import { languages, type Language } from '../../src/domain/languages';
import type { MessageKind } from '../../src/domain/messageKinds';
import { measureSms } from '../../src/domain/smsEncoding';
import { channelsByKind } from '../../src/templates/messageChannels';
import { renderMessage, TemplateDataError, TemplateNotFoundError, templatesDir } from '../../src/templates/render';
import { createStrictHandlebars } from '../../src/templates/strictHandlebars';
import { buildTemplateData, type TemplateData, type TemplateDataInput } from '../../src/templates/templateData';

const ghent = {
  name: 'Stad Gent, dienst Burgerzaken',
  address: 'Woodrow Wilsonplein 1, 9000 Gent',
  openingHours: 'maandag tot vrijdag 8.30-12.30, donderdag ook 14.00-19.00',
  appointmentUrl: 'https://afspraak.gent.example/burgerzaken',
  proxyCollection: null,
};

const reference = 'GENT-CENTRUM-2026-000001';

/** 14 April: a month whose name is GSM-7 in every language (the French "août" is not). */
const collectBefore = new Date('2026-04-14T10:00:00Z');

function sampleData(overrides: Partial<TemplateDataInput> = {}): TemplateData {
  return buildTemplateData({
    language: 'nl',
    courtesyLanguage: null,
    documentType: 'passport',
    office: ghent,
    citizen: { firstName: 'Jan', lastName: 'Peeters' },
    reference,
    collectBefore,
    reminderNumber: null,
    lastReminder: false,
    ...overrides,
  });
}

interface Variant {
  kind: MessageKind;
  channel: Channel;
  reminderNumber: number | null;
  lastReminder: boolean;
}

/** Every message kind on every channel it is sent by, with the first and the last reminder apart. */
const variants: Variant[] = (Object.entries(channelsByKind) as Array<[MessageKind, readonly Channel[]]>).flatMap(([kind, kindChannels]) =>
  kindChannels.flatMap((channel): Variant[] =>
    kind === 'reminder'
      ? [
          { kind, channel, reminderNumber: 1, lastReminder: false },
          { kind, channel, reminderNumber: 2, lastReminder: true },
        ]
      : [{ kind, channel, reminderNumber: null, lastReminder: false }],
  ),
);

const cases = languages.flatMap((language) =>
  documentTypes.flatMap((documentType) =>
    variants.map((variant) => ({ ...variant, language, documentType, name: `${language} ${documentType} ${variant.kind}${variant.reminderNumber ?? ''} ${variant.channel}` })),
  ),
);

const htmlTag = /<\/?[a-z][^>]*>/i;

describe('every template renders', () => {
  test.each(cases)('$name', ({ kind, channel, language, documentType, reminderNumber, lastReminder }) => {
    const data = sampleData({ language, documentType, reminderNumber, lastReminder });
    const message = renderMessage(kind, channel, language, data);

    for (const part of [message.subject, message.text, message.html]) {
      expect(part ?? '').not.toContain('{{');
      expect(part ?? '').not.toContain('}}');
    }
    expect(message.text).not.toMatch(htmlTag);
    expect(message.text).toContain(ghent.name);
    expect(message.text).toContain(data.collectBefore);

    if (channel === 'email') {
      expect(message.subject).toContain(reference);
      expect(message.subject).not.toMatch(htmlTag);
      expect(message.html).toContain('<p>');
      expect(message.text).toContain(reference);
    } else {
      expect(message.subject).toBeNull();
      expect(message.html).toBeNull();
    }
    if (channel === 'sms') {
      expect(message.text).toContain(reference);
      expect(message.text).not.toContain('\n');
    }

    if (kind !== 'returned-uncollected') {
      expect(message.text).toContain(ghent.address);
      expect(message.text).toContain(channel === 'sms' ? data.document.smsInstructions : data.document.bring);
      expect(message.text).toContain(ghent.appointmentUrl);
    }
  });
});

describe('SMS size', () => {
  const smsCases = cases.filter((entry) => entry.channel === 'sms');

  test.each(smsCases)('$name stays GSM-7', ({ kind, language, documentType, reminderNumber, lastReminder }) => {
    const { text } = renderMessage(kind, 'sms', language, sampleData({ language, documentType, reminderNumber, lastReminder }));
    expect(measureSms(text).encoding).toBe('GSM-7');
  });

  test.each(smsCases.filter((entry) => entry.language === 'nl'))('$name fits two segments', ({ kind, documentType, reminderNumber, lastReminder }) => {
    const { text } = renderMessage(kind, 'sms', 'nl', sampleData({ documentType, reminderNumber, lastReminder }));
    expect(measureSms(text).segments).toBeLessThanOrEqual(2);
  });

  // French, German and English sentences run longer, so with Ghent's long office name some need a third segment.
  test.each(smsCases.filter((entry) => entry.language !== 'nl'))('$name fits three segments', ({ kind, language, documentType, reminderNumber, lastReminder }) => {
    const { text } = renderMessage(kind, 'sms', language, sampleData({ language, documentType, reminderNumber, lastReminder }));
    expect(measureSms(text).segments).toBeLessThanOrEqual(3);
  });

  test.each([
    ['passport', 'GSM-7', 2],
    ['eid', 'GSM-7', 2],
  ] as const)('Dutch %s pickup notice for Jan Peeters', (documentType, encoding, segments) => {
    const { text } = renderMessage('pickup-notice', 'sms', 'nl', sampleData({ documentType }));
    const size = measureSms(text);
    expect(size.encoding).toBe(encoding);
    expect(size.segments).toBe(segments);
  });

  test('name with ë switches SMS to UCS-2', () => {
    const { text } = renderMessage('pickup-notice', 'sms', 'nl', sampleData({ citizen: { firstName: 'Zoë', lastName: "D'Hondt" } }));
    expect(measureSms(text).encoding).toBe('UCS-2');
  });

  test('office without appointment link shows hours', () => {
    const { text } = renderMessage('pickup-notice', 'sms', 'nl', sampleData({ office: { ...ghent, appointmentUrl: null } }));
    expect(text).toContain(`Open: ${ghent.openingHours}.`);
    expect(text).not.toContain('Afspraak');
  });
});

describe('Dutch content', () => {
  test('SMS pickup notice for a passport', () => {
    const { text } = renderMessage('pickup-notice', 'sms', 'nl', sampleData());
    expect(text).toContain('Beste Jan Peeters');
    expect(text).toContain('reispas');
    expect(text).toContain('Stad Gent, dienst Burgerzaken');
  });

  test('eID e-mail names PIN/PUK letter and fingerprints', () => {
    const message = renderMessage('pickup-notice', 'email', 'nl', sampleData({ documentType: 'eid' }));
    expect(message.subject).toContain('elektronische identiteitskaart');
    expect(message.text).toContain('PIN- en PUK-code');
    expect(message.text).toContain('vingerafdrukken');
    expect(message.html).toContain('<strong>elektronische identiteitskaart</strong>');
  });

  test('Kids-ID may be collected by a parent', () => {
    const { text } = renderMessage('pickup-notice', 'letter', 'nl', sampleData({ documentType: 'kids-id' }));
    expect(text).toContain('Een ouder mag de Kids-ID afhalen');
    expect(text).not.toContain('vingerafdrukken');
  });

  test('both SMS reminders start with Herinnering', () => {
    const first = renderMessage('reminder', 'sms', 'nl', sampleData({ reminderNumber: 1 }));
    const last = renderMessage('reminder', 'sms', 'nl', sampleData({ reminderNumber: 2, lastReminder: true }));
    expect(first.text.startsWith('Herinnering')).toBe(true);
    expect(last.text.startsWith('Herinnering')).toBe(true);
  });

  test('last reminder announces the letter', () => {
    const first = renderMessage('reminder', 'email', 'nl', sampleData({ reminderNumber: 1 }));
    const last = renderMessage('reminder', 'email', 'nl', sampleData({ reminderNumber: 2, lastReminder: true }));
    expect(first.text).not.toContain('laatste herinnering');
    expect(last.text).toContain('Dit is de laatste herinnering');
    expect(last.html).toContain('Dit is de laatste herinnering');
  });

  test('returned letter says not collected', () => {
    const { text } = renderMessage('returned-uncollected', 'letter', 'nl', sampleData({ documentType: 'driving-licence' }));
    expect(text).toContain('niet afgehaald');
    expect(text).toContain('rijbewijs');
  });
});

describe('proxy collection', () => {
  test.each([
    [true, 'Dan mag iemand anders de reispas afhalen'],
    [false, 'U moet de reispas zelf afhalen'],
    [null, 'Vraag aan de balie of iemand anders de reispas'],
  ] as const)('passport with proxyCollection %s', (proxyCollection, expected) => {
    const { text } = renderMessage('pickup-notice', 'email', 'nl', sampleData({ office: { ...ghent, proxyCollection } }));
    expect(text).toContain(expected);
  });

  test('eID ignores the proxy setting', () => {
    const { text } = renderMessage('pickup-notice', 'email', 'nl', sampleData({ documentType: 'eid', office: { ...ghent, proxyCollection: true } }));
    expect(text).toContain('U moet de kaart zelf afhalen');
    expect(text).not.toContain('volmacht');
  });
});

describe('escaping', () => {
  const data = sampleData({ citizen: { firstName: '<b>Zoë</b>', lastName: "D'Hondt & Co" } });

  test('HTML escapes the name', () => {
    const { html } = renderMessage('pickup-notice', 'email', 'nl', data);
    expect(html).toContain('&lt;b&gt;Zoë&lt;/b&gt;');
    expect(html).toContain('D&#x27;Hondt &amp; Co');
    expect(html).not.toContain('<b>Zoë</b>');
  });

  test.each(['sms', 'letter', 'email'] as const)('%s text keeps the name as written', (channel) => {
    const message = renderMessage('pickup-notice', channel, 'nl', data);
    expect(message.text).toContain("<b>Zoë</b> D'Hondt & Co");
    expect(message.text).not.toContain('&lt;');
    expect(message.text).not.toContain('&#x27;');
  });

  test('e-mail subject is not escaped', () => {
    const { subject } = renderMessage('pickup-notice', 'email', 'nl', sampleData({ reference: 'A&B-1' }));
    expect(subject).toContain('A&B-1');
  });

  test('typographic apostrophe in a name stays', () => {
    const { text } = renderMessage('pickup-notice', 'sms', 'nl', sampleData({ citizen: { firstName: 'Zoë', lastName: 'D’Hondt' } }));
    expect(text).toContain('Zoë D’Hondt');
  });
});

describe('strict rendering', () => {
  test('missing value is an error', () => {
    const data = sampleData();
    const { appointmentUrl: _dropped, ...officeWithoutLink } = data.office;
    const broken = { ...data, office: officeWithoutLink } as unknown as TemplateData;
    expect(() => renderMessage('pickup-notice', 'sms', 'nl', broken)).toThrow(TemplateDataError);
    expect(() => renderMessage('pickup-notice', 'sms', 'nl', broken)).toThrow(/office\.appointmentUrl/);
  });

  test('undefined value is an error', () => {
    const broken = { ...sampleData(), reminderNumber: undefined } as unknown as TemplateData;
    expect(() => renderMessage('reminder', 'email', 'nl', broken)).toThrow(/reminderNumber/);
  });

  test('unknown field is an error', () => {
    const broken = { ...sampleData(), nationalNumber: '85073003328' } as unknown as TemplateData;
    expect(() => renderMessage('pickup-notice', 'sms', 'nl', broken)).toThrow(TemplateDataError);
  });

  test('strict lookup rejects a misspelt value', () => {
    const template = createStrictHandlebars().compile('{{office.nmae}}', { strict: true, noEscape: true });
    expect(() => template({ office: { name: 'x' } })).toThrow(/nmae/);
  });

  test('#if rejects a misspelt value', () => {
    const template = createStrictHandlebars().compile('a\n{{#if office.apointmentUrl}}x{{/if}}', { strict: true });
    expect(() => template({ office: { appointmentUrl: null } })).toThrow(/#if at line 2, column 0 received a missing value/);
  });

  test('#unless rejects a misspelt value', () => {
    const template = createStrictHandlebars().compile('{{#unless flag}}x{{/unless}}', { strict: true });
    expect(() => template({})).toThrow(/#unless/);
  });

  test('#if accepts an explicit null', () => {
    const template = createStrictHandlebars().compile('{{#if value}}set{{else}}unset{{/if}}', { strict: true });
    expect(template({ value: null })).toBe('unset');
    expect(template({ value: 'x' })).toBe('set');
  });

  test('escalation letter has no SMS template', () => {
    expect(() => renderMessage('escalation-letter', 'sms', 'nl', sampleData())).toThrow(TemplateNotFoundError);
    expect(() => renderMessage('escalation-letter', 'email', 'nl', sampleData())).toThrow(TemplateNotFoundError);
  });
});

describe('courtesy translation', () => {
  const data = sampleData({ courtesyLanguage: 'en' });

  test('e-mail adds English after the Dutch text', () => {
    const message = renderMessage('pickup-notice', 'email', 'nl', data);
    const dutch = message.text.indexOf('Beste Jan Peeters');
    const heading = message.text.indexOf('Courtesy translation. Only the text above is official.');
    const english = message.text.indexOf('Dear Jan Peeters');
    expect(dutch).toBe(0);
    expect(heading).toBeGreaterThan(dutch);
    expect(english).toBeGreaterThan(heading);
    expect(message.text).toContain('Please collect your document before 14 April 2026.');
    expect(message.text).not.toMatch(htmlTag);
  });

  test('e-mail HTML marks the translation language', () => {
    const { html } = renderMessage('pickup-notice', 'email', 'nl', data);
    expect(html).toContain('<div lang="en">');
    expect(html).toContain('<strong>passport</strong>');
    expect(html?.indexOf('<strong>reispas</strong>')).toBeLessThan(html?.indexOf('<div lang="en">') ?? -1);
  });

  test('subject stays Dutch', () => {
    const { subject } = renderMessage('pickup-notice', 'email', 'nl', data);
    expect(subject).toBe(`Uw reispas ligt klaar om af te halen (ref. ${reference})`);
  });

  test('letter adds English after the Dutch text', () => {
    const { text } = renderMessage('escalation-letter', 'letter', 'nl', data);
    expect(text.startsWith('Betreft:')).toBe(true);
    expect(text).toContain('Subject: your passport is still waiting for you');
  });

  test('SMS stays Dutch only', () => {
    const { text } = renderMessage('pickup-notice', 'sms', 'nl', data);
    expect(text).not.toContain('passport');
    expect(text).not.toContain('Courtesy');
  });
});

describe('template files', () => {
  function templateFiles(language: Language): string[] {
    const root = path.join(templatesDir, language);
    return fs
      .readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.hbs'))
      .map((file) => file.split(path.sep).join('/'))
      .sort();
  }

  test.each(languages.filter((language) => language !== 'nl'))('%s has the same files as nl', (language) => {
    expect(templateFiles(language)).toEqual(templateFiles('nl'));
  });

  test('nl has a file for every kind and channel', () => {
    const expected = (Object.entries(channelsByKind) as Array<[MessageKind, readonly Channel[]]>).flatMap(([kind, kindChannels]) =>
      kindChannels.flatMap((channel) =>
        channel === 'email' ? ['html', 'subject', 'text'].map((part) => `email/${kind}.${part}.hbs`) : [`${channel}/${kind}.hbs`],
      ),
    );
    expect(templateFiles('nl')).toEqual(['courtesy-heading.hbs', ...expected].sort());
  });

  test.each(documentTypes)('documents.json of every language has %s', (documentType: DocumentType) => {
    for (const language of languages) {
      const texts = JSON.parse(fs.readFileSync(path.join(templatesDir, language, 'documents.json'), 'utf8'));
      expect(Object.keys(texts)).toContain(documentType);
    }
  });
});
