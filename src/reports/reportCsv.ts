import { channels } from '../domain/channels';
import { toCsv, type CsvValue } from './csv';
import type { NotificationReport } from './notificationReport';

/**
 * Renders the report as CSV in long form, one figure per row, so a
 * spreadsheet can pivot it: metric, channel (empty for case figures), the
 * message kind or delivery status it breaks down by, and the value.
 */
export function reportToCsv(report: NotificationReport): string {
  const rows: CsvValue[][] = [
    ['period_from', null, null, report.period.from],
    ['period_to', null, null, report.period.to],
    ['office', null, null, report.period.office ?? 'all'],
    ['currency', null, null, report.currency],
  ];

  for (const channel of channels) {
    const figures = report.channels[channel];
    rows.push(['sent', channel, null, figures.sent]);
    for (const [kind, count] of Object.entries(figures.byKind)) {
      rows.push(['sent', channel, kind, count]);
    }
    rows.push(['failed', channel, null, figures.failed]);
    if (figures.segments !== null) {
      rows.push(['segments', channel, null, figures.segments]);
    }
    rows.push(['cost_cents', channel, null, figures.costCents]);
    for (const [status, count] of Object.entries(figures.deliveryStatus)) {
      rows.push(['delivery_status', channel, status, count]);
    }
  }

  rows.push(
    ['sent', null, null, report.totals.sent],
    ['failed', null, null, report.totals.failed],
    ['cost_cents', null, null, report.totals.costCents],
    ['letters_sent', null, null, report.lettersSent],
    ['collected', null, null, report.pickup.collected],
    ['median_days_to_collect', null, null, report.pickup.medianDaysToCollect],
    ['p90_days_to_collect', null, null, report.pickup.p90DaysToCollect],
    ['returned_uncollected', null, null, report.pickup.returnedUncollected],
    ['all_letters_cost_cents', null, null, report.allLettersBaseline.costCents],
    ['saving_cents', null, null, report.allLettersBaseline.savingCents],
  );
  return toCsv(['metric', 'channel', 'breakdown', 'value'], rows);
}
