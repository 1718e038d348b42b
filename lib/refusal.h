/* lib/refusal.h: requests refused to clients that are not signed in, counted per client address, hour, action and reason instead of stored one row each (SECURITY.md 27). */
#ifndef CERTDESK_REFUSAL_H
#define CERTDESK_REFUSAL_H
#include <stdint.h>

/* How many refusals of one address, hour, action and reason keep their detail (an audit
 * row, an unverifiable notification's body); the rest are only counted. */
#define REFUSAL_SAMPLES 3

/* Counts one refusal of action (e.g. "login", "alipay_notify") for reason from addr in the
 * current hour, in the caller's transaction when one is open. Returns 1 when it is among
 * the first REFUSAL_SAMPLES of that address, hour, action and reason (the caller then keeps
 * its detail), 0 when it is only counted; 1 too when the count cannot be stored (logged),
 * so that nothing is silently dropped. */
int refusal_note(const char *addr, const char *action, const char *reason);

/* Counts a refused sign-in or request of an anonymous client (refusal_note, the reason
 * being "outcome" or "outcome: detail") and appends its audit record (audit_log with these
 * arguments) only when it is among the first REFUSAL_SAMPLES of its address, hour, action
 * and reason: repeated refusals grow a count, not the audit log. */
void refusal_audit(const char *realm, const char *actor, const char *addr, const char *action,
    const char *outcome, const char *detail);

/* One count as read back (strings valid during the callback only). */
struct refusal_row {
	int64_t hour_ms, count, last_ms;
	const char *addr, *action, *reason;
};

/* Calls fn for the newest counts, newest hour first, at most limit; with addr (when not
 * NULL or empty), only that address's. Served by the primary key or refusals_addr. */
void refusal_each(const char *addr, int limit, void (*fn)(void *ctx, const struct refusal_row *row),
    void *ctx);
#endif
