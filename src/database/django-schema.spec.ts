import { ColumnRow, DJANGO_TABLES, DJANGO_UNIQUE, djangoSchemaMessage, djangoSchemaProblems, Query } from './django-schema';

/** information_schema rows for Django's tables as Django 3.2 makes them (serial ids). */
function django32(): ColumnRow[] {
  return Object.entries(DJANGO_TABLES).flatMap(([table, columns]) =>
    Object.entries(columns).map(([name, spec]) => ({
      table_name: table,
      column_name: name,
      data_type: spec.type,
      character_maximum_length: spec.length ?? null,
      is_nullable: spec.nullable ? ('YES' as const) : ('NO' as const),
      column_default: spec.generated ? `nextval('${table}_id_seq'::regclass)` : null,
      is_identity: 'NO' as const,
    })),
  );
}

const fake =
  (columns: ColumnRow[], unique = DJANGO_UNIQUE): Query =>
  async <T>(sql: string) =>
    (sql.includes('information_schema.columns') ? columns : unique.map(([table_name, column_name]) => ({ table_name, column_name }))) as T[];

const change = (rows: ColumnRow[], table: string, column: string, patch: Partial<ColumnRow>) =>
  rows.map((r) => (r.table_name === table && r.column_name === column ? { ...r, ...patch } : r));

describe('djangoSchemaProblems', () => {
  it("accepts Django 3.2's schema", async () => {
    await expect(djangoSchemaProblems(fake(django32()))).resolves.toEqual([]);
  });

  it('accepts identity ids (Django >= 4.1), longer varchars and NULL-able columns we always fill', async () => {
    let rows = change(django32(), 'auth_user', 'id', { column_default: null, is_identity: 'YES' });
    rows = change(rows, 'auth_user', 'email', { character_maximum_length: 320 });
    rows = change(rows, 'auth_user', 'first_name', { is_nullable: 'YES' });
    rows.push({ ...rows[0], column_name: 'nickname', is_nullable: 'YES', column_default: null });
    await expect(djangoSchemaProblems(fake(rows))).resolves.toEqual([]);
  });

  it('names each mismatch', async () => {
    let rows = change(django32(), 'auth_user', 'last_login', { is_nullable: 'NO' });
    rows = change(rows, 'token_blacklist_outstandingtoken', 'id', { column_default: null, data_type: 'integer' });
    rows = change(rows, 'authtoken_token', 'key', { data_type: 'text', character_maximum_length: null });
    const unique = DJANGO_UNIQUE.filter(([t, c]) => !(t === 'token_blacklist_outstandingtoken' && c === 'jti'));
    const problems = await djangoSchemaProblems(fake(rows, unique));
    expect(problems).toEqual([
      'auth_user.last_login is NOT NULL, expected NULL allowed',
      'authtoken_token.key is text, expected character varying(40)',
      'token_blacklist_outstandingtoken.id is integer, expected bigint',
      'token_blacklist_outstandingtoken.id has no default (expected serial or identity)',
      'token_blacklist_outstandingtoken.jti has no unique constraint',
    ]);
    expect(djangoSchemaMessage(problems)).toMatch(/^DJANGO_EXISTING_SCHEMA=true but .*: auth_user\.last_login is NOT NULL, expected NULL allowed; authtoken_token/);
    expect(djangoSchemaMessage([])).toBeNull();
  });
});
