import type { Channel } from '../domain/channels';
import type { Language } from '../domain/languages';
import type { MessageKind } from '../domain/messageKinds';
import { isSentOnChannel } from './messageChannels';
import { compileTemplate, TemplateNotFoundError } from './templateFiles';
import { templateDataSchema, type TemplateData } from './templateData';

export { documentTexts } from './documentTexts';
export { templatesDir, TemplateNotFoundError } from './templateFiles';
export type { TemplateData } from './templateData';

export interface RenderedMessage {
  subject: string | null;
  text: string;
  html: string | null;
}

/** Template data that does not match the schema: a field is missing, undefined or of the wrong type. */
export class TemplateDataError extends Error {}

/** A template that failed while rendering, such as a strict-mode lookup of a value the data lacks. */
export class TemplateRenderError extends Error {}

/**
 * Renders one message kind for one channel in one language. When the data
 * carries a courtesy translation, e-mails and letters get it after the main
 * text, but an SMS stays in one language.
 */
export function renderMessage(kind: MessageKind, channel: Channel, language: Language, data: TemplateData): RenderedMessage {
  if (!isSentOnChannel(kind, channel)) {
    throw new TemplateNotFoundError(`message kind ${kind} is not sent by ${channel}`);
  }
  const values = validateTemplateData(data);
  const message = renderParts(kind, channel, language, values);
  if (channel === 'sms' || values.courtesy === null) {
    return message;
  }

  const { courtesy } = values;
  const translationValues: TemplateData = { ...values, document: courtesy.document, collectBefore: courtesy.collectBefore, courtesy: null };
  const translation = renderParts(kind, channel, courtesy.language, translationValues);
  return appendTranslation(message, translation, courtesy.language);
}

function validateTemplateData(data: TemplateData): TemplateData {
  const parsed = templateDataSchema.safeParse(data);
  if (!parsed.success) {
    // Issue paths and messages name fields and types only, never the values, so no personal data reaches a log.
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new TemplateDataError(`invalid template data: ${issues}`);
  }
  return parsed.data;
}

function renderParts(kind: MessageKind, channel: Channel, language: Language, values: TemplateData): RenderedMessage {
  const base = `${language}/${channel}/${kind}`;
  switch (channel) {
    case 'sms':
    case 'letter':
      return { subject: null, text: renderFile(`${base}.hbs`, false, values), html: null };
    case 'email':
      return {
        subject: renderFile(`${base}.subject.hbs`, false, values),
        text: renderFile(`${base}.text.hbs`, false, values),
        html: renderFile(`${base}.html.hbs`, true, values),
      };
  }
}

function renderFile(relativePath: string, escapeHtml: boolean, values: object): string {
  const template = compileTemplate(relativePath, escapeHtml);
  try {
    return template(values);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TemplateRenderError(`failed to render ${relativePath}: ${reason}`);
  }
}

/**
 * Adds the translation after the main text, under a heading in the
 * translation's language stating that only the main text is official. The
 * subject stays in the main language.
 */
function appendTranslation(message: RenderedMessage, translation: RenderedMessage, language: Language): RenderedMessage {
  const headingFile = `${language}/courtesy-heading.hbs`;
  const text = `${message.text}\n\n${'-'.repeat(40)}\n${renderFile(headingFile, false, {})}\n\n${translation.text}`;
  const html =
    message.html === null || translation.html === null
      ? null
      : `${message.html}\n<hr>\n<div lang="${language}">\n<p><em>${renderFile(headingFile, true, {})}</em></p>\n${translation.html}\n</div>`;
  return { subject: message.subject, text, html };
}
