/** Jest runs every test against the real local stack that test/setup/globalSetup.ts starts. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  // uuid 13, which @vonage/jwt requires for JWT ids, ships ES modules only, and Jest 30 on Node 20
  // cannot require those. Node itself can, so only the tests load this CommonJS stand-in.
  moduleNameMapper: { '^uuid$': '<rootDir>/test/support/uuidForJest.js' },
  globalSetup: '<rootDir>/test/setup/globalSetup.ts',
  globalTeardown: '<rootDir>/test/setup/globalTeardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
