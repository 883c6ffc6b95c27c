import { execFileSync } from 'child_process';
import { resolve } from 'path';

/** The nice value of each thread of a fresh process that started the pool with THREAD_POOL_NICE=7. */
function threadNices(poolSize: number): { reniced: number; mainBefore: number; mainAfter: number; nices: number[] } {
  const code = `
    const fs = require('fs');
    const nice = (tid) => Number(fs.readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[16]);
    const mainBefore = nice(process.pid);
    require('./src/thread-pool.ts').startThreadPool(7).then((reniced) => {
      const nices = fs.readdirSync('/proc/self/task').map(nice);
      process.stdout.write(JSON.stringify({ reniced, mainBefore, mainAfter: nice(process.pid), nices }));
    });`;
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', code], {
    cwd: resolve(__dirname, '..'),
    env: { ...process.env, UV_THREADPOOL_SIZE: String(poolSize) },
  });
  return JSON.parse(out.toString());
}

describe('thread pool priority (issue 9)', () => {
  it('lowers the priority of the pool threads, and of nothing else', () => {
    const r = threadNices(2);
    if (process.platform !== 'linux') return expect(r.reniced).toBe(0);
    expect(r.reniced).toBe(2);
    expect(r.mainAfter).toBe(r.mainBefore);
    expect(r.nices.filter((n) => n === 7)).toHaveLength(2);
    expect(r.nices.filter((n) => n === r.mainBefore).length).toBe(r.nices.length - 2);
  });
});
