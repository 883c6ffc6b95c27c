// Two tiers: unit tests sit beside the code they pin (src/**/*.spec.ts);
// e2e and conformance tests drive the real HTTP stack on a real database (test/**/*.e2e-spec.ts).
const tsJest = ['ts-jest', { isolatedModules: true, diagnostics: false }];
const common = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};
module.exports = {
  // Per-project testTimeout is not honoured by jest 30; e2e tests start real servers.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', rootDir: '.', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      testTimeout: 60000,
    },
  ],
};
