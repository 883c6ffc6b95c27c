#!/usr/bin/env node
// `npm run mail:requeue`: make failed e-mails pending again (src/mail/requeue.cli.ts).
// Runs the compiled CLI; builds the server first when there is no build yet.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { execSync } = require('node:child_process');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'mail', 'requeue.cli.js');
if (!existsSync(entry)) {
  console.log('Building the server (npm run build)...');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
require(entry);
