import type { ConfigName } from '../configs';
import type { Scenario } from '../types';
import { ACTIVATION_SCENARIOS } from './activation';
import { AUTH_SCENARIOS } from './auth-headers';
import { CUSTOM_USER_SCENARIOS } from './custom-user';
import { I18N_SCENARIOS } from './i18n';
import { JWT_SCENARIOS } from './jwt';
import { METHOD_SCENARIOS } from './methods';
import { PASSWORD_SCENARIOS } from './password';
import { REGISTER_SCENARIOS } from './register';
import { TOKEN_SCENARIOS } from './token';
import { USERNAME_SCENARIOS } from './username';
import { USERS_SCENARIOS } from './users';
import { WIRE_SCENARIOS } from './wire';

/** Every scenario, in recording order. Names are unique (they name fixture files). */
export const SCENARIOS: Scenario[] = [
  ...WIRE_SCENARIOS,
  ...METHOD_SCENARIOS,
  ...AUTH_SCENARIOS,
  ...REGISTER_SCENARIOS,
  ...ACTIVATION_SCENARIOS,
  ...USERS_SCENARIOS,
  ...PASSWORD_SCENARIOS,
  ...USERNAME_SCENARIOS,
  ...TOKEN_SCENARIOS,
  ...JWT_SCENARIOS,
  ...CUSTOM_USER_SCENARIOS,
  ...I18N_SCENARIOS,
];

export function scenariosFor(config: ConfigName | string): Scenario[] {
  return SCENARIOS.filter((s) => (s.configs as string[]).includes(config));
}

export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
