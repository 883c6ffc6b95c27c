import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import { User } from '../user.entity';
import type { ModelField, UserModel } from './user-model';

/** The User class's property for each of Django's auth fields; other fields keep their name. */
const PROPERTIES: Record<string, string> = {
  last_login: 'lastLogin',
  is_superuser: 'isSuperuser',
  first_name: 'firstName',
  last_name: 'lastName',
  is_staff: 'isStaff',
  is_active: 'isActive',
  date_joined: 'dateJoined',
};

export function propertyOf(fieldName: string): string {
  return PROPERTIES[fieldName] ?? fieldName;
}

/** A model field's value on a User entity. */
export function fieldValue(user: User, fieldName: string): unknown {
  return (user as unknown as Record<string, unknown>)[propertyOf(fieldName)];
}

/** PostgreSQL column type of a field, as Django's PostgreSQL backend declares it. */
export function sqlType(f: ModelField): string {
  switch (f.type) {
    case 'char':
    case 'email':
      return `varchar(${f.maxLength})`;
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamp with time zone';
    case 'text':
      return 'text';
  }
}

const BIGINT_AS_NUMBER = { from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)), to: (v: unknown) => v };

function column(f: ModelField): EntitySchemaColumnOptions {
  const type = f.type === 'char' || f.type === 'email' ? 'varchar' : f.type === 'datetime' ? 'timestamptz' : f.type;
  return { name: f.column, type: type as EntitySchemaColumnOptions['type'], ...(f.maxLength ? { length: f.maxLength } : {}), nullable: f.null };
}

/** The described table mapped onto the User class, so every repository of User reads it. */
export function userEntitySchema(model: UserModel): EntitySchema<User> {
  const columns: Record<string, EntitySchemaColumnOptions> = {
    // a uuid key is made by insertModelUser (Django's `default=uuid.uuid4` runs in Python: no column default)
    id:
      model.pk.type === 'uuid'
        ? { name: model.pk.column, type: 'uuid', primary: true }
        : {
            name: model.pk.column,
            type: model.pk.type === 'bigint' ? 'bigint' : 'integer',
            primary: true,
            generated: 'increment',
            ...(model.pk.type === 'bigint' ? { transformer: BIGINT_AS_NUMBER } : {}),
          },
    password: { name: 'password', type: 'varchar', length: 128 },
  };
  for (const f of model.fields) columns[propertyOf(f.name)] = column(f);
  return new EntitySchema<User>({ name: 'User', target: User, tableName: model.table, columns });
}
