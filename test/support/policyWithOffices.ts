import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shortPolicyFile } from './harness';

/** Policy timing to replace the seconds-long defaults, in the policy file's duration syntax. */
export interface PolicyDefaults {
  reminders: string[];
  letterAfter: string;
  pickupDeadline: string;
}

/**
 * Writes a copy of the seconds-long test policy with extra offices, each a
 * copy of gent-centrum under a new id, and returns its path. Cases in an
 * office of their own let a test read report figures that no concurrently
 * running test file can change. Other defaults give a test time to act
 * before the first reminder.
 */
export function writePolicyWithOffices(officeIds: string[], defaults?: PolicyDefaults): string {
  const policy = JSON.parse(fs.readFileSync(shortPolicyFile, 'utf8'));
  for (const officeId of officeIds) {
    policy.offices[officeId] = { ...policy.offices['gent-centrum'] };
  }
  if (defaults) {
    policy.defaults = defaults;
  }

  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'loketbode-policy-'));
  const file = path.join(directory, 'policy.json');
  fs.writeFileSync(file, JSON.stringify(policy, null, 2));
  return file;
}
