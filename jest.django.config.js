// `npm run test:django`: tests that start ../shared/djoser-ref (Debian's Python, Django, Djoser),
// kept out of `npm test` so that one passes on a machine without Python.
module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/test/django/**/*.django-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // both servers start per file; the reference migrates its database first
  testTimeout: 120000,
};
