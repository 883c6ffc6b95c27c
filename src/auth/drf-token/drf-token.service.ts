import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthToken } from '../entities/auth-token.entity';
import { generateDrfTokenKey } from '../tokens/auth-header';

/** DRF's `Token` model operations (`rest_framework.authtoken`). */
@Injectable()
export class DrfTokenService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `Token.objects.get_or_create(user=user)`: the user's one key, created on first login
   * and returned unchanged afterwards. Concurrent first logins race on the unique
   * `user_id`; the loser reads the winner's key.
   */
  async getOrCreate(userId: number): Promise<string> {
    const repo = this.dataSource.getRepository(AuthToken);
    for (;;) {
      const existing = await repo.findOne({ where: { userId }, select: { key: true } });
      if (existing) return existing.key;
      const inserted = await repo
        .createQueryBuilder()
        .insert()
        .values({ key: generateDrfTokenKey(), created: new Date(), userId })
        .orIgnore()
        .returning(['key'])
        .execute();
      const row = inserted.raw[0] as { key: string } | undefined;
      if (row) return row.key;
      // conflict: another login created it (or, never in practice, a key collision): read again
    }
  }

  /** `Token.objects.filter(user=user).delete()`. */
  async deleteForUser(userId: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.delete(AuthToken, { userId });
  }
}
