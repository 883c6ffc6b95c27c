import Handlebars from 'handlebars';
import { parseSettings } from '../../config/settings';
import type { DjoserEmailRequest, MailUser } from '../mail.types';
import { buildMailContext } from './mail-context';

/**
 * A described model's user in the mail context (issue 19). Expected values printed by Django 3.2
 * and 5.2 from djoser-ref's custom User (REF_USER_MODEL=custom, refproject/accounts/models.py):
 * `Template("[{{ user }}][{{ user.username }}]...").render(Context({"user": u}))` and
 * `"{user.first_name}/...".format(user=u)` for
 * `User(id=5000000000, email="Ann@example.com", first_name="Ann", last_name="", phone="+1 555", is_active=False)`.
 */
const ann: MailUser = {
  id: 5_000_000_000,
  username: 'Ann@example.com',
  email: 'Ann@example.com',
  firstName: 'Ann',
  lastName: '',
  fields: { is_superuser: false, email: 'Ann@example.com', first_name: 'Ann', last_name: '', phone: '+1 555', is_staff: false, is_active: false },
};

const request = (user: MailUser): DjoserEmailRequest => ({
  kind: 'activation',
  to: user.email,
  user,
  uid: 'NTAwMDAwMDAwMA',
  token: 't0k',
  request: { host: 'api.local', secure: false },
});

describe('mail context of a described user model', () => {
  it('the template sees user.<field> of the model, no username, no get_full_name (AbstractBaseUser)', () => {
    const context = buildMailContext(parseSettings({ SECRET_KEY: 'unit-test-secret' }), request(ann));
    const template = Handlebars.compile(
      '[{{user}}][{{user.username}}][{{user.get_username}}][{{user.first_name}}][{{user.phone}}][{{user.is_staff}}][{{user.is_active}}][{{user.get_full_name}}][{{user.pk}}]',
    );
    expect(template(context)).toBe('[Ann@example.com][][Ann@example.com][Ann][+1 555][False][False][][5000000000]');
  });

  it('str.format in the *_URL setting reads the same attributes; {user.username} is an AttributeError as in Python', () => {
    const settings = (url: string) => parseSettings({ SECRET_KEY: 'unit-test-secret', DJOSER_ACTIVATION_URL: url });
    expect(buildMailContext(settings('{user.first_name}/{user.phone}/{user.pk}/{user.is_active}/{user}/{uid}'), request(ann)).url).toBe(
      'Ann/+1 555/5000000000/False/Ann@example.com/NTAwMDAwMDAwMA',
    );
    expect(() => buildMailContext(settings('{user.username}'), request(ann))).toThrow("AttributeError: 'User' object has no attribute 'username'");
  });

  it("Django's stock User keeps its context (username, get_full_name)", () => {
    const bob: MailUser = { id: 7, username: 'bob', email: 'bob@example.com', firstName: 'Bob', lastName: 'Smith' };
    const context = buildMailContext(parseSettings({ SECRET_KEY: 'unit-test-secret' }), request(bob));
    expect(Handlebars.compile('[{{user}}][{{user.username}}][{{user.get_full_name}}]')(context)).toBe('[bob][bob][Bob Smith]');
  });
});
