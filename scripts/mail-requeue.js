#!/usr/bin/env node
// `npm run mail:requeue`: make failed e-mails pending again — the CLI's `mail:retry`
// (src/cli/mail-retry.command.ts). Runs the compiled CLI; builds the server first when there is no build yet.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { execSync } = require('node:child_process');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'cli.js');
if (!existsSync(entry)) {
  console.log('Building the server (npm run build)...');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
process.argv = [process.argv[0], entry, 'mail:retry'];
require(entry);
