import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { DataSource, EntityManager } from 'typeorm';
import { USER_LOGGED_IN, type UserLoggedInEvent } from '../auth/auth.signals';
import { DjangoAuthenticate } from '../auth/credentials/django-authenticate.service';
import { DrfTokenService } from '../auth/drf-token/drf-token.service';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { ApiException, NotFound, ValidationError } from '../drf/exceptions';
import type { PyValue } from '../drf/parsing/python-value';
import type { RequestContext } from '../drf/request';
import { nonFieldError, validateFields } from '../drf/serializer';
import { insertModelUser, insertUser } from '../users/db/user-queries';
import { propertyOf } from '../users/model/user-entity';
import { normalizeEmail } from '../users/user-normalization';
import { isUniqueViolation } from '../users/db/unique-violation';
import { PasswordHasher } from '../users/passwords/password-hasher';
import { UserFieldRules } from '../users/user-field-rules';
import { USER_EVENTS, type UserEvent } from '../users/user-events';
import { UserMailer } from '../users/user-mailer';
import { loginName, representCreatedUser } from '../users/user-representation';
import { User } from '../users/user.entity';
import { authenticationResponse, namedCredentialId, registrationResponse, signedChallenge } from './ceremony-data';
import { ALGORITHMS, assertionDict, registrationDict } from './webauthn-answers';
import { loginFields, OPTIONS_USERNAME_UNIQUE, signupRequestFields, signupUserFields } from './webauthn-fields';
import * as store from './webauthn-store';

/** Djoser's `INVALID_CREDENTIALS_ERROR`. */
const INVALID_CREDENTIALS = 'Unable to log in with provided credentials.';
/** Ours: add_request/ for an account whose one Djoser row is taken (CredentialOptions is one-to-one). */
const HAS_PASSKEY = 'This account already has a passkey.';
/** Ours: signup/{ukey}/ must create the user signup_request/ reserved the name for. */
const USERNAME_MISMATCH = 'Does not match the username of the signup request.';

/** Djoser answers `{"non_field_errors": "WebAuthn verification failed."}`: a string, not DRF's list. */
const verificationFailed = () => new ApiException(400, { non_field_errors: 'WebAuthn verification failed.' });

interface Verified {
  credentialId: string;
  publicKey: string;
  counter: number;
}

/** djoser.webauthn's four views plus ours (a passkey for a signed-in account, login without a username). */
@Injectable()
export class WebauthnService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: UserFieldRules,
    private readonly hasher: PasswordHasher,
    private readonly mailer: UserMailer,
    private readonly drfTokens: DrfTokenService,
    private readonly auth: DjangoAuthenticate,
    private readonly events: EventEmitter2,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  private get w() {
    return this.settings.webauthn;
  }

  /** SignupRequestView: reserve the username in a CredentialOptions row and answer the creation options. */
  async signupRequest(data: PyValue): Promise<Record<string, unknown>> {
    const m = this.dataSource.manager;
    const attrs = await validateFields(signupRequestFields(m, this.settings.userModel), data);
    return this.dataSource
      .transaction(async (t) => {
        const ukey = store.randomToken(store.UKEY_LENGTH);
        const rows = (await t.query(
          `INSERT INTO webauthn_credentialoptions (challenge, username, display_name, ukey, credential_id, sign_count, public_key, user_id)
           VALUES ('', $1, $2, $3, '', NULL, '', NULL) RETURNING id`,
          [attrs.username, attrs.display_name, ukey],
        )) as Array<{ id: number }>;
        const challenge = await store.issueChallenge(t, 'signup', this.w.challengeTimeout, { optionsId: rows[0].id });
        await t.query('UPDATE webauthn_credentialoptions SET challenge = $1 WHERE id = $2', [challenge, rows[0].id]);
        return registrationDict(this.w, challenge, { ukey, username: attrs.username, displayName: attrs.display_name });
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new ValidationError({ username: [OPTIONS_USERNAME_UNIQUE] });
        throw e;
      });
  }

  /** SignupView: the user fields, then the attestation; the user and its credential are written together. */
  async signup(ukey: string, data: PyValue, ctx: RequestContext): Promise<Record<string, string | number>> {
    const s = this.settings.djoser;
    const co = ukey.includes('\0') ? null : await store.findOptionsByUkey(this.dataSource.manager, ukey);
    if (!co) throw NotFound();
    const attrs = await validateFields(signupUserFields(s, this.rules.loginUnique, (f) => this.rules.modelUnique(f)), data);
    if (attrs[s.loginField] !== co.username) throw new ValidationError({ [s.loginField]: [USERNAME_MISMATCH] });
    if (co.user_id !== null) throw verificationFailed();

    const user = await this.dataSource
      .transaction(async (t) => {
        const credential = await this.verifyRegistration(t, data, 'signup', { optionsId: co.id });
        const email = attrs.email ?? '';
        const created = this.settings.userModel.custom ? await this.insertModelUser(t, attrs) : await insertUser(t, {
          username: s.loginField === 'email' ? email : attrs.username,
          email,
          password: this.hasher.makeUnusable(),
          firstName: attrs.first_name ?? '',
          lastName: attrs.last_name ?? '',
          isActive: !s.sendActivationEmail,
        });
        const updated = (await t.query(
          `UPDATE webauthn_credentialoptions SET challenge = '', user_id = $2, sign_count = $3, credential_id = $4, public_key = $5
           WHERE id = $1 AND user_id IS NULL RETURNING id`,
          [co.id, created.id, credential.counter, credential.credentialId, credential.publicKey],
        )) as [unknown[], number];
        if (updated[1] !== 1) throw verificationFailed();
        if (s.sendActivationEmail) await this.mailer.send('activation', created, ctx, t);
        return created;
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw this.rules.loginUniqueError(s.loginField);
        throw e;
      });
    await this.events.emitAsync(USER_EVENTS.registered, { user, request: ctx } satisfies UserEvent);
    return representCreatedUser(user, s);
  }

  /** WebauthnCreateUserSerializer.create on a described model: `create_user(<login>, **REQUIRED_FIELDS)`, an unusable password. */
  private insertModelUser(t: EntityManager, attrs: Record<string, string>): Promise<User> {
    const model = this.settings.userModel;
    const given: Record<string, string> = {};
    for (const name of [...model.requiredFields, model.usernameField]) if (attrs[name] !== undefined) given[name] = attrs[name];
    if (given[model.emailField] !== undefined) given[model.emailField] = normalizeEmail(given[model.emailField]);
    return insertModelUser(t, model, given, this.hasher.makeUnusable(), !this.settings.djoser.sendActivationEmail);
  }

  /** LoginRequestView: a fresh challenge for the user's credential (it replaces the previous one). */
  async loginRequest(data: PyValue): Promise<Record<string, unknown>> {
    const { co } = await this.passkeyUser(data);
    return this.dataSource.transaction(async (t) => {
      await t.query("DELETE FROM nest_webauthn_challenge WHERE ceremony = 'login' AND options_id = $1", [co.id]);
      const challenge = await store.issueChallenge(t, 'login', this.w.challengeTimeout, { optionsId: co.id });
      await t.query('UPDATE webauthn_credentialoptions SET challenge = $1 WHERE id = $2', [challenge, co.id]);
      return assertionDict(this.w, challenge, co);
    });
  }

  /** LoginView: the assertion against the stored key and counter, then the token strategy's body. */
  async login(data: PyValue, ctx: RequestContext): Promise<{ auth_token: string }> {
    const { user, co } = await this.passkeyUser(data);
    await this.verifyAssertion(data, co, 'login', { optionsId: co.id });
    return this.logIn(user, ctx);
  }

  /** Ours: a challenge with no credential list, for an authenticator that picks the account itself. */
  async discoverableLoginRequest(): Promise<Record<string, unknown>> {
    const challenge = await store.issueChallenge(this.dataSource.manager, 'discoverable', this.w.challengeTimeout, {});
    return assertionDict(this.w, challenge, null);
  }

  /** Ours: the credential id names the account. */
  async discoverableLogin(data: PyValue, ctx: RequestContext): Promise<{ auth_token: string }> {
    const id = namedCredentialId(data);
    if (!id) throw new ValidationError({ id: ['This field is required.'] });
    const co = await store.findOptionsByCredential(this.dataSource.manager, id);
    const user = co?.user_id != null ? await this.dataSource.manager.findOneBy(User, { id: co.user_id }) : null;
    if (!co || !user || !user.isActive) throw nonFieldError(INVALID_CREDENTIALS);
    await this.verifyAssertion(data, co, 'discoverable', {});
    return this.logIn(user, ctx);
  }

  /** Ours: creation options for a signed-in account that has no passkey yet. */
  async addRequest(user: User, data: PyValue): Promise<Record<string, unknown>> {
    const m = this.dataSource.manager;
    if (await store.findOptionsByUser(m, user.id)) throw nonFieldError(HAS_PASSKEY);
    const username = loginName(user, this.settings.djoser);
    const given = await validateFields([['display_name', { required: false }]], data);
    const displayName = given.display_name ?? username;
    const ukey = store.randomToken(store.UKEY_LENGTH);
    const challenge = await store.issueChallenge(m, 'add', this.w.challengeTimeout, { userId: user.id, ukey, displayName });
    return registrationDict(this.w, challenge, { ukey, username, displayName });
  }

  /** Ours: the attestation for add_request/'s challenge becomes the account's CredentialOptions row. */
  async add(user: User, data: PyValue): Promise<{ credential_id: string }> {
    const username = loginName(user, this.settings.djoser);
    return this.dataSource
      .transaction(async (t) => {
        if (await store.findOptionsByUser(t, user.id)) throw nonFieldError(HAS_PASSKEY);
        const { credential, subject } = await this.verifyRegistrationWith(t, data, 'add', { userId: user.id });
        // The account owner wins over a signup_request/ for the same name that never finished.
        await t.query('DELETE FROM webauthn_credentialoptions WHERE username = $1 AND user_id IS NULL', [username]);
        await t.query(
          `INSERT INTO webauthn_credentialoptions (challenge, username, display_name, ukey, credential_id, sign_count, public_key, user_id)
           VALUES ('', $1, $2, $3, $4, $5, $6, $7)`,
          [username, subject.display_name ?? username, subject.ukey, credential.credentialId, credential.counter, credential.publicKey, user.id],
        );
        return { credential_id: credential.credentialId };
      })
      .catch((e: unknown) => {
        // a concurrent add/ for the same account, or the same authenticator on two accounts
        if (isUniqueViolation(e)) throw nonFieldError(HAS_PASSKEY);
        throw e;
      });
  }

  /** `WebauthnLoginSerializer.validate_username`: an active user with a CredentialOptions row. */
  private async passkeyUser(data: PyValue): Promise<{ user: User; co: store.CredentialOptionsRow }> {
    const field = this.settings.djoser.loginField;
    const attrs = await validateFields(loginFields(field), data);
    const m = this.dataSource.manager;
    const column = this.settings.userModel.custom ? propertyOf(field) : field === 'email' ? 'email' : 'username';
    const user = await m.findOneBy(User, { [column]: attrs[field] });
    const co = user ? await store.findOptionsByUser(m, user.id) : null;
    if (!user || !co || !user.isActive) throw new ValidationError({ [field]: [INVALID_CREDENTIALS] });
    return { user, co };
  }

  private async verifyRegistration(t: EntityManager, data: PyValue, ceremony: store.Ceremony, subject: { optionsId?: number; userId?: number }) {
    return (await this.verifyRegistrationWith(t, data, ceremony, subject)).credential;
  }

  /** The attestation, with its challenge consumed (single use) inside the caller's transaction. */
  private async verifyRegistrationWith(t: EntityManager, data: PyValue, ceremony: store.Ceremony, subject: { optionsId?: number; userId?: number }) {
    const response = registrationResponse(data);
    const challenge = response && signedChallenge(response.response.clientDataJSON);
    const consumed = challenge ? await store.consumeChallenge(t, challenge, ceremony, subject) : null;
    if (!response || !consumed) throw verificationFailed();
    let info;
    try {
      const result = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge!,
        expectedOrigin: this.w.origins,
        expectedRPID: this.w.rpId,
        requireUserVerification: false,
        supportedAlgorithmIDs: ALGORITHMS,
      });
      info = result.verified ? result.registrationInfo : null;
    } catch {
      info = null;
    }
    if (!info) throw verificationFailed();
    const credentialId = info.credential.id;
    // A credential already registered (to anyone) fails the ceremony (WebAuthn §7.1 step 22).
    if (await store.findOptionsByCredential(t, credentialId)) throw verificationFailed();
    const credential: Verified = { credentialId, publicKey: isoBase64URL.fromBuffer(info.credential.publicKey), counter: info.credential.counter };
    return { credential, subject: consumed };
  }

  /**
   * The assertion against the row's key; the challenge is consumed and the counter moved in
   * one transaction, the counter only from the value the check used (a concurrent replay loses).
   */
  private async verifyAssertion(data: PyValue, co: store.CredentialOptionsRow, ceremony: store.Ceremony, subject: { optionsId?: number }) {
    const response = authenticationResponse(data, co.credential_id);
    const challenge = response && signedChallenge(response.response.clientDataJSON);
    if (!response || !challenge) throw verificationFailed();
    const stored = co.sign_count ?? 0;
    await this.dataSource.transaction(async (t) => {
      if (!(await store.consumeChallenge(t, challenge, ceremony, subject))) throw verificationFailed();
      let newCounter: number | null = null;
      try {
        const result = await verifyAuthenticationResponse({
          response,
          expectedChallenge: challenge,
          expectedOrigin: this.w.origins,
          expectedRPID: this.w.rpId,
          credential: { id: co.credential_id, publicKey: isoBase64URL.toBuffer(co.public_key), counter: stored },
          requireUserVerification: false,
        });
        if (result.verified) newCounter = result.authenticationInfo.newCounter;
      } catch {
        newCounter = null;
      }
      if (newCounter === null) throw verificationFailed();
      const moved = (await t.query(
        `UPDATE webauthn_credentialoptions SET sign_count = $2, challenge = '' WHERE id = $1 AND COALESCE(sign_count, 0) = $3 RETURNING id`,
        [co.id, newCounter, stored],
      )) as [unknown[], number];
      if (moved[1] !== 1) throw verificationFailed();
    });
  }

  /** Djoser's `login_user`: the user's DRF token, `user_logged_in` (and `last_login`). */
  private async logIn(user: User, ctx: RequestContext): Promise<{ auth_token: string }> {
    const key = await this.drfTokens.getOrCreate(user.id);
    await this.auth.updateLastLogin(user);
    this.events.emit(USER_LOGGED_IN, { request: ctx, user } satisfies UserLoggedInEvent);
    return { auth_token: key };
  }
}
