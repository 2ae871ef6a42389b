#!/usr/bin/env node
// Writes one Microsoft 365 Agents Playground config per persona of config/directory.local.json.
// Usage: node scripts/playground/make-config.js [--dir <DATA_DIR>/playground] [personId ...]   (default: everyone)
/* global console */
'use strict';
const path = require('node:path');
const { loadDirectory, playgroundDir, writeConfigs } = require('./lib');

const args = process.argv.slice(2);
const at = args.indexOf('--dir');
const dir = at >= 0 ? path.resolve(args.splice(at, 2)[1]) : playgroundDir();
const directory = loadDirectory();
const ids = args.length > 0 ? args : directory.people.map((p) => p.id);
try {
  const files = writeConfigs(ids, dir, directory);
  for (const id of ids) console.log(`${id.padEnd(20)} ${path.relative(process.cwd(), files[id])}`);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
