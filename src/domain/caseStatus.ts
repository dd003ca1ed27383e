/**
 * The states a case moves through. The same spelling is used in the API, the
 * CaseStatus search attribute, the case index and the logs.
 *
 *   awaiting-production --ready--> ready-for-pickup --collected--> collected
 *          |                            |
 *          +--cancel--> cancelled <-----+--pickup deadline passed--> returned-uncollected
 */
export const CaseStatus = {
  AwaitingProduction: 'awaiting-production',
  ReadyForPickup: 'ready-for-pickup',
  Collected: 'collected',
  Cancelled: 'cancelled',
  ReturnedUncollected: 'returned-uncollected',
} as const;

export type CaseStatus = (typeof CaseStatus)[keyof typeof CaseStatus];

export const caseStatuses: readonly CaseStatus[] = Object.values(CaseStatus);

const finalStatuses: ReadonlySet<CaseStatus> = new Set([
  CaseStatus.Collected,
  CaseStatus.Cancelled,
  CaseStatus.ReturnedUncollected,
]);

export function isFinalStatus(status: CaseStatus): boolean {
  return finalStatuses.has(status);
}
