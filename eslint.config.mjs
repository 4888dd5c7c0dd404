// Lint, including the layer boundaries of docs/architecture.md:
// http → usage → providers → generated; generated/<provider> only from its own provider and sandbox folders;
// web/ (the pages) and cli/ (the command line) stand beside the service, never inside it.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const providers = ['flexprice', 'sequence', 'svix'];

/** `no-restricted-imports` patterns that keep one folder away from the given targets. */
const forbid = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

/** A folder and everything in it (`../sandbox` is its index). */
const folders = (names) => names.flatMap((name) => [`**/${name}`, `**/${name}/**`]);

const webMessage = "src/web/ serves pages and specs: the browser calls the API; only the demo data set's description comes from the sandbox.";

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'generated/', 'node_modules/', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/usage/**/*.ts'],
    rules: forbid(
      ['**/providers/**', '**/sandbox/**', '**/http/**', ...providers.map((name) => `**/generated/${name}`)],
      'src/usage/ is the provider-neutral core: it must not import providers, the sandbox, http or provider types.',
    ),
  },
  {
    files: ['src/providers/*.ts'],
    rules: forbid(['**/http/**', '**/sandbox/**', 'express'], 'Adapters speak HTTP through openapi-fetch only; no express, http or sandbox.'),
  },
  ...providers.flatMap((name) => {
    const others = providers.filter((other) => other !== name);
    const otherGenerated = others.map((other) => `**/generated/${other}`);
    return [
      {
        files: [`src/providers/${name}/**/*.ts`],
        rules: forbid(
          ['**/http/**', '**/sandbox/**', 'express', '**/providers/registry', ...otherGenerated, ...others.map((other) => `**/providers/${other}/**`)],
          `The ${name} adapter speaks HTTP through openapi-fetch with its own generated types only.`,
        ),
      },
      {
        files: [`src/sandbox/${name}/**/*.ts`],
        rules: forbid(
          ['**/providers/**', '**/http/**', ...otherGenerated, ...others.map((other) => `**/sandbox/${other}/**`)],
          `The ${name} simulator stands alone: its own generated types, no adapters.`,
        ),
      },
    ];
  }),
  {
    files: ['src/native/**/*.ts'],
    rules: forbid(
      ['**/sandbox/**', ...providers.map((name) => `**/generated/${name}`), ...providers.map((name) => `**/providers/${name}/**`)],
      'The native passthrough forwards by spec through providers/native-registry: no provider types or folders, no sandbox.',
    ),
  },
  {
    files: ['src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: [...folders(['providers', 'native', 'usage', 'http', 'cli']), ...providers.map((name) => `**/generated/${name}`)], message: webMessage },
        { regex: '(^|/)sandbox(/(?!demo-data$).*)?$', message: webMessage },
      ] }],
    },
  },
  {
    files: ['src/web/public/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module' },
    rules: {
      'no-restricted-globals': ['error', { name: 'localStorage', message: 'The gateway key lives in sessionStorage only.' }],
    },
  },
  {
    files: ['src/web/public/docs/**/*.js'],
    languageOptions: { sourceType: 'script' },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: forbid(
      [...folders(['providers', 'native', 'usage', 'http', 'sandbox', 'web']), '**/app', '**/gateway', ...providers.map((name) => `**/generated/${name}`)],
      'Commands talk to a gateway through createUsageClient (src/client.ts); only start and config check are local (server.ts, config.ts).',
    ),
  },
  {
    files: ['src/policies/**/*.ts'],
    rules: forbid(
      ['**/usage/**', '**/http/**', '**/sandbox/**', '**/native/**', '**/state/**', 'express', '**/providers/registry', ...providers.map((name) => `**/providers/${name}/**`), ...providers.map((name) => `**/generated/${name}`)],
      'src/policies/ wraps the upstream Fetch: no unified model, no HTTP layer, no state, no provider folders.',
    ),
  },
  {
    files: ['src/state/**/*.ts'],
    rules: forbid(
      ['**/usage/**', '**/http/**', '**/sandbox/**', '**/native/**', '**/providers/**', '**/policies/**', 'express', '**/generated/**'],
      'src/state/ stores JSON values behind one interface per store; it knows nothing of queries, providers or HTTP.',
    ),
  },
  {
    files: ['src/telemetry/**/*.ts'],
    rules: forbid(
      ['**/sandbox/**', '**/http/**', '**/native/**', '**/usage/**', '**/providers/registry', ...providers.map((name) => `**/generated/${name}`), ...providers.map((name) => `**/providers/${name}/**`)],
      'Telemetry wraps seams (request middleware, the provider fetch): it knows no handlers, adapters or simulators.',
    ),
  },
  {
    files: ['src/verify/**/*.ts'],
    rules: forbid(
      [...folders(['http', 'native', 'usage', 'web', 'cli']), '**/app', '**/server', ...providers.flatMap((name) => [`**/generated/${name}`, `**/providers/${name}/**`]), ...providers.map((name) => `**/sandbox/${name}/**`)],
      'verify checks providers from outside: specs, the contract guard and native connections, the gateway it starts, and the unified API through createUsageClient; never an adapter, a simulator or the service inside.',
    ),
  },
  {
    files: ['src/http/**/*.ts', 'src/app.ts', 'src/server.ts', 'src/config.ts', 'src/errors.ts', 'src/index.ts', 'src/client.ts'],
    rules: forbid(providers.map((name) => `**/generated/${name}`), 'Only provider and sandbox folders use a provider\'s generated types.'),
  },
);
