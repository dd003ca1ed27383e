import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Search attributes managers filter on in the Temporal Web UI. Search
 * attributes bypass payload codecs, so none of them may ever hold personal data.
 */
export const CaseStatusKey = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const DocumentTypeKey = defineSearchAttributeKey('DocumentType', SearchAttributeType.KEYWORD);
export const OfficeKey = defineSearchAttributeKey('Office', SearchAttributeType.KEYWORD);
export const PreferredChannelKey = defineSearchAttributeKey('PreferredChannel', SearchAttributeType.KEYWORD);
export const ReadyAtKey = defineSearchAttributeKey('ReadyAt', SearchAttributeType.DATETIME);
export const RemindersSentKey = defineSearchAttributeKey('RemindersSent', SearchAttributeType.INT);

/** Name and type of every custom search attribute, for registering them on a server. */
export const searchAttributeDefinitions = [
  { name: 'CaseStatus', type: 'Keyword' },
  { name: 'DocumentType', type: 'Keyword' },
  { name: 'Office', type: 'Keyword' },
  { name: 'PreferredChannel', type: 'Keyword' },
  { name: 'ReadyAt', type: 'Datetime' },
  { name: 'RemindersSent', type: 'Int' },
] as const;
