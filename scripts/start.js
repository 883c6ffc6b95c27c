#!/usr/bin/env node
// `npm start`: build once if there is no compiled server (or the sources are newer), then run it.
const { existsSync, statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { execSync } = require('node:child_process');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

if (!existsSync(entry) || newestSource(join(root, 'src')) > statSync(entry).mtimeMs) {
  console.log('Building the server (npm run build)...');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
require(entry);
