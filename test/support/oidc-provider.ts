import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface OidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** Starts test/support/oidc-provider.mjs (a real OpenID Connect provider) on loopback. */
export async function startOidcProvider(port: number, redirectUris: string[]): Promise<OidcProvider> {
  const clientId = 'nest-djoser-test';
  const clientSecret = 'nest-djoser-test-secret-0123456789';
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs'), String(port), clientId, clientSecret, redirectUris.join(',')], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`oidc-provider exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /ready (\S+)/.exec(chunk.toString());
      if (m) resolve(m[1]);
    });
  });
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
