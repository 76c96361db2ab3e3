/** Jest runs TypeScript through SWC as CommonJS, so Yjs and lib0 load once, from their CJS builds. */
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
  ],
};
// ESM-only packages that must be compiled to CommonJS for jest.
const transformIgnorePatterns = ['/node_modules/(?!(pdfjs-dist)/)'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  maxWorkers: 2,
};
