import { AuthToken } from '../auth/entities/auth-token.entity';
import { BlacklistedToken } from '../auth/entities/blacklisted-token.entity';
import { OutstandingToken } from '../auth/entities/outstanding-token.entity';
import { RefreshTokenFamily } from '../auth/entities/refresh-token-family.entity';
import { OutboxMessage } from '../mail/outbox/outbox-message.entity';
import { User } from '../users/user.entity';

/**
 * Every TypeORM entity of the server, listed explicitly (feature modules own the
 * classes) so that the server and the TypeORM CLI see the same set.
 */
export const ENTITIES: Function[] = [User, AuthToken, OutstandingToken, BlacklistedToken, RefreshTokenFamily, OutboxMessage];
