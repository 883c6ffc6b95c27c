import type { DjoserEmailKind, MailUser } from '../../src/mail/mail.types';

/**
 * The six e-mails as the reference server (../shared/djoser-ref, Djoser 2.1) wrote
 * them to its mail folder, started with REF_DOMAIN=shop.example.com:8443 and a site
 * name full of characters Django escapes; sent to alice (id 2, uid "Mg", registered
 * after the seeded admin): register, activate, reset_password, reset_username,
 * reset_password_confirm, set_username.
 */
export interface ReferenceMail {
  subject: string;
  text: string;
  html: string;
}

export const REFERENCE_USER: MailUser = { id: 2, username: 'alice', email: 'alice@example.com', firstName: '', lastName: '' };
export const REFERENCE_UID = 'Mg';
export const REFERENCE_FROM = 'webmaster@localhost';

/** The reference's settings, as our variables. */
export const REFERENCE_ENV = {
  DOMAIN: 'shop.example.com:8443',
  SITE_NAME: `Tom's <Shop> & "Co"`,
  DJOSER_ACTIVATION_URL: 'activate/{uid}/{token}',
  DJOSER_PASSWORD_RESET_CONFIRM_URL: 'password/reset/confirm/{uid}/{token}',
  DJOSER_USERNAME_RESET_CONFIRM_URL: 'username/reset/confirm/{uid}/{token}',
};

export const REFERENCE: Record<DjoserEmailKind, { token?: string; mail: ReferenceMail }> = {
  activation: {
    token: "dig9uy-fc1b94512c3fb2fe1698f7dac6be1645",
    mail: {
      subject: "Account activation on Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;",
      text: "You're receiving this email because you need to finish activation process on Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;.\n\nPlease go to the following page to activate account:\nhttp://shop.example.com:8443/activate/Mg/dig9uy-fc1b94512c3fb2fe1698f7dac6be1645\n\nThanks for using our site!\n\nThe Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team",
      html: "<p>You're receiving this email because you need to finish activation process on Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;.</p>\n\n<p>Please go to the following page to activate account:</p>\n<p><a href=\"http://shop.example.com:8443/activate/Mg/dig9uy-fc1b94512c3fb2fe1698f7dac6be1645\">http://shop.example.com:8443/activate/Mg/dig9uy-fc1b94512c3fb2fe1698f7dac6be1645</a></p>\n\n<p>Thanks for using our site!</p>\n\n<p>The Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team</p>",
    },
  },
  confirmation: {
    mail: {
      subject: "Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; - Your account has been successfully created and activated!",
      text: "Your account has been created and is ready to use!\n\nThanks for using our site!\n\nThe Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team",
      html: "<p>Your account has been created and is ready to use!</p>\n\n<p>Thanks for using our site!</p>\n\n<p>The Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team</p>",
    },
  },
  password_reset: {
    token: "dig9v4-d594caa75dd30ae63b9a6265645df14b",
    mail: {
      subject: "Password reset on Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;",
      text: "You're receiving this email because you requested a password reset for your user account at Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;.\n\nPlease go to the following page and choose a new password:\nhttp://shop.example.com:8443/password/reset/confirm/Mg/dig9v4-d594caa75dd30ae63b9a6265645df14b\nYour username, in case you've forgotten: alice\n\nThanks for using our site!\n\nThe Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team",
      html: "<p>You're receiving this email because you requested a password reset for your user account at Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;.</p>\n\n<p>Please go to the following page and choose a new password:</p>\n<a href=\"http://shop.example.com:8443/password/reset/confirm/Mg/dig9v4-d594caa75dd30ae63b9a6265645df14b\">http://shop.example.com:8443/password/reset/confirm/Mg/dig9v4-d594caa75dd30ae63b9a6265645df14b</a>\n<p>Your username, in case you've forgotten: <b>alice</b></p>\n\n<p>Thanks for using our site!</p>\n\n<p>The Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team</p>",
    },
  },
  username_reset: {
    token: "dig9v5-57facd4c416b27984b7d725f09fef31a",
    mail: {
      subject: "Username reset on Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;",
      text: "You're receiving this email because you requested a username reset for your user account at Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;.\n\nPlease go to the following page and choose a new username:\nhttp://shop.example.com:8443/username/reset/confirm/Mg/dig9v5-57facd4c416b27984b7d725f09fef31a\nYour username, in case you've forgotten: alice\n\nThanks for using our site!\n\nThe Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team",
      html: "<p>You're receiving this email because you requested a username reset for your user account at Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot;.</p>\n\n<p>Please go to the following page and choose a new username:</p>\n<a href=\"http://shop.example.com:8443/username/reset/confirm/Mg/dig9v5-57facd4c416b27984b7d725f09fef31a\">http://shop.example.com:8443/username/reset/confirm/Mg/dig9v5-57facd4c416b27984b7d725f09fef31a</a>\n<p>Your username, in case you've forgotten: <b>alice</b></p>\n\n<p>Thanks for using our site!</p>\n\n<p>The Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team</p>",
    },
  },
  password_changed_confirmation: {
    mail: {
      subject: "Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; - Your password has been successfully changed!",
      text: "Your password has been changed!\n\nThanks for using our site!\n\nThe Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team",
      html: "<p>Your password has been changed!</p>\n\n<p>Thanks for using our site!</p>\n\n<p>The Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team</p>",
    },
  },
  username_changed_confirmation: {
    mail: {
      subject: "Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; - Your username has been successfully changed!",
      text: "Your username has been changed!\n\nThanks for using our site!\n\nThe Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team",
      html: "<p>Your username has been changed!</p>\n\n<p>Thanks for using our site!</p>\n\n<p>The Tom&#x27;s &lt;Shop&gt; &amp; &quot;Co&quot; team</p>",
    },
  },
};
