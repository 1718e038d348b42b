/* lib/outbox.h: the typed outbox (SMS, e-mail with attachments): queued with the change, sent later, retried with back-off. */
#ifndef CERTDESK_OUTBOX_H
#define CERTDESK_OUTBOX_H
#include <stdint.h>

/* Queues an SMS in the caller's transaction. Returns the outbox id, or -1. */
int64_t outbox_sms(const char *mobile, const char *text);

/* Queues an e-mail in the caller's transaction. Returns the outbox id, or -1. */
int64_t outbox_mail(const char *to, const char *subject, const char *body);

/* Attaches a stored file (path under Data.Dir) to queued e-mail id. Returns 0 or -1. */
int outbox_attach(int64_t id, const char *path, const char *name, const char *ctype);

/* Sends up to max messages that are due, each claimed first so that concurrent runners
 * never send one twice; a failure is retried after 30 s, 1, 2, 4 ... minutes (at most an
 * hour apart). Returns the number sent. */
int outbox_run(int max);

/* Counts of queued (unsent) and sent messages, for certdesk-admin outbox. */
void outbox_counts(int64_t *queued, int64_t *sent);
#endif
