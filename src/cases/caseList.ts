import type { ListQuery } from '../api/validation/applicationSchema';
import { CaseModel } from '../store/caseModel';

/** A page of the case index, newest first. The list shows no personal data. */
export async function listCases(query: ListQuery) {
  const filter: Record<string, string> = {};
  if (query.status) filter.status = query.status;
  if (query.documentType) filter.documentType = query.documentType;
  if (query.office) filter.office = query.office;
  if (query.reference) filter.reference = query.reference;

  const [total, records] = await Promise.all([
    CaseModel.countDocuments(filter),
    CaseModel.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .select({ citizen: 0, contact: 0, idempotencyKey: 0 })
      .lean(),
  ]);

  return {
    page: query.page,
    pageSize: query.pageSize,
    total,
    items: records.map((record) => ({
      id: record._id,
      reference: record.reference,
      documentType: record.documentType,
      office: record.office,
      preferredChannel: record.preferredChannel,
      status: record.status,
      registeredAt: record.createdAt.toISOString(),
      readyAt: record.readyAt?.toISOString() ?? null,
      closedAt: record.closedAt?.toISOString() ?? null,
      remindersSent: record.remindersSent,
    })),
  };
}
