import { ValidationError } from './exceptions';
import { emailRulesOf, isFormInput } from './request-data';
import { hasSurrogate, pyLen, pyStrip } from './parsing/python-text';
import { DjangoEmailRules, isValidDjangoEmail } from './parsing/email-validator';
import { PyFloat, PyInt, pyStr, pyTypeName, type PyDict, type PyValue } from './parsing/python-value';

/** A validator in DRF's sense: returns the messages it raises (empty = valid). */
export type FieldValidator = (value: string) => string[] | Promise<string[]>;

/** A DRF CharField / EmailField declaration. */
export interface FieldSpec {
  kind?: 'char' | 'email';
  required?: boolean;
  allowBlank?: boolean;
  allowNull?: boolean;
  trimWhitespace?: boolean;
  maxLength?: number;
  minLength?: number;
  /** Validators passed in `validators=` (model validators, UniqueValidator): they run before the length checks. */
  validators?: FieldValidator[];
  readOnly?: boolean;
  writeOnly?: boolean;
  /** OPTIONS metadata. */
  label?: string;
  helpText?: string;
}

/** Fields in declaration order: the order of error keys and of OPTIONS `actions`. */
export type Fields = ReadonlyArray<readonly [string, FieldSpec]>;

const MESSAGES = {
  required: 'This field is required.',
  null: 'This field may not be null.',
  blank: 'This field may not be blank.',
  invalid: 'Not a valid string.',
  invalidEmail: 'Enter a valid email address.',
  maxLength: (n: number) => `Ensure this field has no more than ${n} characters.`,
  minLength: (n: number) => `Ensure this field has at least ${n} characters.`,
  nullCharacters: 'Null characters are not allowed.',
  surrogate: (cp: string) => `Surrogate characters are not allowed: ${cp}.`,
  noData: 'No data provided',
  notADict: (type: string) => `Invalid data. Expected a dictionary, but got ${type}.`,
};

const EMPTY = Symbol('empty');
type Primitive = PyValue | typeof EMPTY;

/** `Field.get_value`: what the field reads from the input, with DRF's form-input rules. */
function getValue(name: string, spec: FieldSpec, data: PyDict, form: boolean, partial: boolean): Primitive {
  if (!(name in data)) return EMPTY;
  const value = data[name];
  if (!form) return value;
  if (value === '' && spec.allowNull) return spec.allowBlank ? '' : null;
  if (value === '' && spec.required === false) return spec.allowBlank ? '' : EMPTY;
  void partial;
  return value;
}

/** `CharField.run_validation` for one field: a value, SKIP (not in validated data), or its error messages. */
async function runField(spec: FieldSpec, input: Primitive, partial: boolean, emailRules: DjangoEmailRules): Promise<{ value?: string; skip?: true; errors?: string[] }> {
  const trim = spec.trimWhitespace !== false;
  const isBlank = (v: string) => v === '' || (trim && pyStrip(v) === '');
  if (typeof input === 'string' && isBlank(input)) {
    if (!spec.allowBlank) return { errors: [MESSAGES.blank] };
    return { value: '' };
  }
  if (input === EMPTY) {
    if (partial) return { skip: true };
    if (spec.required !== false) return { errors: [MESSAGES.required] };
    return { skip: true };
  }
  if (input === null) {
    if (!spec.allowNull) return { errors: [MESSAGES.null] };
    return { skip: true };
  }
  const invalid = spec.kind === 'email' ? MESSAGES.invalidEmail : MESSAGES.invalid;
  let text: string;
  if (typeof input === 'string') text = input;
  else if (input instanceof PyInt || input instanceof PyFloat) text = pyStr(input);
  else return { errors: [invalid] };
  if (trim) text = pyStrip(text);

  const errors: string[] = [];
  for (const v of spec.validators ?? []) errors.push(...(await v(text)));
  const len = pyLen(text);
  if (spec.maxLength !== undefined && len > spec.maxLength) errors.push(MESSAGES.maxLength(spec.maxLength));
  if (spec.minLength !== undefined && len < spec.minLength) errors.push(MESSAGES.minLength(spec.minLength));
  if (text.includes('\0')) errors.push(MESSAGES.nullCharacters);
  const surrogate = hasSurrogate(text);
  if (surrogate) errors.push(MESSAGES.surrogate(surrogate));
  if (spec.kind === 'email' && !isValidDjangoEmail(text, emailRules)) errors.push(MESSAGES.invalidEmail);
  return errors.length ? { errors } : { value: text };
}

/**
 * DRF's `Serializer.run_validation` up to (not including) `validate()`: the top-level
 * shape, then every writable field in declaration order, all errors collected.
 * Returns the validated strings of the fields that were given (or defaulted).
 */
export async function validateFields(fields: Fields, data: PyValue, options: { partial?: boolean } = {}): Promise<Record<string, string>> {
  if (data === null) throw new ValidationError({ non_field_errors: [MESSAGES.noData] });
  if (typeof data !== 'object' || Array.isArray(data) || data instanceof PyInt || data instanceof PyFloat)
    throw new ValidationError({ non_field_errors: [MESSAGES.notADict(pyTypeName(data))] });
  const form = isFormInput(data);
  const emailRules = emailRulesOf(data);
  const validated: Record<string, string> = {};
  const errors: Record<string, string[]> = {};
  for (const [name, spec] of fields) {
    if (spec.readOnly) continue;
    const result = await runField(spec, getValue(name, spec, data, form, options.partial === true), options.partial === true, emailRules);
    if (result.errors) errors[name] = result.errors;
    else if (!result.skip) validated[name] = result.value!;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return validated;
}

/** `serializers.ValidationError("...")` raised in `validate()`: DRF files it under non_field_errors. */
export function nonFieldError(message: string): ValidationError {
  return new ValidationError({ non_field_errors: [message] });
}

/** DRF SimpleMetadata's description of one field (OPTIONS `actions`). */
export function describeField(spec: FieldSpec): Record<string, unknown> {
  const info: Record<string, unknown> = {
    type: spec.kind === 'email' ? 'email' : 'string',
    required: spec.readOnly ? false : spec.required !== false,
    read_only: spec.readOnly === true,
  };
  if (spec.label !== undefined) info.label = spec.label;
  if (spec.helpText !== undefined) info.help_text = spec.helpText;
  if (spec.minLength !== undefined) info.min_length = spec.minLength;
  if (spec.maxLength !== undefined) info.max_length = spec.maxLength;
  return info;
}

export function describeFields(fields: Fields): Record<string, unknown> {
  return Object.fromEntries(fields.map(([name, spec]) => [name, describeField(spec)]));
}
