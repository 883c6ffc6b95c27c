import { STOCK_CONFIG_NAMES } from './configs';
import { describeReplaySuite } from './support/replay-suite';

/**
 * The drop-in claim, measured in both profiles: every exchange recorded from each real
 * Djoser stack (`npm run conformance:record`, fixtures/<stack>/) replayed against our
 * server on PostgreSQL started with `COMPAT_STACK=<stack>`. A difference passes only if
 * COMPAT.md documents it with our exact answer.
 */
describeReplaySuite('conformance with the Djoser reference', STOCK_CONFIG_NAMES);
