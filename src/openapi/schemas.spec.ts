import { fieldSchema, serializerSchema } from './schemas';

describe('OpenAPI schemas from field declarations', () => {
  it('maps a DRF field spec to a JSON schema', () => {
    expect(fieldSchema({ kind: 'email', maxLength: 254, label: 'Email address' })).toEqual({
      type: 'string',
      format: 'email',
      maxLength: 254,
      title: 'Email address',
    });
    expect(fieldSchema({ readOnly: true, helpText: 'h' })).toEqual({ type: 'string', readOnly: true, description: 'h' });
    expect(fieldSchema({ writeOnly: true, allowNull: true, minLength: 2 })).toEqual({ type: 'string', writeOnly: true, nullable: true, minLength: 2 });
  });

  it('requests list writable fields (required unless required: false); responses list readable ones', () => {
    const fields = [
      ['id', { readOnly: true }],
      ['email', { kind: 'email', required: false }],
      ['password', { writeOnly: true }],
    ] as const;
    expect(serializerSchema(fields, 'request')).toEqual({
      type: 'object',
      properties: { email: { type: 'string', format: 'email' }, password: { type: 'string', writeOnly: true } },
      required: ['password'],
    });
    expect(serializerSchema(fields, 'response', { id: { type: 'integer' } })).toEqual({
      type: 'object',
      properties: { id: { type: 'integer' }, email: { type: 'string', format: 'email' } },
      required: ['id', 'email'],
    });
  });
});
