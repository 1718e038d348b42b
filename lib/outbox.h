/* lib/outbox.h: the typed outbox (SMS, e-mail with attachments): queued with the change, sent later by the sender (lib/sender.c) or cron, retried with back-off. */
#ifndef CERTDESK_OUTBOX_H
#define CERTDESK_OUTBOX_H
#include <stdint.h>

/* The kinds of message (the schema's CHECK), in the order outbox_run serves them;
 * NULL-terminated. */
#define OUTBOX_KINDS 2
extern const char *const outbox_kinds[OUTBOX_KINDS + 1];

/* Queues an SMS in the caller's transaction. Returns the outbox id, or -1. */
int64_t outbox_sms(const char *mobile, const char *text);

/* Queues an e-mail in the caller's transaction. Returns the outbox id, or -1. */
int64_t outbox_mail(const char *to, const char *subject, const char *body);

/* Attaches a stored file (path under Data.Dir) to queued e-mail id. Returns 0 or -1. */
int outbox_attach(int64_t id, const char *path, const char *name, const char *ctype);

/* Sends up to max messages of kind ("sms" or "mail") that are due, oldest first, each
 * claimed first so that concurrent runners never send one twice; stops at the first
 * failure (the gateway is then likely down: the rest wait rather than each spending a
 * timeout) and sets *failed, else clears it. A failed message is retried after 30 s, 1, 2,
 * 4 ... minutes (at most an hour apart); a runner killed mid-send leaves its claim, which
 * lapses after two minutes, so nothing is lost. Returns the number sent. */
int outbox_send_due(const char *kind, int max, int *failed);

/* Sends up to max due messages of every kind as outbox_send_due does, each kind stopping
 * at its first failure (certdesk-admin outbox, run from cron). Returns the number sent. */
int outbox_run(int max);

/* The earliest due time (ms) of the unsent messages of kind, claimed ones included;
 * INT64_MAX when none waits. Served by an index. */
int64_t outbox_next_due(const char *kind);

/* Tells the sender (sender_wake) about each kind queued by this process since the last
 * call; programs call it after their answer has gone. Never blocks; does nothing when
 * nothing was queued. */
void outbox_wake(void);

/* Counts of queued (unsent) and sent messages, for certdesk-admin outbox. */
void outbox_counts(int64_t *queued, int64_t *sent);
#endif
