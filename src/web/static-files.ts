/**
 * Serves a fixed list of files under a URL prefix: only the files named, nothing else from their
 * folders (a package's demo page or source maps are not part of the site).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import type { VendorFile } from './assets';

export interface FileRoutesOptions {
  /** How long browsers may keep a file without asking again (vendored files change only with the package). */
  maxAgeMs: number;
}

export function fileRoutes(prefix: string, files: readonly VendorFile[], options: FileRoutesOptions): Router {
  const router = Router();
  const byName = new Map(files.map((item) => [item.name, item.file]));
  router.get(`${prefix}/:name`, (req, res, next) => {
    const file = byName.get(String(req.params.name));
    if (!file) {
      next();
      return;
    }
    res.sendFile(file, { maxAge: options.maxAgeMs, dotfiles: 'deny' }, (error) => {
      if (error) next(error);
    });
  });
  return router;
}

/** Every file directly inside a folder of public/, as served files. */
export function publicFiles(dir: string): VendorFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => ({ name: entry.name, file: path.join(dir, entry.name) }));
}
