import type { SchemaObject } from '@nestjs/swagger';
import type { FieldSpec, Fields } from '../drf/serializer';

/**
 * OpenAPI schemas from the wire layer's own field declarations (`Fields`), the ones
 * `validateFields` runs: one source of truth for what is validated and what is documented.
 * Lengths are Python `len()` (code points), which is what JSON Schema's maxLength counts too.
 */
export function fieldSchema(spec: FieldSpec): SchemaObject {
  const schema: SchemaObject = { type: 'string' };
  if (spec.kind === 'email') schema.format = 'email';
  if (spec.maxLength !== undefined) schema.maxLength = spec.maxLength;
  if (spec.minLength !== undefined) schema.minLength = spec.minLength;
  if (spec.allowNull) schema.nullable = true;
  if (spec.readOnly) schema.readOnly = true;
  if (spec.writeOnly) schema.writeOnly = true;
  if (spec.label !== undefined) schema.title = spec.label;
  if (spec.helpText !== undefined) schema.description = spec.helpText;
  return schema;
}

type Mode = 'request' | 'response';

/** A serializer's object schema: request = writable fields, response = readable ones. */
export function serializerSchema(fields: Fields, mode: Mode, overrides: Record<string, SchemaObject> = {}): SchemaObject {
  const properties: Record<string, SchemaObject> = {};
  const required: string[] = [];
  for (const [name, spec] of fields) {
    if (mode === 'request' && spec.readOnly) continue;
    if (mode === 'response' && spec.writeOnly) continue;
    properties[name] = overrides[name] ?? fieldSchema(spec);
    if (mode === 'request' ? spec.required !== false : true) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

/** DRF's error bodies. */
export const ERROR_SCHEMAS: Record<string, SchemaObject> = {
  Detail: {
    type: 'object',
    description: 'DRF exception body',
    properties: { detail: { type: 'string' } },
    required: ['detail'],
  },
  ValidationError: {
    type: 'object',
    description: 'DRF ValidationError: field name (or non_field_errors) → messages',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { password: ['This field is required.'] },
  },
  Metadata: {
    type: 'object',
    description: "DRF SimpleMetadata (OPTIONS): name, description, renders, parses and, where allowed, the serializer's fields",
    properties: {
      name: { type: 'string' },
      description: { type: 'string' },
      renders: { type: 'array', items: { type: 'string' } },
      parses: { type: 'array', items: { type: 'string' } },
      actions: { type: 'object', additionalProperties: { type: 'object' } },
    },
    required: ['name', 'description', 'renders', 'parses'],
  },
};
