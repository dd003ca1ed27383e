import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { projectRoot } from '../config/env';
import type { Channel } from '../domain/channels';
import type { Language } from '../domain/languages';
import type { MessageKind } from '../domain/messageKinds';

export const templatesDir = path.join(projectRoot, 'templates');

/** Values a template may use. Optional values are null, never absent, because templates compile in strict mode. */
export interface TemplateData {
  citizen: { firstName: string; lastName: string };
  document: { name: string; shortName: string; bring: string; collection: string };
  office: { name: string; address: string; openingHours: string; appointmentUrl: string | null };
  reference: string;
  collectBefore: string;
}

export interface RenderedMessage {
  subject: string | null;
  text: string;
  html: string | null;
}

export class TemplateNotFoundError extends Error {}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Compiles a template once. Strict mode makes a missing value an error
 * instead of an empty string. Only HTML escapes: SMS, plain-text and letter
 * bodies must show an apostrophe or an ampersand as written.
 */
function template(relativePath: string, escapeHtml: boolean): Handlebars.TemplateDelegate {
  const cached = compiled.get(relativePath);
  if (cached) {
    return cached;
  }

  const file = path.join(templatesDir, relativePath);
  if (!fs.existsSync(file)) {
    throw new TemplateNotFoundError(`template not found: ${relativePath}`);
  }
  const source = fs.readFileSync(file, 'utf8').replace(/\n$/, '');
  const delegate = Handlebars.compile(source, { strict: true, noEscape: !escapeHtml });
  compiled.set(relativePath, delegate);
  return delegate;
}

/** Renders one message kind for one channel in one language. */
export function renderMessage(kind: MessageKind, channel: Channel, language: Language, data: TemplateData): RenderedMessage {
  const base = `${language}/${channel}/${kind}`;
  switch (channel) {
    case 'sms':
    case 'letter':
      return { subject: null, text: template(`${base}.hbs`, false)(data), html: null };
    case 'email':
      return {
        subject: template(`${base}.subject.hbs`, false)(data),
        text: template(`${base}.text.hbs`, false)(data),
        html: template(`${base}.html.hbs`, true)(data),
      };
  }
}

/** Reads the document texts (name, what to bring, who may collect) of one language. */
export function documentTexts(language: Language, documentType: string): TemplateData['document'] {
  const file = path.join(templatesDir, language, 'documents.json');
  const texts = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, TemplateData['document']>;
  const forType = texts[documentType];
  if (!forType) {
    throw new TemplateNotFoundError(`no ${language} document texts for ${documentType}`);
  }
  return forType;
}
