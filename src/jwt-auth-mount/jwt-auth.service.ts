import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Fernet } from 'fernet-nodejs';
import { DataSource, EntityManager } from 'typeorm';
import { SETTINGS } from '../config/config.module';
import type { Settings } from '../config/settings';
import { DjangoAuthenticate } from '../auth/credentials/django-authenticate.service';
import type { RequestContext } from '../drf/request';
import { isValidDjangoEmail } from '../drf/parsing/email-validator';
import { MailService } from '../mail/mail.service';
import { emailTakenIgnoringCase, findUserById, findUsersByEmail, insertModelUser, insertUser, lockEmail, modelValueTaken, usernameTaken } from '../users/db/user-queries';
import { fieldValue } from '../users/model/user-entity';
import { modelField, parseUuid } from '../users/model/user-model';
import { mailUserContext } from '../users/mail-user-context';
import type { PasswordUserAttributes } from '../users/passwords/password-validators';
import { isUniqueViolation } from '../users/db/unique-violation';
import { PasswordHasher } from '../users/passwords/password-hasher';
import { validatePassword } from '../users/passwords/password-validators';
import { normalizeEmail, normalizeUsername } from '../users/user-normalization';
import { User } from '../users/user.entity';
import { JWT_AUTH_MESSAGES as M, jwtAuthError, jwtAuthUser, pythonLocalTime } from './jwt-auth-answers';
import { JwtAuthTokens } from './jwt-auth-tokens';

export type JsonObject = Record<string, unknown>;
const str = (v: unknown): v is string => typeof v === 'string' && v !== '';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** django_rest_jwt_auth's six views on our user table (same accounts as /auth/...). */
@Injectable()
export class JwtAuthService {
  private readonly tokens: JwtAuthTokens;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly dataSource: DataSource,
    private readonly auth: DjangoAuthenticate,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailService,
  ) {
    this.tokens = new JwtAuthTokens(settings.jwtAuthMount, settings.userModel.pk.type === 'uuid');
  }

  async signin(ctx: RequestContext, data: JsonObject) {
    if (!str(data.username) || !str(data.password)) throw jwtAuthError(400, M.signinRequired);
    const user = await this.auth.authenticate(ctx, data.username, data.password);
    if (!user) throw jwtAuthError(404, M.userNotFound);
    return { token: this.tokens.sign(user.id), status: 200 };
  }

  async signup(data: JsonObject) {
    if (!str(data.email) || !str(data.password)) throw jwtAuthError(400, M.signupRequired);
    if (!isValidDjangoEmail(data.email)) throw jwtAuthError(400, M.invalidEmail);
    if (this.settings.userModel.custom) return this.signupModelUser(data.email, data.password, data);
    const email = normalizeEmail(data.email);
    // 'username' wins over email_as_name, as the package's message says.
    const username = str(data.username) ? normalizeUsername(data.username) : data.email_as_name === true ? email : null;
    if (username === null || username.length > 150) throw jwtAuthError(400, M.signupName);
    const problems = validatePassword(data.password, { username, email });
    if (problems.length) throw jwtAuthError(400, problems.join(' '));
    const password = await this.hasher.hash(data.password);
    const user = await this.dataSource
      .transaction(async (m) => {
        await lockEmail(m, email);
        if (await usernameTaken(m, username)) throw jwtAuthError(400, M.usernameTaken);
        if (await emailTakenIgnoringCase(m, email)) throw jwtAuthError(400, M.emailTaken);
        return insertUser(m, {
          username,
          email,
          password,
          firstName: '',
          lastName: '',
          isActive: true,
        });
      })
      .catch((e: unknown) => {
        // A concurrent signup won the username's unique constraint.
        if (isUniqueViolation(e)) throw jwtAuthError(400, M.usernameTaken);
        throw e;
      });
    return { user: jwtAuthUser(user), status: 201 };
  }

  /**
   * signup on a described model: the e-mail goes to EMAIL_FIELD; `username` (or the e-mail with
   * `email_as_name`) to USERNAME_FIELD, unless that is the e-mail field (then no name is asked
   * for); other REQUIRED_FIELDS get the model defaults, as `create_user` gives them.
   */
  private async signupModelUser(rawEmail: string, rawPassword: string, data: JsonObject) {
    const model = this.settings.userModel;
    const email = normalizeEmail(rawEmail);
    const given: Record<string, string> = { [model.emailField]: email };
    const login = modelField(model, model.usernameField)!;
    if (model.usernameField !== model.emailField) {
      const name = str(data.username) ? normalizeUsername(data.username) : data.email_as_name === true ? email : null;
      if (name === null || (login.maxLength !== null && name.length > login.maxLength)) throw jwtAuthError(400, M.signupName);
      given[login.name] = name;
    }
    const problems = validatePassword(rawPassword, this.similarity(given));
    if (problems.length) throw jwtAuthError(400, problems.join(' '));
    const password = await this.hasher.hash(rawPassword);
    const emailField = modelField(model, model.emailField)!;
    const user = await this.dataSource
      .transaction(async (m) => {
        await lockEmail(m, email);
        if (login.name !== emailField.name && (await modelValueTaken(m, model, login, given[login.name]))) throw jwtAuthError(400, M.usernameTaken);
        const sameEmail: unknown[] = await m.query(`SELECT 1 FROM "${model.table}" WHERE UPPER("${emailField.column}") = UPPER($1) LIMIT 1`, [email]);
        if (sameEmail.length) throw jwtAuthError(400, M.emailTaken);
        return insertModelUser(m, model, given, password, true);
      })
      .catch((e: unknown) => {
        if (isUniqueViolation(e)) throw jwtAuthError(400, login.name === emailField.name ? M.emailTaken : M.usernameTaken);
        throw e;
      });
    return { user: jwtAuthUser(user, model), status: 201 };
  }

  /** UserAttributeSimilarityValidator's attributes: the stock names the model has. */
  private similarity(values: Record<string, unknown>): PasswordUserAttributes {
    const names = ['username', 'first_name', 'last_name', 'email'].filter((n) => modelField(this.settings.userModel, n));
    return Object.fromEntries(names.map((n) => [n, String(values[n] ?? '')]));
  }

  /** Expired tokens are refreshed (the package skips the check), up to JWT_REFRESH_MAX_AGE after their expiry. */
  async refresh(authorization: string | undefined) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) throw jwtAuthError(400, M.noAuthorization);
    const decoded = this.tokens.decode(token);
    if (!decoded.ok) throw jwtAuthError(400, M.invalidToken);
    if (decoded.claims.exp + this.settings.jwtAuthMount.refreshMaxAgeMinutes * 60 <= Date.now() / 1000) throw jwtAuthError(400, M.tokenExpired);
    const user = await this.activeUser(decoded.claims.userid);
    return { token: this.tokens.sign(user.id), status: 200 };
  }

  validation(data: JsonObject) {
    if (!str(data.token)) throw jwtAuthError(400, M.incorrectFields);
    const decoded = this.tokens.decode(data.token);
    if (!decoded.ok) throw jwtAuthError(401, M.invalidToken);
    // The package answers an expired token with its error body and HTTP 200.
    if (decoded.expired) throw jwtAuthError(200, M.tokenExpired);
    return {
      message: `Token will expire ${pythonLocalTime(decoded.claims.exp)}`,
      status: 200,
    };
  }

  async getUser(data: JsonObject) {
    if (!str(data.token)) throw jwtAuthError(400, M.noAuthorization);
    const decoded = this.tokens.decode(data.token);
    if (!decoded.ok) throw jwtAuthError(400, M.invalidToken);
    if (decoded.expired) throw jwtAuthError(400, M.tokenExpired);
    return {
      user: jwtAuthUser(await this.activeUser(decoded.claims.userid), this.settings.userModel),
      status: 200,
    };
  }

  /** `{"email"}` mails a link; `{"token", "new_password"}` uses it. */
  restore(ctx: RequestContext, data: JsonObject) {
    if (data.token !== undefined || data.new_password !== undefined) return this.restoreConfirm(data);
    return this.restoreRequest(ctx, data);
  }

  /** Every address gets the same answer (the package's 400 for unknown ones reveals accounts: COMPAT.md). */
  private async restoreRequest(ctx: RequestContext, data: JsonObject) {
    if (!str(data.email)) throw jwtAuthError(400, M.incorrectFields);
    const email = data.email;
    await this.dataSource.transaction(async (m) => {
      const [user] = await findUsersByEmail(m, email, true, true);
      if (user) await this.sendRestore(ctx, user, m);
    });
    return { message: M.emailSent, status: 200 };
  }

  private async sendRestore(ctx: RequestContext, user: User, m: EntityManager): Promise<void> {
    const s = this.settings.jwtAuthMount;
    const exp = Math.floor(Date.now() / 1000) + s.emailTokenExpMinutes * 60;
    const token = Fernet.encrypt(JSON.stringify({ userid: String(user.id), exp }), s.encryptKey);
    // One working link per user: a new request replaces the previous one.
    await m.query(
      `INSERT INTO jwt_auth_restoring_token (user_id, token_sha256) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, created_at = now()`,
      [user.id, sha256(token)],
    );
    const url = `${s.pathToRestore}${s.pathToRestore.includes('?') ? '&' : '?'}restoring=${encodeURIComponent(token)}`;
    await this.mail.enqueue(
      {
        kind: 'jwt_auth_restore',
        to: user.email,
        user: mailUserContext(user, this.settings),
        url,
        request: { host: ctx.host, secure: ctx.secure },
      },
      m,
    );
  }

  private async restoreConfirm(data: JsonObject) {
    if (!str(data.token) || !str(data.new_password)) throw jwtAuthError(400, M.incorrectFields);
    let payload: { userid?: unknown; exp?: unknown };
    try {
      payload = JSON.parse(Fernet.decrypt(data.token, this.settings.jwtAuthMount.encryptKey)) as typeof payload;
    } catch {
      throw jwtAuthError(400, M.invalidToken);
    }
    if (typeof payload.userid !== 'string' || this.userPk(payload.userid) === null || typeof payload.exp !== 'number') throw jwtAuthError(400, M.invalidToken);
    if (payload.exp <= Date.now() / 1000) throw jwtAuthError(400, M.tokenExpired);
    const newPassword = data.new_password;
    const token = data.token;
    await this.dataSource.transaction(async (m) => {
      const user = await findUserById(m, this.userPk(payload.userid as string)!, true);
      // The link works once: its row is deleted with the password change.
      const used: unknown[] = user
        ? await m.query(`WITH d AS (DELETE FROM jwt_auth_restoring_token WHERE user_id = $1 AND token_sha256 = $2 RETURNING user_id) SELECT user_id FROM d`, [
            user.id,
            sha256(token),
          ])
        : [];
      if (!user || used.length === 0) throw jwtAuthError(404, M.userNotFound);
      const problems = validatePassword(
        newPassword,
        this.settings.userModel.custom
          ? this.similarity(Object.fromEntries(this.settings.userModel.fields.map((f) => [f.name, fieldValue(user, f.name)])))
          : { username: user.username, email: user.email, first_name: user.firstName, last_name: user.lastName },
      );
      if (problems.length) throw jwtAuthError(400, problems.join(' '));
      await m.getRepository(User).update({ id: user.id }, { password: await this.hasher.hash(newPassword) });
    });
    return { message: M.passwordChanged, status: 200 };
  }

  /** The pk a token's `userid` names: digits, or a described model's uuid. */
  private userPk(userid: string): number | null {
    if (this.settings.userModel.pk.type === 'uuid') return parseUuid(userid) as unknown as number | null;
    return /^\d+$/.test(userid) && Number.isSafeInteger(Number(userid)) ? Number(userid) : null;
  }

  private async activeUser(userid: string): Promise<User> {
    const pk = typeof userid === 'string' ? this.userPk(userid) : null;
    const user = pk === null ? null : await findUserById(this.dataSource.manager, pk);
    if (!user || !user.isActive) throw jwtAuthError(404, M.userNotFound);
    return user;
  }
}
