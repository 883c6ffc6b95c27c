import { ApiException } from '../drf/exceptions';
import { checkUserObjectPermission, CurrentUserOrAdmin, mayAccessUser } from './permissions';
import type { DrfRequest } from '../drf/request';

const alice = { id: 2, isStaff: false, isActive: true };
const staff = { id: 1, isStaff: true, isActive: true };

function statusOf(fn: () => void): number | 'allowed' {
  try {
    fn();
    return 'allowed';
  } catch (e) {
    return (e as ApiException).status;
  }
}

describe('CurrentUserOrAdmin', () => {
  it('needs an authenticated user', () => {
    expect(CurrentUserOrAdmin({ drf: { user: null, auth: null } } as DrfRequest)).toBe(false);
    expect(CurrentUserOrAdmin({ drf: { user: alice, auth: null } } as DrfRequest)).toBe(true);
  });

  it('lets staff and the user itself at the object', () => {
    expect(mayAccessUser(alice, 2)).toBe(true);
    expect(mayAccessUser(alice, 3)).toBe(false);
    expect(mayAccessUser(staff, 3)).toBe(true);
  });
});

// spec §2.1: HIDE_USERS answers 404 for retrieve/update of others, 403 for destroy.
describe('checkUserObjectPermission', () => {
  it.each([
    ['retrieve', true, 404],
    ['update', true, 404],
    ['partial_update', true, 404],
    ['destroy', true, 403],
    ['retrieve', false, 403],
    ['update', false, 403],
    ['destroy', false, 403],
  ] as const)('%s of another user with HIDE_USERS=%s → %i', (action, hide, status) => {
    expect(statusOf(() => checkUserObjectPermission(alice, 3, action, hide))).toBe(status);
  });

  it('allows own object and staff', () => {
    expect(statusOf(() => checkUserObjectPermission(alice, 2, 'destroy', true))).toBe('allowed');
    expect(statusOf(() => checkUserObjectPermission(staff, 3, 'retrieve', true))).toBe('allowed');
  });
});
