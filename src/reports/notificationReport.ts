import type { Tariffs } from '../config/policyFile';
import { CaseStatus } from '../domain/caseStatus';
import { channels, type Channel } from '../domain/channels';
import { CaseModel } from '../store/caseModel';
import { NotificationModel } from '../store/notificationModel';
import { reportTimeZone, type ReportQuery } from './reportQuery';

/** Figures for one channel in the period. */
export interface ChannelFigures {
  /** Messages the provider accepted (the mail room, for letters) in the period. */
  sent: number;
  /** Messages this channel rejected for good, by the time of the first attempt; each led to a fallback or no message. */
  failed: number;
  /** SMS segments billed; null for e-mail and letters, which have none. */
  segments: number | null;
  /** Cost in euro cents as recorded when each message went out, with the tariffs in force then. */
  costCents: number;
  /** Messages sent per message kind (pickup-notice, reminder, escalation-letter, returned-uncollected). */
  byKind: Record<string, number>;
  /** Messages sent per delivery receipt status; "none" counts messages without a receipt. */
  deliveryStatus: Record<string, number>;
}

export interface NotificationReport {
  period: { from: string; to: string; office: string | null; timeZone: string };
  currency: 'EUR';
  /** The tariffs of the current policy file, used for the all-letters baseline. */
  tariffs: Tariffs;
  channels: Record<Channel, ChannelFigures>;
  totals: { sent: number; failed: number; costCents: number };
  lettersSent: number;
  pickup: {
    /** Cases collected in the period. */
    collected: number;
    /** Days from "ready" to "collected" over the cases collected in the period, rounded to two decimals; null without such cases. */
    medianDaysToCollect: number | null;
    p90DaysToCollect: number | null;
    /** Cases closed as returned-uncollected in the period. */
    returnedUncollected: number;
  };
  /** Cost of the period's sent messages had each been a letter at the current letter tariff, and the saving against that. */
  allLettersBaseline: { costCents: number; savingCents: number };
}

interface SentRow {
  caseId: string;
  channel: Channel;
  kind: string;
  segments: number;
  costCents: number;
  deliveryStatus: string;
}

const dayMs = 24 * 60 * 60 * 1000;
// Keeps each $in list of case ids well below the 16 MiB query document limit of MongoDB and FerretDB.
const caseIdBatchSize = 500;

/**
 * Returns the value below which the given share of the values fall, by
 * linear interpolation between the closest ranks: the method of Excel's
 * PERCENTILE.INC and NumPy's default. The values must be sorted ascending.
 */
export function percentile(sortedValues: readonly number[], share: number): number | null {
  if (sortedValues.length === 0) {
    return null;
  }
  const rank = (sortedValues.length - 1) * share;
  const lower = Math.floor(rank);
  const lowerValue = sortedValues[lower] ?? 0;
  const upperValue = sortedValues[Math.min(lower + 1, sortedValues.length - 1)] ?? lowerValue;
  return lowerValue + (rank - lower) * (upperValue - lowerValue);
}

function roundTo(value: number | null, decimals: number): number | null {
  if (value === null) {
    return null;
  }
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function emptyFigures(channel: Channel): ChannelFigures {
  return { sent: 0, failed: 0, segments: channel === 'sms' ? 0 : null, costCents: 0, byKind: {}, deliveryStatus: {} };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Builds the notification report for a period. Every query is a plain find()
 * with a date range, and the sums are computed here, because FerretDB 1.24
 * runs only part of MongoDB's aggregation pipeline. The period limit keeps
 * the number of rows read bounded.
 */
export async function buildNotificationReport(query: ReportQuery, tariffs: Tariffs): Promise<NotificationReport> {
  const period = { $gte: query.from, $lt: query.to };

  // TODO: the notification log has no index on sentAt or createdAt, so each report scans the whole collection.
  const sentDocuments = await NotificationModel.find({ status: 'sent', sentAt: period })
    .select({ _id: 0, caseId: 1, channel: 1, kind: 1, segments: 1, costCents: 1, deliveryStatus: 1 })
    .lean();
  const failedDocuments = await NotificationModel.find({ status: 'failed', createdAt: period }).select({ _id: 0, caseId: 1, channel: 1 }).lean();

  const sent: SentRow[] = sentDocuments.map((document) => {
    const raw = document as unknown as Record<string, unknown>;
    return {
      caseId: document.caseId,
      channel: document.channel,
      kind: document.kind,
      segments: document.segments ?? 0,
      costCents: document.costCents ?? 0,
      deliveryStatus: typeof raw.deliveryStatus === 'string' ? raw.deliveryStatus : 'none',
    };
  });
  let failed = failedDocuments.map((document) => ({ caseId: document.caseId, channel: document.channel }));

  let sentInOffice = sent;
  if (query.office !== null) {
    const caseIds = new Set([...sent, ...failed].map((row) => row.caseId));
    const inOffice = await caseIdsInOffice([...caseIds], query.office);
    sentInOffice = sent.filter((row) => inOffice.has(row.caseId));
    failed = failed.filter((row) => inOffice.has(row.caseId));
  }

  const figures = Object.fromEntries(channels.map((channel) => [channel, emptyFigures(channel)])) as Record<Channel, ChannelFigures>;
  for (const row of sentInOffice) {
    const channelFigures = figures[row.channel];
    channelFigures.sent += 1;
    channelFigures.costCents += row.costCents;
    if (channelFigures.segments !== null) {
      channelFigures.segments += row.segments;
    }
    increment(channelFigures.byKind, row.kind);
    increment(channelFigures.deliveryStatus, row.deliveryStatus);
  }
  for (const row of failed) {
    figures[row.channel].failed += 1;
  }

  const totalSent = sentInOffice.length;
  const totalCost = channels.reduce((sum, channel) => sum + figures[channel].costCents, 0);
  const baselineCost = totalSent * tariffs.letterCents;

  return {
    period: { from: query.from.toISOString(), to: query.to.toISOString(), office: query.office, timeZone: reportTimeZone },
    currency: 'EUR',
    tariffs,
    channels: figures,
    totals: { sent: totalSent, failed: failed.length, costCents: totalCost },
    lettersSent: figures.letter.sent,
    pickup: await pickupFigures(query),
    allLettersBaseline: { costCents: baselineCost, savingCents: baselineCost - totalCost },
  };
}

async function caseIdsInOffice(caseIds: string[], office: string): Promise<Set<string>> {
  const inOffice = new Set<string>();
  for (let start = 0; start < caseIds.length; start += caseIdBatchSize) {
    const batch = caseIds.slice(start, start + caseIdBatchSize);
    const cases = await CaseModel.find({ _id: { $in: batch }, office }).select({ _id: 1 }).lean();
    for (const found of cases) {
      inOffice.add(found._id);
    }
  }
  return inOffice;
}

/** Computes how long collected documents waited, and how many went back, over the cases closed in the period. */
async function pickupFigures(query: ReportQuery): Promise<NotificationReport['pickup']> {
  const closedInPeriod = { closedAt: { $gte: query.from, $lt: query.to }, ...(query.office !== null ? { office: query.office } : {}) };

  const collected = await CaseModel.find({ ...closedInPeriod, status: CaseStatus.Collected }).select({ _id: 0, readyAt: 1, closedAt: 1 }).lean();
  const waitDays = collected
    .filter((record) => record.readyAt && record.closedAt)
    .map((record) => ((record.closedAt as Date).getTime() - (record.readyAt as Date).getTime()) / dayMs)
    .sort((a, b) => a - b);

  const returned = await CaseModel.find({ ...closedInPeriod, status: CaseStatus.ReturnedUncollected }).select({ _id: 1 }).lean();

  return {
    collected: collected.length,
    medianDaysToCollect: roundTo(percentile(waitDays, 0.5), 2),
    p90DaysToCollect: roundTo(percentile(waitDays, 0.9), 2),
    returnedUncollected: returned.length,
  };
}
