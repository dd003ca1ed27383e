/**
 * ApplicationFailure types that activities raise and the workflow branches on.
 * A permanent failure means this channel can never deliver this message, so
 * the workflow falls back to the next channel instead of retrying.
 */
export const PermanentFailure = {
  MissingContactData: 'MissingContactData',
  NotAMobileNumber: 'NotAMobileNumber',
  SmsRejected: 'SmsRejected',
  EmailRejected: 'EmailRejected',
  SendOutcomeUnknown: 'SendOutcomeUnknown',
  /** The address is too long to print inside the envelope's window. */
  AddressDoesNotFit: 'AddressDoesNotFit',
} as const;

export type PermanentFailure = (typeof PermanentFailure)[keyof typeof PermanentFailure];

export const permanentFailureTypes: readonly string[] = Object.values(PermanentFailure);

/** Update rejections, returned to the clerk as 409 with this code. */
export const UpdateRejection = {
  NotAwaitingProduction: 'case_not_awaiting_production',
  NotReadyForPickup: 'case_not_ready_for_pickup',
  CaseClosed: 'case_closed',
} as const;

export type UpdateRejection = (typeof UpdateRejection)[keyof typeof UpdateRejection];
