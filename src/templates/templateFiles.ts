import fs from 'node:fs';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { projectRoot } from '../config/env';
import { createStrictHandlebars } from './strictHandlebars';
import { normaliseTemplateText } from './typography';

export const templatesDir = path.join(projectRoot, 'templates');

export class TemplateNotFoundError extends Error {}

const handlebars = createStrictHandlebars();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Compiles a template file once, relative to `templates/`. Strict mode makes a
 * missing value an error instead of an empty string, and only the helpers
 * handlebars ships may be used. Only HTML escapes: SMS, plain-text and letter
 * bodies must show an apostrophe or an ampersand as written.
 */
export function compileTemplate(relativePath: string, escapeHtml: boolean): Handlebars.TemplateDelegate {
  const key = `${relativePath}|${escapeHtml ? 'html' : 'text'}`;
  const cached = compiled.get(key);
  if (cached) {
    return cached;
  }

  const file = path.join(templatesDir, relativePath);
  if (!fs.existsSync(file)) {
    throw new TemplateNotFoundError(`template not found: ${relativePath}`);
  }
  const source = normaliseTemplateText(fs.readFileSync(file, 'utf8').replace(/\n$/, ''));
  const delegate = handlebars.compile(source, { strict: true, noEscape: !escapeHtml, knownHelpersOnly: true });
  compiled.set(key, delegate);
  return delegate;
}
