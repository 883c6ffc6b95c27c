import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

/**
 * Runs a callback once the transaction of an EntityManager has committed (at
 * once when it has none), and drops it on rollback: how the outbox worker gets
 * woken right after the change that queued mail became visible, instead of
 * waiting for its next poll. Registered as a TypeORM subscriber (they see every
 * commit and rollback of the data source).
 */
@Injectable()
export class AfterCommit implements EntitySubscriberInterface {
  private readonly waiting = new WeakMap<QueryRunner, Array<() => void>>();

  constructor(dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  run(manager: EntityManager, callback: () => void): void {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      callback();
      return;
    }
    const list = this.waiting.get(runner) ?? [];
    list.push(callback);
    this.waiting.set(runner, list);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint is not the end: the outer transaction is still open.
    if (event.queryRunner.isTransactionActive) return;
    const list = this.waiting.get(event.queryRunner);
    this.waiting.delete(event.queryRunner);
    for (const callback of list ?? []) callback();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.waiting.delete(event.queryRunner);
  }
}
