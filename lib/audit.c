/* lib/audit.c: appending to the audit table (triggers in the schema refuse updates and deletes). */
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "log.h"

void audit_log(const char *realm, const char *actor, const char *addr, const char *action,
    int64_t order, const char *outcome, const char *detail)
{
	if (db_exec("INSERT INTO audit (at_ms, realm, actor, addr, action, order_id, outcome, detail)"
	    " VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), ?, ?)", "ittttitt", clock_now_ms(), realm,
	    actor ? actor : "", addr ? addr : "", action, order, outcome, detail) != 1)
		log_error("audit record lost: %s %s %s", realm, action, outcome);
}
