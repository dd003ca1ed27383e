import { Router } from 'express';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Content-Security-Policy of the docs page. The page is one HTML document with
 * inline CSS and no script, and the browser may load nothing else, so it works
 * without network access and cannot reach other hosts.
 */
const docsPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Serves the OpenAPI document at /openapi.json and the same document as a web page at /docs. */
export function documentationRoutes(document: object): Router {
  const router = Router();
  const page = renderDocsPage(document as JsonObject);

  router.get('/openapi.json', (_request, response) => {
    response.json(document);
  });

  router.get('/docs', (_request, response) => {
    response.setHeader('Content-Security-Policy', docsPolicy);
    response.type('html').send(page);
  });

  return router;
}

/** Renders the OpenAPI document as one self-contained HTML page: every operation with its parameters, body and responses. */
export function renderDocsPage(document: JsonObject): string {
  const info = asObject(document.info);
  const paths = asObject(document.paths);
  const schemas = asObject(asObject(document.components).schemas);

  const operations: string[] = [];
  const contents: string[] = [];
  for (const [path, item] of Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))) {
    for (const method of methods) {
      const operation = asObject(asObject(item)[method]);
      if (Object.keys(operation).length === 0) {
        continue;
      }
      const anchor = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
      contents.push(`<li><a href="#${anchor}"><span class="method ${method}">${method.toUpperCase()}</span> ${escapeHtml(path)}</a> ${escapeHtml(text(operation.summary))}</li>`);
      operations.push(renderOperation(anchor, method, path, operation, document));
    }
  }

  const schemaSections = Object.entries(schemas).map(
    ([name, schema]) => `<details id="schema-${escapeHtml(name)}"><summary>${escapeHtml(name)}</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`,
  );

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text(info.title))} ${escapeHtml(text(info.version))}</title>
<style>${styles}</style>
</head>
<body>
<header>
<h1>${escapeHtml(text(info.title))} <small>${escapeHtml(text(info.version))}</small></h1>
<p>${escapeHtml(text(info.description))}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escapeHtml(text(document.openapi))}).</p>
</header>
<nav><h2>Operations</h2><ul>${contents.join('\n')}</ul></nav>
<main>
${operations.join('\n')}
<section><h2>Schemas</h2>${schemaSections.join('\n')}</section>
</main>
</body>
</html>
`;
}

function renderOperation(anchor: string, method: string, path: string, operation: JsonObject, document: JsonObject): string {
  const parameters = asArray(operation.parameters).map((parameter) => asObject(resolve(parameter, document)));
  const secured = asArray(operation.security).length > 0;
  const parts = [
    `<section class="operation" id="${anchor}">`,
    `<h2><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h2>`,
    `<p class="summary">${escapeHtml(text(operation.summary))}</p>`,
    operation.description ? `<p>${escapeHtml(text(operation.description))}</p>` : '',
    `<p class="auth">${secured ? 'Needs <code>Authorization: Bearer &lt;API key&gt;</code>.' : 'No API key.'}</p>`,
  ];

  if (parameters.length > 0) {
    const rows = parameters.map(
      (parameter) =>
        `<tr><td><code>${escapeHtml(text(parameter.name))}</code></td><td>${escapeHtml(text(parameter.in))}</td><td>${parameter.required === true ? 'yes' : 'no'}</td><td><code>${escapeHtml(describeSchema(parameter.schema))}</code></td><td>${escapeHtml(text(parameter.description))}</td></tr>`,
    );
    parts.push(`<h3>Parameters</h3><table><thead><tr><th>name</th><th>in</th><th>required</th><th>schema</th><th>description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
  }

  const body = asObject(operation.requestBody);
  for (const [mediaType, media] of Object.entries(asObject(body.content))) {
    parts.push(`<h3>Request body: <code>${escapeHtml(mediaType)}</code></h3>${renderSchema(asObject(media).schema)}`);
    const example = asObject(media).example;
    if (example !== undefined) {
      parts.push(`<details><summary>Example</summary><pre>${escapeHtml(typeof example === 'string' ? example : JSON.stringify(example, null, 2))}</pre></details>`);
    }
  }

  const responses = Object.entries(asObject(operation.responses)).map(([status, response]) => {
    const responseObject = asObject(response);
    const schemas = Object.entries(asObject(responseObject.content)).map(([mediaType, media]) => `<code>${escapeHtml(mediaType)}</code> ${renderSchema(asObject(media).schema)}`);
    return `<tr><td>${escapeHtml(status)}</td><td>${escapeHtml(text(responseObject.description))}</td><td>${schemas.join('<br>')}</td></tr>`;
  });
  parts.push(`<h3>Responses</h3><table><thead><tr><th>status</th><th>description</th><th>body</th></tr></thead><tbody>${responses.join('')}</tbody></table>`);
  parts.push('</section>');
  return parts.filter(Boolean).join('\n');
}

/** Links a schema reference to its section; shows an inline schema as JSON. */
function renderSchema(schema: Json | undefined): string {
  const reference = asObject(schema).$ref;
  if (typeof reference === 'string') {
    const name = reference.split('/').pop() ?? reference;
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  if (schema === undefined) {
    return '';
  }
  return `<details><summary>${escapeHtml(describeSchema(schema))}</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`;
}

/** Summarises a schema in one line, such as `string, one of: sms, email, letter`. */
function describeSchema(schema: Json | undefined): string {
  const object = asObject(schema);
  if (typeof object.$ref === 'string') {
    return object.$ref.split('/').pop() ?? object.$ref;
  }
  const type = Array.isArray(object.type) ? object.type.join(' or ') : text(object.type) || 'value';
  const details: string[] = [type];
  if (Array.isArray(object.enum)) {
    details.push(`one of: ${object.enum.map((value) => String(value)).join(', ')}`);
  }
  if (object.pattern !== undefined) {
    details.push(`pattern ${text(object.pattern)}`);
  }
  if (object.minimum !== undefined || object.maximum !== undefined) {
    details.push(`${text(object.minimum) || '…'} to ${text(object.maximum) || '…'}`);
  }
  if (object.default !== undefined) {
    details.push(`default ${text(object.default)}`);
  }
  return details.join(', ');
}

/** Follows a local `$ref` such as `#/components/parameters/AcceptLanguage`. */
function resolve(value: Json, document: JsonObject): Json {
  const reference = asObject(value).$ref;
  if (typeof reference !== 'string' || !reference.startsWith('#/')) {
    return value;
  }
  let target: Json = document;
  for (const segment of reference.slice(2).split('/')) {
    target = asObject(target)[segment] ?? null;
  }
  return target;
}

function asObject(value: Json | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function asArray(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function text(value: Json | undefined): string {
  return value === undefined || value === null ? '' : String(value);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const styles = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; line-height: 1.45; }
header, nav, main { max-width: 70rem; margin: 0 auto; padding: 0 1.5rem; }
header { padding-top: 1rem; }
h1 small { color: #666; font-weight: normal; }
nav ul { list-style: none; padding: 0; columns: 2; }
nav li { margin: 0.2rem 0; break-inside: avoid; }
a { color: #0b5cad; }
.operation { border-top: 1px solid #ddd; padding: 0.5rem 0 1rem; }
.operation h2 { font-size: 1.15rem; }
.summary { font-weight: 600; }
.method { display: inline-block; min-width: 3.8rem; text-align: center; border-radius: 3px; color: #fff; font: bold 0.8rem monospace; padding: 0.15rem 0.3rem; }
.get { background: #1f7a3d; } .post { background: #0b5cad; } .patch { background: #8a5a00; } .put { background: #6b3fa0; } .delete { background: #a12a2a; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
pre { background: #f5f5f5; padding: 0.5rem; overflow-x: auto; font-size: 0.8rem; }
`;
