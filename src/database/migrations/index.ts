import { DjangoAuthSchema1700000000000 } from './1700000000000-DjangoAuthSchema';

/** Every migration, in order. Listed explicitly so the compiled server and the CLI see the same set. */
export const MIGRATIONS = [DjangoAuthSchema1700000000000];
