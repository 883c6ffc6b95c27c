import { isValidDjangoEmail } from '../drf/parsing/email-validator';
import { pyLen } from '../drf/parsing/python-text';
import { usernameCharacters } from '../users/user-serializers';
import type { ModelField as DescribedField } from '../users/model/user-model';

// Django's model-field `clean(value, None)` for the fields createsuperuser asks for: the model
// field messages ("This field cannot be blank.", "Ensure this value has at most ..."), not DRF's.

export interface ModelField {
  name: string;
  verboseName: string;
  blank: boolean;
  maxLength: number;
  validate: (value: string) => string[];
}

const maxLength = (n: number, value: string) => {
  const len = pyLen(value);
  return len > n ? [`Ensure this value has at most ${n} characters (it has ${len}).`] : [];
};

export const USERNAME_FIELD: ModelField = {
  name: 'username',
  verboseName: 'username',
  blank: false,
  maxLength: 150,
  // UnicodeUsernameValidator, then the MaxLengthValidator CharField appends.
  validate: (v) => [...(usernameCharacters(v) as string[]), ...maxLength(150, v)],
};

export function emailField(blank: boolean): ModelField {
  return {
    name: 'email',
    verboseName: 'email address',
    blank,
    maxLength: 254,
    validate: (v) => [...(isValidDjangoEmail(v) ? [] : ['Enter a valid email address.']), ...maxLength(254, v)],
  };
}

/** A described model's char/email/text field (AUTH_USER_MODEL_FILE), with Django's model-field checks. */
export function describedField(f: DescribedField): ModelField {
  const n = f.maxLength ?? Infinity;
  return {
    name: f.name,
    verboseName: f.verboseName,
    blank: f.blank,
    maxLength: n,
    validate: (v) => [...(f.type === 'email' && !isValidDjangoEmail(v) ? ['Enter a valid email address.'] : []), ...(f.maxLength ? maxLength(n, v) : [])],
  };
}

/** `Field.clean`: the blank check first (alone), then every validator; returns the messages. */
export function cleanField(field: ModelField, value: string): string[] {
  if (value === '') return field.blank ? [] : ['This field cannot be blank.'];
  return field.validate(value);
}

export const capfirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
