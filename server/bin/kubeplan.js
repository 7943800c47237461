#!/usr/bin/env node
'use strict';
// npm links this file as `kubeplan`; the CLI itself is bundled into dist/cli.js by `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('kubeplan: dist/cli.js is missing; run `npm run build` in the Kubeplan folder first.\n');
  process.exit(2);
}
require(cli); // runs the CLI
