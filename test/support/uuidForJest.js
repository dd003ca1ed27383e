// CommonJS stand-in for the uuid package inside Jest; see moduleNameMapper in jest.config.js.
const crypto = require('node:crypto');

module.exports = { v4: () => crypto.randomUUID() };
