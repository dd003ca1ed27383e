import { toCsv, type CsvValue } from '../reports/csv';
import type { AuditEntry, CaseAudit } from './auditEntries';

/** CSV columns: the case first, then the union of every entry type's fields; a field an entry lacks stays empty. */
const entryColumns = [
  'position',
  'at',
  'eventId',
  'type',
  'actor',
  'action',
  'status',
  'kind',
  'sequence',
  'channel',
  'template',
  'language',
  'recipient',
  'outcome',
  'completedAt',
  'attempts',
  'notificationId',
  'providerMessageId',
  'encoding',
  'segments',
  'costCents',
  'deliveryStatus',
  'deliveredAt',
  'duplicate',
  'failureType',
  'failureMessage',
  'fromChannel',
  'toChannel',
  'timerId',
  'dueAt',
  'waitsFor',
  'purpose',
  'reason',
  'changedFields',
  'preferredChannel',
  'batchId',
  'via',
  'updateId',
  'workflowStatus',
  'remindersSent',
  'closedAt',
  'detail',
] as const;

function columnValue(entry: AuditEntry, column: (typeof entryColumns)[number]): CsvValue {
  if (column === 'waitsFor') {
    return 'waitsFor' in entry && entry.waitsFor ? `${entry.waitsFor.kind} ${entry.waitsFor.sequence}` : null;
  }
  if (column === 'changedFields') {
    return 'changedFields' in entry && entry.changedFields ? entry.changedFields.join(' ') : null;
  }
  return (entry as unknown as Record<string, CsvValue>)[column];
}

/** Renders an audit as CSV, one row per entry, each row repeating the case id and reference. */
export function auditToCsv(audit: CaseAudit): string {
  const rows = audit.entries.map((entry) => [audit.caseId, audit.reference, ...entryColumns.map((column) => columnValue(entry, column))]);
  return toCsv(['caseId', 'reference', ...entryColumns], rows);
}
