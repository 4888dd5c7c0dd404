/**
 * `GET /`: the usage explorer, a static page that calls the unified API from the browser. Its own
 * files are under `/explorer/`, uPlot under `/explorer/vendor/`, and the demo presets (what the
 * sandbox holds) at `/explorer/presets.json`.
 */
import path from 'node:path';
import { Router } from 'express';
import { publicDir, uplotFiles } from './assets';
import { explorerPresets } from './demo-presets';
import { fileRoutes, publicFiles } from './static-files';

export function explorerRoutes(options: { demoData: boolean }): Router {
  const router = Router();
  const presets = explorerPresets(options.demoData);
  router.get('/', (_req, res) => {
    res.sendFile(path.join(publicDir, 'explorer', 'index.html'));
  });
  router.get('/explorer/presets.json', (_req, res) => {
    res.json(presets);
  });
  router.use(fileRoutes('/explorer/vendor', uplotFiles, { maxAgeMs: 3_600_000 }));
  router.use(fileRoutes('/explorer', publicFiles(path.join(publicDir, 'explorer')), { maxAgeMs: 0 }));
  return router;
}
