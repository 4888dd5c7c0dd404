/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // The OTLP exporter loads node:http with import(), which Jest's vm cannot run (see the transform).
    '/node_modules/@opentelemetry/otlp-exporter-base/.+\\.c?js$': '<rootDir>/test/helpers/builtin-dynamic-import.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@opentelemetry/otlp-exporter-base/)'],
  testTimeout: 30000,
};
