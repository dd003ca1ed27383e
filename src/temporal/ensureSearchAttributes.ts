import type { OperatorService } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { searchAttributeDefinitions } from '../domain/searchAttributes';
import { logger } from '../logging';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;

const indexedTypes = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
} as const;

/**
 * Registers the case search attributes that the namespace lacks. The dev
 * server registers those given on its command line only when it creates its
 * database, so an existing database needs this call too.
 */
export async function ensureSearchAttributes(connection: { operatorService: OperatorService }, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = searchAttributeDefinitions.filter((definition) => !known.has(definition.name));
  if (missing.length === 0) {
    return [];
  }

  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((definition) => [definition.name, indexedTypes[definition.type]])),
  });
  const names = missing.map((definition) => definition.name);
  logger.info({ namespace, searchAttributes: names }, 'Registered search attributes');
  return names;
}
