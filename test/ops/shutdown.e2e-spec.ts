import { SmtpSink } from '../mail/smtp-sink';
import { startServerProcess } from './server-process';

/** SIGTERM lets the request in flight finish, then the process exits 0 well within SHUTDOWN_TIMEOUT_MS. */
describe('graceful shutdown', () => {
  it('finishes an in-flight login, refuses new connections and exits 0', async () => {
    // Expensive hashing (about a second a hash) keeps jwt/create in flight when the signal arrives.
    const server = await startServerProcess({
      LOG_LEVEL: 'log',
      PASSWORD_ARGON2_MEMORY_COST: '65536',
      PASSWORD_ARGON2_TIME_COST: '12',
      SHUTDOWN_TIMEOUT_MS: '20000',
    });
    try {
      const password = 'Sup3r-secret-pw';
      const created = await fetch(`${server.url}/auth/users/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'slow', email: 'slow@example.com', password, re_password: password }),
      });
      expect(created.status).toBe(201);

      const started = Date.now();
      const login = fetch(`${server.url}/auth/jwt/create/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Connection: 'close' },
        body: JSON.stringify({ username: 'slow', password }),
      });
      await new Promise((r) => setTimeout(r, 150));
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      const res = await login;
      expect(res.status).toBe(200);
      expect(Object.keys((await res.json()) as object)).toEqual(['refresh', 'access']);
      // the login really was in flight: it answered after the signal
      const answered = Date.now();
      expect(answered).toBeGreaterThan(signalled);
      expect(answered - started).toBeGreaterThan(150);

      const exit = await server.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - signalled).toBeLessThan(20000);
      expect(server.stdout()).toMatch(/SIGTERM received/);
      await expect(fetch(`${server.url}/auth/`)).rejects.toThrow();
    } finally {
      await server.stop();
    }
  });

  it('lets the request whose e-mail is being sent finish, mail delivered, before it exits', async () => {
    const sink = new SmtpSink(1500); // the SMTP server takes 1.5 s to accept the message
    const port = await sink.start();
    const server = await startServerProcess({
      EMAIL_BACKEND: 'smtp',
      EMAIL_HOST: '127.0.0.1',
      EMAIL_PORT: String(port),
      DJOSER_SEND_ACTIVATION_EMAIL: 'true',
      SHUTDOWN_TIMEOUT_MS: '20000',
    });
    try {
      const password = 'Sup3r-secret-pw';
      // The first delivery attempt runs inside the request (before the answer): SIGTERM lands mid-SMTP.
      const created = fetch(`${server.url}/auth/users/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Connection: 'close' },
        body: JSON.stringify({ username: 'mailed', email: 'mailed@example.com', password, re_password: password }),
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(sink.received).toHaveLength(0);
      server.child.kill('SIGTERM');
      expect((await created).status).toBe(201);
      const exit = await server.exited;
      const receivedAtExit = sink.received.length;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(receivedAtExit).toBe(1);
      expect(sink.received[0].envelopeTo).toEqual(['mailed@example.com']);
    } finally {
      await server.stop();
      await sink.stop();
    }
  });

  it('exits 1 when closing takes longer than SHUTDOWN_TIMEOUT_MS', async () => {
    const server = await startServerProcess({ LOG_LEVEL: 'log', PASSWORD_ARGON2_MEMORY_COST: '65536', PASSWORD_ARGON2_TIME_COST: '40', SHUTDOWN_TIMEOUT_MS: '100' });
    try {
      const password = 'Sup3r-secret-pw';
      const register = fetch(`${server.url}/auth/users/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'slower', email: 'slower@example.com', password, re_password: password }),
      }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 150));
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      const exit = await server.exited;
      expect(exit.code).toBe(1);
      expect(exit.at - signalled).toBeLessThan(5000);
      expect(server.stdout()).toMatch(/longer than SHUTDOWN_TIMEOUT_MS=100/);
      await register;
    } finally {
      await server.stop();
    }
  });
});
