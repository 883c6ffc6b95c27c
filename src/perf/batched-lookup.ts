import type { DataSource } from 'typeorm';

/**
 * Lookups by key asked in one turn of the event loop (concurrent requests) go out as one
 * `= ANY($1)` query on the pg pool: each request's row is still read after the request arrived
 * (no cache, no staleness), but the statement, its round trip and its protocol overhead are
 * shared. A batch of one key uses the single-key statement.
 */
export interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** The pg pool behind TypeORM's PostgreSQL driver, unless the engine is the embedded one (PGlite: no pool, no batching). */
export function pgPool(dataSource: DataSource): PgPool | null {
  const extra = (dataSource.options as { extra?: { pglite?: unknown } }).extra;
  if (extra?.pglite) return null;
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  return pool && typeof pool.query === 'function' ? pool : null;
}

export interface Statement {
  name: string;
  text: string;
}

export interface KeyedLookup<K, T> {
  /** `... WHERE key = $1` */
  one: Statement;
  /** `... WHERE key = ANY($1)` */
  many: Statement;
  /** The key a row answers (the batch's key type). */
  keyOf(row: Record<string, unknown>): K;
  /** A fresh value for each caller (callers may change what they get). */
  valueOf(row: Record<string, unknown>): T;
}

/** A batch flushes at the end of the turn, or sooner when it holds this many keys. */
const MAX_BATCH = 256;

interface Waiter<T> {
  resolve(value: T | null): void;
  reject(e: unknown): void;
}

export class BatchedLookup<K, T> {
  private pending = new Map<K, Waiter<T>[]>();
  private scheduled = false;

  constructor(
    private readonly pool: PgPool,
    private readonly lookup: KeyedLookup<K, T>,
  ) {}

  load(key: K): Promise<T | null> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (this.pending.size >= MAX_BATCH) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    if (batch.size === 0) return;
    if (batch.size === 1) return this.answer(batch, { ...this.lookup.one, values: [...batch.keys()] });
    // Should the shared query fail, each key is asked alone: one bad key cannot fail its neighbours.
    this.answer(batch, { ...this.lookup.many, values: [[...batch.keys()]] }, () => {
      for (const [key, waiters] of batch) this.answer(new Map([[key, waiters]]), { ...this.lookup.one, values: [key] });
    });
  }

  private answer(batch: Map<K, Waiter<T>[]>, query: Statement & { values: unknown[] }, onError?: () => void): void {
    this.pool.query(query).then(
      ({ rows }) => {
        const byKey = new Map(rows.map((r) => [this.lookup.keyOf(r), r]));
        for (const [key, waiters] of batch) {
          const row = byKey.get(key);
          for (const w of waiters) w.resolve(row ? this.lookup.valueOf(row) : null);
        }
      },
      (e: unknown) => {
        if (onError) return onError();
        for (const waiters of batch.values()) for (const w of waiters) w.reject(e);
      },
    );
  }
}
