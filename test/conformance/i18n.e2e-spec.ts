import { I18N_CONFIG_NAMES } from './configs';
import { describeReplaySuite } from './support/replay-suite';

/**
 * The i18n configurations (scenarios/i18n.ts), recorded from each real stack with
 * REF_LOCALE_MIDDLEWARE=1 and with REF_LANGUAGE_CODE=<lang>, replayed in both profiles.
 */
describeReplaySuite('conformance with the Djoser reference: translated answers (LANGUAGE_CODE, LocaleMiddleware)', I18N_CONFIG_NAMES);
