/** `djoser.constants.Messages` (Djoser 2.1, English) and the Django model texts Djoser's serializers show. */
export const MESSAGES = {
  invalidToken: 'Invalid token for given user.',
  invalidUid: "Invalid user id or user doesn't exist.",
  staleToken: 'Stale token for given user.',
  passwordMismatch: "The two password fields didn't match.",
  usernameMismatch: (loginField: string) => `The two ${loginField} fields didn't match.`,
  invalidPassword: 'Invalid password.',
  emailNotFound: 'User with given email does not exist.',
  cannotCreateUser: 'Unable to create account.',
} as const;

/** django.contrib.auth.models.AbstractUser.username */
export const USERNAME_HELP_TEXT = 'Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.';
export const USERNAME_INVALID = 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.';
export const USERNAME_UNIQUE = 'A user with that username already exists.';
/** Django's default `unique` message for a unique `email` field labelled "email address" (spec §1.4). */
export const EMAIL_UNIQUE = 'user with this email address already exists.';
