/**
 * What happens to an e-mail, as EventEmitter2 events (the metrics listen; an
 * application can too): queued once its transaction committed, sent, an attempt
 * failed (retry later), or given up (marked failed).
 */
export const MAIL_EVENTS = {
  queued: 'mail.queued',
  sent: 'mail.sent',
  failed: 'mail.failed',
  gaveUp: 'mail.gave_up',
} as const;

export interface MailEvent {
  kind: string;
}
