/**
 * Writes `.env.example` from the settings schema (`npm run env:example`); a test
 * fails when the committed file drifts from the schema.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvExample } from '../src/config/env-example';

writeFileSync(join(__dirname, '..', '.env.example'), renderEnvExample());
