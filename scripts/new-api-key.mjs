#!/usr/bin/env node
// Creates an API key for one identity and role. Prints the key once, for the
// caller to hand over, and the entry to add to the API_KEYS_FILE, which holds
// only the key's SHA-256.
import crypto from 'node:crypto';

const [identity, role] = process.argv.slice(2);
const roles = ['clerk', 'manager', 'auditor'];
if (!identity || !roles.includes(role)) {
  console.error('usage: npm run new-api-key -- <identity> <clerk|manager|auditor>');
  process.exit(2);
}

const key = crypto.randomBytes(32).toString('base64url');
const keySha256 = crypto.createHash('sha256').update(key).digest('hex');
console.log(`API key for ${identity} (${role}); it is shown only now:\n  ${key}\n`);
console.log('Add this entry to the JSON array in API_KEYS_FILE:');
console.log(JSON.stringify({ identity, role, keySha256 }, null, 2));
