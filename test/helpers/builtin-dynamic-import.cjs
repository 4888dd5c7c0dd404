/* global module */
/**
 * A Jest transform for the OTLP exporter's Node transport. Jest runs CommonJS in a vm context
 * that cannot run `import()` without --experimental-vm-modules, and the exporter loads `http` and
 * `https` with `import()` on its first export. Node itself runs the published file unchanged.
 */
module.exports = {
  process(source) {
    return { code: source.replace(/\bimport\((["'])(https?)\1\)/g, 'Promise.resolve().then(() => require("$2"))') };
  },
};
