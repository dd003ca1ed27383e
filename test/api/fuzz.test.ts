import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Connection } from '@temporalio/client';
import fc from 'fast-check';
import type { Express } from 'express';
import { createApp } from '../../src/api/app';
import { hashApiKey, type KeyTable } from '../../src/api/auth';
import { cancelSchema, contactChangeSchema, registerApplicationSchema } from '../../src/api/validation/applicationSchema';
import { parseBody } from '../../src/api/validation/parse';
import { loadPolicyFile } from '../../src/config/policyFile';
import { CaseModel } from '../../src/store/caseModel';
import { NotificationModel } from '../../src/store/notificationModel';
import { SandboxMessageModel } from '../../src/store/sandboxMessageModel';
import { uniqueReference } from '../support/citizens';
import { startHarness, type Harness } from '../support/harness';

/**
 * Sends well over a thousand malformed requests, mutations of valid bodies and
 * query strings, to every write endpoint and to GET /applications. The
 * generator is seeded, so every run sends the same requests; FUZZ_SEED picks
 * another set. No request may get a 5xx, register a case, change the target
 * cases or send a message, and every 4xx must have the error shape.
 */
const seed = Number(process.env.FUZZ_SEED ?? 20_260_601);

const clerkKey = 'fuzz-clerk-key';
const managerKey = 'fuzz-manager-key';
const keys: KeyTable = new Map([
  [hashApiKey(clerkKey), { identity: 'fuzz-clerk', role: 'clerk' }],
  [hashApiKey(managerKey), { identity: 'fuzz-manager', role: 'manager' }],
]);

const targetMobile = '+32470000001';
const targetEmail = 'fuzz.target@example.be';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface FuzzRequest {
  group: string;
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Statuses below 400 that this request may get; every other request must get a 4xx. */
  successStatuses: number[];
}

interface FieldSpec {
  path: string[];
  kind: 'strict' | 'text' | 'object';
  /** Maximum length of a text field, in UTF-16 code units, as the schema checks it. */
  max?: number;
  required: boolean;
  nullable?: boolean;
}

/** Fields of POST /applications. "strict" fields have a format or an enum; "text" fields take any text up to `max`. */
const registerFields: FieldSpec[] = [
  { path: ['reference'], kind: 'strict', required: false },
  { path: ['documentType'], kind: 'strict', required: true },
  { path: ['office'], kind: 'strict', required: false },
  { path: ['preferredChannel'], kind: 'strict', required: true },
  { path: ['citizen'], kind: 'object', required: true },
  { path: ['citizen', 'nationalNumber'], kind: 'strict', required: true },
  { path: ['citizen', 'firstName'], kind: 'text', max: 100, required: true },
  { path: ['citizen', 'lastName'], kind: 'text', max: 100, required: true },
  { path: ['citizen', 'birthDate'], kind: 'strict', required: false },
  { path: ['citizen', 'language'], kind: 'strict', required: false },
  { path: ['contact'], kind: 'object', required: true },
  // The base body prefers SMS, so the mobile is required there.
  { path: ['contact', 'mobile'], kind: 'strict', required: true },
  { path: ['contact', 'email'], kind: 'strict', required: false },
  { path: ['contact', 'address'], kind: 'object', required: true },
  { path: ['contact', 'address', 'street'], kind: 'text', max: 120, required: true },
  { path: ['contact', 'address', 'number'], kind: 'text', max: 10, required: true },
  { path: ['contact', 'address', 'box'], kind: 'text', max: 10, required: false, nullable: true },
  { path: ['contact', 'address', 'postalCode'], kind: 'strict', required: true },
  { path: ['contact', 'address', 'municipality'], kind: 'text', max: 80, required: true },
  { path: ['contact', 'address', 'country'], kind: 'strict', required: false },
];

/** Fields of PATCH /applications/:id/contact; every top-level field is optional, so none is deleted. */
const contactFields: FieldSpec[] = [
  { path: ['mobile'], kind: 'strict', required: false, nullable: true },
  { path: ['email'], kind: 'strict', required: false, nullable: true },
  { path: ['preferredChannel'], kind: 'strict', required: false },
  { path: ['address'], kind: 'object', required: false },
  { path: ['address', 'street'], kind: 'text', max: 120, required: true },
  { path: ['address', 'number'], kind: 'text', max: 10, required: true },
  { path: ['address', 'box'], kind: 'text', max: 10, required: false, nullable: true },
  { path: ['address', 'postalCode'], kind: 'strict', required: true },
  { path: ['address', 'municipality'], kind: 'text', max: 80, required: true },
];

const cancelFields: FieldSpec[] = [{ path: ['reason'], kind: 'text', max: 500, required: true }];

function registerBase(): Record<string, Json> {
  return {
    reference: `FUZZ-BASE-${seed}`,
    documentType: 'passport',
    office: 'gent-centrum',
    citizen: { nationalNumber: '85.07.30-033.28', firstName: 'Zoë', lastName: "D'Hondt", birthDate: '1985-07-30', language: 'nl' },
    contact: {
      mobile: '0470 12 34 56',
      email: 'zoe.dhondt@example.be',
      address: { street: 'Veldstraat', number: '12', box: '3', postalCode: '9000', municipality: 'Gent', country: 'BE' },
    },
    preferredChannel: 'sms',
  };
}

const contactBase = (): Record<string, Json> => ({
  mobile: '0470 12 34 56',
  email: 'zoe.dhondt@example.be',
  preferredChannel: 'email',
  address: { street: 'Kouter', number: '1', box: null, postalCode: '9000', municipality: 'Gent' },
});

const cancelBase = (): Record<string, Json> => ({ reason: 'De burger is verhuisd naar Antwerpen.' });

// ---------------------------------------------------------------------------
// Value generators. Each one yields a value that makes its field invalid.

const operatorObjects: Json[] = [
  '{"$gt":""}',
  '{"$ne":null}',
  '{"$where":"sleep(100)"}',
  '{"$regex":".*"}',
  '{"$in":["eid"]}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
].map((text) => JSON.parse(text) as Json);

/** Any JSON value that is not a string; null only for fields that reject null. */
function wrongTypeValue(nullable: boolean): fc.Arbitrary<Json> {
  const values: Array<fc.Arbitrary<Json>> = [
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
    fc.constantFrom(...operatorObjects),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxKeys: 3 }),
  ];
  if (!nullable) {
    values.push(fc.constant(null));
  }
  return fc.oneof(...values);
}

const specialStrings = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e',
  'null',
  'undefined',
  '{"$gt":""}',
  '$where',
  '__proto__',
  'constructor',
  "'; DROP TABLE cases; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'e\u0301',
  '🇧🇪👨‍👩‍👧',
  'ﷺ'.repeat(50),
];

/**
 * A string that no format or enum field accepts. It starts with "$" and has no
 * digits, so it cannot be a national number, phone, postal code, date,
 * reference, office, document type, channel, language or e-mail address.
 */
const invalidStrictString: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom(...specialStrings),
    fc.integer({ min: 200, max: 20_000 }).map((length) => 'x'.repeat(length)),
  )
  .map((value) => `$${value.replace(/[0-9]/g, '')}`);

/** Text that a free-text field of at most `max` code units rejects: blank, too long, or with a control or bidi character. */
function invalidText(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('', ' ', '\t\n ', '\u3000', '\u00a0\u2003'),
    fc.string({ unit: 'grapheme', minLength: max + 1, maxLength: max + 300 }).map((value) => `x${value}x`),
    fc.integer({ min: 70_000, max: 80_000 }).map((length) => `x${'a'.repeat(length)}`),
    fc
      .tuple(fc.string({ unit: 'grapheme', maxLength: 10 }), fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\ud800'))
      .map(([value, control]) => `Jan${control}${value}`),
  );
}

const unknownKeyNames = ['__proto__', 'constructor', 'prototype', '$where', '$gt', '$set', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'citizen.firstName', ''];

function unknownKey(allowed: string[]): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...unknownKeyNames), fc.string({ maxLength: 12 })).filter((key) => !allowed.includes(key));
}

// ---------------------------------------------------------------------------
// Body mutations. Exactly one mutation per request, so none can undo another.

function getAt(body: Json, path: string[]): Json | undefined {
  let current: Json | undefined = body;
  for (const key of path) {
    current = current !== null && typeof current === 'object' && !Array.isArray(current) ? current[key] : undefined;
  }
  return current;
}

/** Sets an own property, also for "__proto__", which plain assignment would turn into the prototype. */
function setOwn(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function withValue(base: Record<string, Json>, path: string[], value: Json | undefined): Record<string, Json> {
  const body = structuredClone(base);
  const parent = getAt(body, path.slice(0, -1)) as { [key: string]: Json };
  const key = path[path.length - 1]!;
  if (value === undefined) {
    delete parent[key];
  } else {
    setOwn(parent, key, value);
  }
  return body;
}

interface BodyMutation {
  label: string;
  body: string | Uint8Array;
  contentType: string | null;
}

function fieldMutations(base: Record<string, Json>, fields: FieldSpec[]): fc.Arbitrary<BodyMutation> {
  const json = (label: string, body: Record<string, Json>): BodyMutation => ({ label, body: JSON.stringify(body), contentType: 'application/json' });
  const perField = fields.flatMap((field) => {
    const name = field.path.join('.');
    const options: Array<fc.Arbitrary<BodyMutation>> = [
      wrongTypeValue(field.nullable ?? false).map((value) => json(`${name} = ${short(JSON.stringify(value))}`, withValue(base, field.path, value))),
    ];
    if (field.kind === 'strict') {
      options.push(invalidStrictString.map((value) => json(`${name} = invalid string ${short(JSON.stringify(value))}`, withValue(base, field.path, value))));
    }
    if (field.kind === 'text') {
      options.push(invalidText(field.max ?? 100).map((value) => json(`${name} = invalid text ${short(JSON.stringify(value))}`, withValue(base, field.path, value))));
    }
    if (field.required) {
      options.push(fc.constant(json(`${name} removed`, withValue(base, field.path, undefined))));
    }
    if (field.kind === 'object') {
      const allowed = Object.keys((getAt(base, field.path) ?? {}) as object).concat(fields.filter((other) => other.path.length === field.path.length + 1).map((other) => other.path.at(-1)!));
      options.push(
        fc.tuple(unknownKey(allowed), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => {
          const body = structuredClone(base);
          setOwn(getAt(body, field.path) as { [key: string]: Json }, key, value as Json);
          return json(`unknown key ${JSON.stringify(key)} in ${name}`, body);
        }),
      );
    }
    return options;
  });
  const topLevelAllowed = Object.keys(base).concat(fields.filter((field) => field.path.length === 1).map((field) => field.path[0]!));
  perField.push(
    fc.tuple(unknownKey(topLevelAllowed), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => {
      const body = structuredClone(base);
      setOwn(body, key, value as Json);
      return json(`unknown top-level key ${JSON.stringify(key)}`, body);
    }),
  );
  return fc.oneof(...perField);
}

const wrongContentTypes = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=fuzz',
  'application/xml',
  'application/json; charset=iso-8859-1',
  'application/json; charset=utf-16',
  'application/json-patch+json',
  'application/jsonx',
  'image/png',
];

const rawNumberTokens = ['1e400', '-0', 'NaN', 'Infinity', '0x1F', '01', '.5', '1_000', 'undefined', "'single'", '"unterminated'];

/** Mutations of the whole body text: not an object, truncated, deeply nested, duplicate keys, raw tokens, wrong content types, oversized. */
function rawMutations(base: Record<string, Json>, strictTopLevelKey: string, badValue: fc.Arbitrary<string>): fc.Arbitrary<BodyMutation> {
  const text = JSON.stringify(base);
  const json = (label: string, body: string | Uint8Array): BodyMutation => ({ label, body, contentType: 'application/json' });
  return fc.oneof(
    fc.constantFrom('[]', '[{}]', '"text"', '123', 'null', 'true', '{"$gt":""}', `[${text}]`).map((body) => json(`body ${short(body)}`, body)),
    fc.nat().map((cut) => json(`truncated at ${cut % text.length}`, text.slice(0, cut % text.length))),
    fc.tuple(fc.integer({ min: 100, max: 30_000 }), fc.constantFrom('array', 'object', 'field')).map(([depth, shape]) => {
      if (shape === 'array') {
        return json(`nested ${depth} arrays`, '['.repeat(depth) + ']'.repeat(depth));
      }
      if (shape === 'object') {
        return json(`nested ${depth} objects`, '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
      }
      return json(`field nested ${depth} deep`, text.replace(/}$/, `,"${strictTopLevelKey}":${'['.repeat(depth)}${']'.repeat(depth)}}`));
    }),
    badValue.map((value) => json(`duplicate key ${strictTopLevelKey}`, text.replace(/}$/, `,${JSON.stringify(strictTopLevelKey)}:${JSON.stringify(value)}}`))),
    fc.constantFrom(...rawNumberTokens).map((token) => json(`raw token ${token}`, text.replace(/}$/, `,${JSON.stringify(strictTopLevelKey)}:${token}}`))),
    fc.constantFrom(...wrongContentTypes).map((contentType) => ({ label: `content type ${contentType}`, body: text, contentType })),
    fc.constant({ label: 'no content type', body: new TextEncoder().encode(text), contentType: null }),
    fc.integer({ min: 70_000, max: 200_000 }).map((size) => json(`oversized ${size} bytes`, text.replace(/}$/, `,"padding":"${'p'.repeat(size)}"}`))),
  );
}

/** Inserts bytes that are not UTF-8 into the national number, which decode to U+FFFD and so cannot form 11 digits. */
function invalidUtf8Registration(base: Record<string, Json>): fc.Arbitrary<BodyMutation> {
  return fc.constantFrom([0xff], [0xfe, 0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]).map((bytes) => {
    const [before, after] = JSON.stringify(base).split('85.07.30');
    const body = new Uint8Array([...new TextEncoder().encode(`${before}85.07`), ...bytes, ...new TextEncoder().encode(`.30${after}`)]);
    return { label: `bytes ${bytes.join(',')} in national number`, body, contentType: 'application/json' };
  });
}

/** Percent-encodes like encodeURIComponent, but writes a lone surrogate as the bytes ED A0 80, which are not UTF-8, instead of throwing. */
function percentEncode(value: string): string {
  return Array.from(value)
    .map((character) => (/^[\ud800-\udfff]$/.test(character) ? '%ED%A0%80' : encodeURIComponent(character)))
    .join('');
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ---------------------------------------------------------------------------
// Request generators per endpoint.

/** Authorization for one request: mostly the clerk key, sometimes none, a wrong key or a role without the right. */
const authorization = fc.oneof(
  { weight: 17, arbitrary: fc.constant<Record<string, string>>({ authorization: `Bearer ${clerkKey}` }) },
  { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
  { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({ authorization: 'Bearer wrong-key' }, { authorization: 'Basic Zm9vOmJhcg==' }, { authorization: `Bearer ${clerkKey} extra` }) },
  { weight: 1, arbitrary: fc.constant<Record<string, string>>({ authorization: `Bearer ${managerKey}` }) },
);

function bodyRequests(group: string, method: string, path: string, mutations: fc.Arbitrary<BodyMutation>, successStatuses: number[] = []): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(mutations, authorization).map(([mutation, auth]) => ({
    group,
    label: mutation.label,
    method,
    path,
    headers: { ...auth, ...(mutation.contentType ? { 'content-type': mutation.contentType } : {}) },
    body: mutation.body,
    successStatuses,
  }));
}

/** Path segments that are no existing case id: malformed, broken percent-encoding, or a random UUID. */
function invalidCaseIds(existingIds: string[]): fc.Arbitrary<string> {
  const variants = existingIds.flatMap((id) => [id.toUpperCase(), `${id}%00`, `${id}%20`, `%20${id}`, id.replace(/-/g, ''), `${id.slice(0, -1)}g`]);
  return fc.oneof(
    fc.uuid().filter((id) => !existingIds.includes(id)),
    fc.constantFrom('%E0%A4%A', '%', '%zz', '%00', '..', '%2e%2e', '%2F', 'null', 'undefined', '%7B%22%24gt%22%3A%22%22%7D', '%5B%5D', 'x'.repeat(3_000), ...variants),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((value) => percentEncode(value)),
  );
}

function invalidIdRequests(existingIds: string[]): fc.Arbitrary<FuzzRequest> {
  const actions: Array<[string, string, Json | undefined]> = [
    ['POST', 'ready', undefined],
    ['POST', 'collected', undefined],
    ['POST', 'cancel', cancelBase()],
    ['PATCH', 'contact', contactBase()],
  ];
  return fc.tuple(invalidCaseIds(existingIds), fc.constantFrom(...actions), fc.option(fc.jsonValue({ maxDepth: 3 })), authorization).map(([id, [method, action, validBody], extraBody, auth]) => {
    const body = validBody ?? extraBody ?? undefined;
    return {
      group: `${method} /applications/{invalid id}/${action}`,
      label: `id ${short(id)}`,
      method,
      path: `/api/v1/applications/${id}/${action}`,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      successStatuses: [],
    };
  });
}

/** Bodies for ready and collected on an existing id would mark it, so those routes get bodies only with a wrong key or role. */
function bodiesWithoutRights(targetId: string): fc.Arbitrary<FuzzRequest> {
  const withoutRights = fc.constantFrom<Record<string, string>>({}, { authorization: 'Bearer wrong-key' }, { authorization: `Bearer ${managerKey}` });
  return fc.tuple(fc.constantFrom('ready', 'collected'), fc.jsonValue({ maxDepth: 3 }), withoutRights).map(([action, body, auth]) => ({
    group: `POST /applications/{id}/${action} without rights`,
    label: `body ${short(JSON.stringify(body) ?? '')}`,
    method: 'POST',
    path: `/api/v1/applications/${targetId}/${action}`,
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    successStatuses: [],
  }));
}

const listParameters: Array<[string, string]> = [
  ['status', 'awaiting-production'],
  ['documentType', 'passport'],
  ['office', 'gent-centrum'],
  ['page', '1'],
  ['pageSize', '10'],
];

/** Mutated query strings for GET /applications; a mutation that happens to stay valid may get 200. */
const listRequests: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom(...listParameters.map(([name]) => name)),
    fc.oneof(
      fc.constantFrom('[$ne]=x', '[]=a', '[0]=a', '[$gt]=', '[$regex]=.*', '[a][b]=1').map((suffix) => ({ kind: 'bracketed', suffix })),
      fc.string({ maxLength: 20 }).map((value) => ({ kind: 'repeated', suffix: `=${percentEncode(value)}` })),
      invalidStrictString.map((value) => ({ kind: 'invalid value', suffix: `=${percentEncode(value.slice(0, 3_000))}` })),
      fc
        .constantFrom('', '0', '-1', '1.5', '1e400', 'NaN', '99999999999999999999', '0x10', '%201', '١', '1e3', '201', '%', '%zz', '%E0%A4%A', '%00', '+%2B', 'true')
        .map((value) => ({ kind: 'odd value', suffix: `=${value}` })),
      fc.constantFrom('__proto__', 'constructor', '$where', 'toString', 'hasOwnProperty', 'sort', 'limit', 'citizen.nationalNumber').map((name) => ({ kind: 'unknown name', suffix: name })),
    ),
    authorization,
  )
  .map(([name, mutation, auth]) => {
    const others = listParameters.map(([key, value]) => `${key}=${value}`);
    let query: string;
    if (mutation.kind === 'bracketed') {
      query = [...others, `${name}${mutation.suffix}`].join('&');
    } else if (mutation.kind === 'repeated') {
      query = [...others, `${name}${mutation.suffix}`].join('&');
    } else if (mutation.kind === 'unknown name') {
      query = [...others, `${mutation.suffix}=1`].join('&');
    } else {
      query = [...others.filter((parameter) => !parameter.startsWith(`${name}=`)), `${name}${mutation.suffix}`].join('&');
    }
    return { group: 'GET /applications', label: `${mutation.kind}: ${short(query)}`, method: 'GET', path: `/api/v1/applications?${query}`, headers: auth, successStatuses: [200] };
  });

/** Delivery lists: mutated JSON lists and CSV files. References that exist nowhere may pass and get 202 with per-line results. */
function batchRequests(): fc.Arbitrary<FuzzRequest> {
  const base: Json[] = ['NOFUZZ-000001', { reference: 'NOFUZZ-000002' }, { id: 'NOFUZZ-000003' }];
  const text = JSON.stringify(base);
  const json = (label: string, body: string, contentType = 'application/json') => ({ label, body, contentType });
  const mutations = fc.oneof(
    fc.tuple(fc.nat({ max: 2 }), wrongTypeValue(false)).map(([index, value]) => {
      const list = structuredClone(base);
      list[index] = value;
      return json(`line ${index + 1} = ${short(JSON.stringify(value))}`, JSON.stringify(list));
    }),
    fc.tuple(fc.nat({ max: 2 }), invalidStrictString).map(([index, value]) => {
      const list = structuredClone(base);
      list[index] = value;
      return json(`line ${index + 1} = invalid string`, JSON.stringify(list));
    }),
    fc.constantFrom('{}', '{"reference":"NOFUZZ-000001"}', '"NOFUZZ-000001"', 'null', '[]', '[[]]', `[${'['.repeat(5_000)}${']'.repeat(5_000)}]`).map((body) => json(`body ${short(body)}`, body)),
    fc.integer({ min: 5_001, max: 6_000 }).map((count) => json(`${count} lines`, JSON.stringify(Array.from({ length: count }, (_, index) => `NOFUZZ-${index}`)))),
    fc.nat().map((cut) => json(`truncated at ${cut % text.length}`, text.slice(0, cut % text.length))),
    fc.constantFrom(...rawNumberTokens).map((token) => json(`raw token ${token}`, `["NOFUZZ-000001",${token}]`)),
    fc
      .oneof(
        fc.constantFrom('reference\n"NOFUZZ-1', 'reference\nNOFUZZ-1"x"', '"a","b\n', 'id,reference\n$gt,{}\n', '\ufeff', ',,,\n,,,', 'reference\n\u0000\n', `reference\n${'x'.repeat(5_000)}\n`),
        fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 20 }).map((lines) => ['reference', ...lines].join('\n')),
      )
      .map((csv) => json(`CSV ${short(JSON.stringify(csv))}`, csv, 'text/csv')),
    fc.constantFrom(...wrongContentTypes, 'text/csv; charset=utf-7').map((contentType) => json(`content type ${contentType}`, text, contentType)),
  );
  return fc.tuple(mutations, authorization).map(([mutation, auth]) => ({
    group: 'POST /production-batches',
    label: mutation.label,
    method: 'POST',
    path: '/api/v1/production-batches',
    headers: { ...auth, 'content-type': mutation.contentType },
    body: mutation.body,
    successStatuses: [202],
  }));
}

/** Unsigned or wrongly signed delivery receipts, as a query string, a form or JSON. */
const webhookRequests: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.dictionary(fc.constantFrom('messageId', 'status', 'err-code', 'client-ref', 'timestamp', 'nonce', 'sig', '__proto__', 'constructor', '$gt', 'x'), fc.string({ maxLength: 40 }), { maxKeys: 8 }),
    fc.constantFrom('GET', 'POST form', 'POST json', 'POST text'),
  )
  .map(([parameters, variant]): FuzzRequest => {
    const entries = Object.entries(parameters).map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`);
    const path = '/api/v1/webhooks/vonage/delivery-receipts';
    if (variant === 'GET') {
      return { group: 'GET webhook', label: short(entries.join('&')), method: 'GET', path: `${path}?${entries.join('&')}`, headers: {}, successStatuses: [] };
    }
    const contentTypes: Record<string, string> = { 'POST form': 'application/x-www-form-urlencoded', 'POST json': 'application/json', 'POST text': 'text/plain' };
    const contentType = contentTypes[variant]!;
    const body = variant === 'POST json' ? JSON.stringify(parameters) : entries.join('&');
    return { group: 'POST webhook', label: `${variant} ${short(body)}`, method: 'POST', path, headers: { 'content-type': contentType }, body, successStatuses: [] };
  });

/** Routes of the app as [METHOD, path pattern], walked from the Express router stack. */
function routesOf(stack: Array<{ rawPath?: unknown; route?: { path: unknown; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }>, prefix = ''): Array<[string, string]> {
  return stack.flatMap((layer) => {
    if (layer.route && typeof layer.route.path === 'string') {
      const path = `${prefix}${layer.route.path}`;
      return Object.keys(layer.route.methods).map((method): [string, string] => [method.toUpperCase(), path]);
    }
    if (layer.handle?.stack) {
      const mountPath = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      return routesOf(layer.handle.stack as typeof stack, `${prefix}${mountPath}`);
    }
    return [];
  });
}

/** JSON bodies for write routes this file has no dedicated generator for, such as the mail room's. */
function otherWriteRequests(routes: Array<[string, string]>): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      fc.constantFrom(...routes),
      fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)), fc.constantFrom('{', '{"letterIds":[{"$gt":""}]}', '{"letterIds":"x"}', '{"__proto__":{"a":1}}')),
      fc.constantFrom('2026-01-01', '2099-12-31', '%E0%A4%A', '..', 'x'.repeat(200), '%00'),
      authorization,
    )
    .map(([[method, pattern], body, parameter, auth]) => ({
      group: `${method} ${pattern}`,
      label: `${short(parameter)} ${short(body)}`,
      method,
      path: pattern.replace(/:[A-Za-z_$][\w$]*/g, parameter),
      headers: { ...auth, 'content-type': 'application/json' },
      body,
      successStatuses: [],
    }));
}

// ---------------------------------------------------------------------------

let harness: Harness;
let app: Express;
let server: Server;
let baseUrl: string;
const targets: Array<{ id: string; reference: string }> = [];

async function send(request: Omit<FuzzRequest, 'group' | 'label' | 'successStatuses'>) {
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
}

beforeAll(async () => {
  harness = await startHarness();
  const rateLimits = { perKeyPerMinute: 1_000_000, batchImportsPerKeyPerHour: 1_000_000, anonymousPerIpPerMinute: 1_000_000, webhookPerIpPerMinute: 1_000_000 };
  app = createApp({ settings: harness.settings, policy: loadPolicyFile(harness.settings.policyFile), keys, connection: harness.client.connection as Connection, rateLimits });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  for (let index = 0; index < 2; index++) {
    const body = registerBase();
    body.reference = uniqueReference('FUZZT');
    (body.contact as { mobile: string; email: string }).mobile = targetMobile;
    (body.contact as { mobile: string; email: string }).email = targetEmail;
    const response = await send({ method: 'POST', path: '/api/v1/applications', headers: { authorization: `Bearer ${clerkKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(201);
    targets.push(JSON.parse(response.text));
  }
});

afterAll(async () => {
  for (const target of targets) {
    await harness.client.workflow.getHandle(target.id).terminate('fuzz test finished').catch(() => undefined);
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await harness.close();
});

test('base bodies are valid', () => {
  expect(() => parseBody(registerApplicationSchema, registerBase())).not.toThrow();
  expect(() => parseBody(contactChangeSchema, contactBase())).not.toThrow();
  expect(() => parseBody(cancelSchema, cancelBase())).not.toThrow();
});

test('malformed requests get a 4xx and change nothing', async () => {
  const [first, second] = targets as [{ id: string; reference: string }, { id: string; reference: string }];
  const targetIds = targets.map((target) => target.id);
  const writeRoutes = routesOf((app as unknown as { router: { stack: never[] } }).router.stack).filter(([method]) => method !== 'GET');
  const coveredPatterns = ['/api/v1/applications', '/api/v1/applications/:id/ready', '/api/v1/applications/:id/collected', '/api/v1/applications/:id/cancel', '/api/v1/applications/:id/contact', '/api/v1/production-batches', '/api/v1/webhooks/vonage/delivery-receipts'];
  const otherRoutes = writeRoutes.filter(([, pattern]) => !coveredPatterns.includes(pattern));

  const generators: Array<[fc.Arbitrary<FuzzRequest>, number]> = [
    [bodyRequests('POST /applications', 'POST', '/api/v1/applications', fieldMutations(registerBase(), registerFields)), 330],
    [bodyRequests('POST /applications raw', 'POST', '/api/v1/applications', rawMutations(registerBase(), 'documentType', invalidStrictString)), 110],
    [bodyRequests('POST /applications bytes', 'POST', '/api/v1/applications', invalidUtf8Registration(registerBase())), 10],
    [bodyRequests('POST /applications/{id}/cancel', 'POST', `/api/v1/applications/${first.id}/cancel`, fc.oneof(fieldMutations(cancelBase(), cancelFields), rawMutations(cancelBase(), 'reason', invalidText(500)))), 120],
    [bodyRequests('PATCH /applications/{id}/contact', 'PATCH', `/api/v1/applications/${second.id}/contact`, fc.oneof(fieldMutations(contactBase(), contactFields), rawMutations(contactBase(), 'preferredChannel', invalidStrictString))), 160],
    [invalidIdRequests(targetIds), 140],
    [bodiesWithoutRights(first.id), 30],
    [batchRequests(), 150],
    [webhookRequests, 100],
    [listRequests, 220],
  ];
  if (otherRoutes.length > 0) {
    generators.push([otherWriteRequests(otherRoutes), 60]);
  }

  const requests = generators.flatMap(([generator, count], index) => fc.sample(generator, { seed: seed + index, numRuns: count }));
  expect(requests.length).toBeGreaterThanOrEqual(1_000);

  const casesBefore = await CaseModel.countDocuments({ registeredBy: 'fuzz-clerk' });
  const targetsBefore = await CaseModel.find({ _id: { $in: targetIds } }).lean();

  const serverErrors: string[] = [];
  const unexpectedSuccesses: string[] = [];
  const shapeErrors: string[] = [];
  const statusesSeen = new Set<number>();
  const codesSeen = new Set<string>();
  const started = Date.now();
  for (const request of requests) {
    const response = await send(request);
    const description = `${request.group} [${request.label}] -> ${response.status}`;
    statusesSeen.add(response.status);
    if (response.status >= 500) {
      serverErrors.push(`${description} ${short(response.text)}`);
    } else if (response.status < 400 && !request.successStatuses.includes(response.status)) {
      unexpectedSuccesses.push(`${description} ${short(response.text)}`);
    } else if (response.status >= 400 && !hasErrorShape(response)) {
      shapeErrors.push(`${description} ${short(response.text)}`);
    } else if (response.status >= 400) {
      codesSeen.add((JSON.parse(response.text) as { error: { code: string } }).error.code);
    }
  }
  const elapsedMs = Date.now() - started;

  expect(serverErrors).toEqual([]);
  expect(unexpectedSuccesses).toEqual([]);
  expect(shapeErrors).toEqual([]);
  expect(elapsedMs).toBeLessThan(60_000);

  // The generator must reach past the first checks: every kind of client error and many specific codes.
  expect([...statusesSeen].sort()).toEqual(expect.arrayContaining([400, 401, 403, 404, 413, 415]));
  expect(codesSeen.size).toBeGreaterThanOrEqual(25);

  expect(await CaseModel.countDocuments({ registeredBy: 'fuzz-clerk' })).toBe(casesBefore);
  expect(await CaseModel.countDocuments({ reference: `FUZZ-BASE-${seed}` })).toBe(0);
  const targetsAfter = await CaseModel.find({ _id: { $in: targetIds } }).lean();
  expect(targetsAfter.map((target) => [target.status, target.preferredChannel, target.contact])).toEqual(
    targetsBefore.map((target) => [target.status, target.preferredChannel, target.contact]),
  );
  for (const target of targets) {
    const view = await harness.request('GET', `/api/v1/applications/${target.id}`);
    expect([target.reference, view.body.status]).toEqual([target.reference, 'awaiting-production']);
  }

  expect(await NotificationModel.countDocuments({ caseId: { $in: targetIds } })).toBe(0);
  expect(await SandboxMessageModel.countDocuments({ to: { $in: [targetMobile, targetEmail] } })).toBe(0);
  expect(await SandboxMessageModel.countDocuments({ text: { $regex: 'FUZZ' } })).toBe(0);
  // The requests themselves must take under a minute; the rest of the time goes to set-up and checks on a loaded machine.
}, 120_000);

function hasErrorShape(response: { contentType: string; text: string }): boolean {
  if (!response.contentType.startsWith('application/json')) {
    return false;
  }
  const body = JSON.parse(response.text) as { error?: Record<string, unknown> };
  const error = body.error;
  if (Object.keys(body).length !== 1 || !error || typeof error !== 'object') {
    return false;
  }
  const keysValid = Object.keys(error).every((key) => ['code', 'message', 'field'].includes(key));
  const fieldValid = error.field === undefined || typeof error.field === 'string';
  return keysValid && fieldValid && typeof error.code === 'string' && /^[a-z_]+$/.test(error.code) && typeof error.message === 'string' && error.message.length > 0;
}
