/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.cjs',
  setupFiles: ['reflect-metadata'],
  moduleNameMapper: {
    '^@hub/kit$': '<rootDir>/packages/kit/src/index.ts',
    '^@hub/kit/testing$': '<rootDir>/packages/kit/src/testing.ts',
    '^@hub/gateway$': '<rootDir>/gateway/src/index.ts',
  },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.base.json' }] },
};
