/** The table that tables of other apps point their user_id at: auth_user, or AUTH_USER_MODEL_FILE's. */
export interface UserTable {
  table: string;
  pk: string;
  /** SQL type of a column that references the primary key. */
  idType: 'integer' | 'bigint' | 'uuid';
}

export const DJANGO_USER_TABLE: UserTable = { table: 'auth_user', pk: 'id', idType: 'integer' };

/** Django's constraint name for auth_user (`<hash>_fk_auth_user_id`); for a described table, the same form with its name. */
export function userForeignKey(u: UserTable, prefix: string): string {
  return `${prefix}_fk_${u.table}_${u.pk}`.slice(0, 63);
}
