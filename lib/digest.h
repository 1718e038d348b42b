/* lib/digest.h: the daily digest for staff (SPEC §8, §10): each member with an e-mail address is told, in Chinese, how many orders wait in their role's queues, with the link to each. */
#ifndef CERTDESK_DIGEST_H
#define CERTDESK_DIGEST_H
#include <stddef.h>
#include <stdint.h>

/* Writes the digest of a staff member (login, role mask of lib/role.h, staff id) into subject
 * and body (plain text, one line per queue of the role with its count — past 1000 shown
 * as 1000+ — and the link Site.BaseURL/cgi-bin/admin.fcgi?... to it): reviewers see the
 * orders pending review and those of them they have claimed; finance the transfer claims
 * to confirm, the money to refund and the invoices to issue; producers the orders to
 * produce and ship or make ready, those shipped and those ready for pickup; admins all of
 * them. Returns the number waiting in all (0: nothing to tell), or -1 when the database
 * failed or the text does not fit. */
int digest_compose(const char *login, int roles, int64_t staff, char *subject, size_t ssize,
    char *body, size_t bsize);

/* certdesk-admin digest, run daily: queues (lib/outbox.c, sent by lib/mail.c) the digest of
 * every enabled staff member with an e-mail address whose queues are not all empty. Calls
 * fn (may be NULL) with the login, the address and the number waiting for each one queued.
 * Returns how many were queued, or -1 when one could not be (the others are still
 * queued). */
int digest_run(void (*fn)(void *ctx, const char *login, const char *email, int waiting), void *ctx);
#endif
