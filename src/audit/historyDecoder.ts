import type { LoadedDataConverter, Payload } from '@temporalio/common';
import { optionalTsToDate, optionalTsToMs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { logger } from '../logging';

type Timestamp = temporal.api.history.v1.IHistoryEvent['eventTime'];

/**
 * Decodes the payloads of a workflow history the way the client's data
 * converter encoded them: payload codecs in reverse order, then the payload
 * converter. Search attributes skip the codecs, as the server stores them
 * unencoded.
 */
export class HistoryDecoder {
  constructor(
    private readonly converter: LoadedDataConverter,
    private readonly caseId: string,
  ) {}

  /** Decodes every payload of a payload list; an undecodable payload becomes undefined and is logged. */
  async values(payloads: temporal.api.common.v1.IPayloads | null | undefined): Promise<unknown[]> {
    const list = (payloads?.payloads ?? []) as Payload[];
    if (list.length === 0) {
      return [];
    }
    try {
      let decoded = list;
      for (const codec of [...this.converter.payloadCodecs].reverse()) {
        decoded = await codec.decode(decoded);
      }
      return decoded.map((payload) => this.converter.payloadConverter.fromPayload(payload));
    } catch (error) {
      logger.warn({ caseId: this.caseId, err: (error as Error).message }, 'History payload could not be decoded; the audit shows it as empty');
      return list.map(() => undefined);
    }
  }

  /** Decodes the first payload of a list: a workflow input, an activity input or a result. */
  async first(payloads: temporal.api.common.v1.IPayloads | null | undefined): Promise<unknown> {
    const [value] = await this.values(payloads);
    return value;
  }

  /** Decodes one search attribute value, or returns undefined when the attribute is absent or undecodable. */
  searchAttribute(fields: Record<string, temporal.api.common.v1.IPayload> | null | undefined, name: string): unknown {
    const payload = fields?.[name];
    if (!payload) {
      return undefined;
    }
    try {
      return this.converter.payloadConverter.fromPayload(payload as Payload);
    } catch (error) {
      logger.warn({ caseId: this.caseId, searchAttribute: name, err: (error as Error).message }, 'Search attribute could not be decoded');
      return undefined;
    }
  }
}

export function eventTime(timestamp: Timestamp): Date | null {
  return optionalTsToDate(timestamp) ?? null;
}

export function durationMs(duration: Timestamp): number | null {
  return optionalTsToMs(duration) ?? null;
}

/** Converts a protobuf int64, which arrives as a Long or a number. */
export function toNumber(value: { toNumber(): number } | number | null | undefined): number | null {
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'number' ? value : value.toNumber();
}
