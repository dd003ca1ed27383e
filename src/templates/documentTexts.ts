import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { documentTypes, type DocumentType } from '../domain/documentTypes';
import type { Language } from '../domain/languages';
import { templatesDir, TemplateNotFoundError } from './templateFiles';
import type { DocumentTexts } from './templateData';
import { normaliseTypography } from './typography';

const text = z.string().min(1);

/**
 * Collection texts of a document that some offices let a proxy collect
 * (passport, driving licence). The office's setting picks one.
 */
const proxyCollectionTexts = z.strictObject({
  proxyAllowed: text,
  inPersonOnly: text,
  askAtCounter: text,
});

const documentEntrySchema = z.strictObject({
  name: text,
  shortName: text,
  possessive: text,
  bring: text,
  collection: z.union([text, proxyCollectionTexts]),
  smsInstructions: text,
});

/** One `templates/<language>/documents.json`: an entry for every document type. */
const documentsFileSchema = z.record(z.enum(documentTypes), documentEntrySchema);

type DocumentsFile = z.infer<typeof documentsFileSchema>;

export class DocumentTextsError extends Error {}

const loaded = new Map<Language, DocumentsFile>();

function readDocumentsFile(language: Language): DocumentsFile {
  const cached = loaded.get(language);
  if (cached) {
    return cached;
  }

  const file = path.join(templatesDir, language, 'documents.json');
  if (!fs.existsSync(file)) {
    throw new TemplateNotFoundError(`document texts not found: ${language}/documents.json`);
  }
  const parsed = documentsFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new DocumentTextsError(`invalid ${language}/documents.json: ${issues}`);
  }
  loaded.set(language, parsed.data);
  return parsed.data;
}

/**
 * Returns the texts of one document type in one language, with typographic
 * punctuation made plain. `proxyCollection` picks the collection text for a
 * document that a proxy may collect at some offices. With null, the text tells
 * the citizen to ask at the counter.
 */
export function documentTexts(language: Language, documentType: DocumentType, proxyCollection: boolean | null): DocumentTexts {
  const entry = readDocumentsFile(language)[documentType];
  const collection = typeof entry.collection === 'string' ? entry.collection : pickProxyText(entry.collection, proxyCollection);

  return {
    name: normaliseTypography(entry.name),
    shortName: normaliseTypography(entry.shortName),
    possessive: normaliseTypography(entry.possessive),
    bring: normaliseTypography(entry.bring),
    collection: normaliseTypography(collection),
    smsInstructions: normaliseTypography(entry.smsInstructions),
  };
}

function pickProxyText(texts: z.infer<typeof proxyCollectionTexts>, proxyCollection: boolean | null): string {
  if (proxyCollection === null) {
    return texts.askAtCounter;
  }
  return proxyCollection ? texts.proxyAllowed : texts.inPersonOnly;
}
