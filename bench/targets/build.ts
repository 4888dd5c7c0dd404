/**
 * The gateway's modules as `npm start` runs them: the compiled build in dist/ (`npm run build`,
 * which `npm run bench:gateway` runs first), not the TypeScript sources through tsx. tsx's
 * transform keeps function names by wrapping every function the code creates at run time in a
 * naming call, a cost per closure, so per request, that the built gateway never pays.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const buildRoot = path.join(__dirname, '..', '..', 'dist', 'src');

/** The built module `name` (a path under src/, without extension), typed as its source. */
export function fromBuild<T>(name: string): T {
  const file = path.join(buildRoot, `${name}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: build the gateway first (npm run build)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  return require(file) as T;
}
