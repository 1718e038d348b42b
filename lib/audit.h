/* lib/audit.h: the append-only audit log (who, when, from where, what, which order, outcome). */
#ifndef CERTDESK_AUDIT_H
#define CERTDESK_AUDIT_H
#include <stdint.h>

/* Appends one record. realm is "user", "staff" or "system"; actor the account (user id,
 * staff login, or a tool name); order 0 when none; detail optional (never ID numbers or
 * secrets). Failures are logged, never fatal. */
void audit_log(const char *realm, const char *actor, const char *addr, const char *action,
    int64_t order, const char *outcome, const char *detail);
/* One audit record as read back (strings valid during the callback only). */
struct audit_row {
	int64_t at_ms;
	const char *realm, *actor, *addr, *action, *order, *outcome, *detail;
};

/* Calls fn for the newest records, at most limit, newest first; with q, only those whose
 * actor, action, address, order number or outcome equals q. */
void audit_each(const char *q, int limit, void (*fn)(void *ctx, const struct audit_row *row),
    void *ctx);
#endif
