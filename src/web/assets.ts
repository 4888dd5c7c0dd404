/**
 * Where the pages' files are: this package's own (src/web/public, shipped as is: plain HTML, CSS
 * and JavaScript, no build step) and the vendored libraries, read from their installed packages so
 * the pages work with no internet access.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

// src/web/ when run from source, dist/src/web/ when built: public/ stays in src/web/.
export const publicDir = [path.resolve(__dirname, 'public'), path.resolve(__dirname, '..', '..', '..', 'src', 'web', 'public')].find(
  (candidate) => existsSync(path.join(candidate, 'explorer', 'index.html')),
) ?? path.resolve('src', 'web', 'public');

const packageDir = (name: string): string => path.dirname(require.resolve(`${name}/package.json`));

/** A vendored file: the URL name it is served under and its path on disk. */
export interface VendorFile {
  name: string;
  file: string;
}

/** Swagger UI's standalone bundle, preset and stylesheet (the /docs page). */
export const swaggerUiFiles: readonly VendorFile[] = ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'swagger-ui.css', 'favicon-32x32.png'].map(
  (name) => ({ name, file: path.join(packageDir('swagger-ui-dist'), name) }),
);

/** uPlot's browser build and stylesheet (the explorer's chart). */
export const uplotFiles: readonly VendorFile[] = [
  { name: 'uPlot.iife.min.js', file: path.join(packageDir('uplot'), 'dist', 'uPlot.iife.min.js') },
  { name: 'uPlot.min.css', file: path.join(packageDir('uplot'), 'dist', 'uPlot.min.css') },
];
