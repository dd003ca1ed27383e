/** Case ids are the random UUIDs the API generates at registration; they double as workflow ids. */
const caseIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isCaseId(value: string): boolean {
  return caseIdPattern.test(value);
}
