/* lib/audit.c: appending to the audit table (triggers in the schema refuse updates and deletes). */
#include <stdlib.h>
#include <string.h>
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

/* The audit page: the newest records (a walk down the primary key), or those whose order
 * number, actor, action, address or outcome is q: each through its own index, newest
 * first and at most limit of each, then the newest limit of those. */
#define AUDIT_COLUMNS "SELECT at_ms, realm, actor, addr, action, ifnull(order_id, ''), outcome," \
	" ifnull(detail, '') FROM audit"
#define AUDIT_BY(col, p) "SELECT id FROM (SELECT id FROM audit WHERE " col " = " p " ORDER BY id DESC LIMIT ?2)"

void audit_each(const char *q, int limit, void (*fn)(void *ctx, const struct audit_row *row),
    void *ctx)
{
	sqlite3_stmt *st;
	struct audit_row row;
	int64_t order = 0;

	if (q && *q && strspn(q, "0123456789") == strlen(q) && strlen(q) <= 19)
		order = strtoll(q, NULL, 10);
	st = db_prepare(!q || !*q ? AUDIT_COLUMNS " WHERE ?1 IS NULL ORDER BY id DESC LIMIT ?2"
	    : order ? AUDIT_COLUMNS " WHERE id IN (" AUDIT_BY("order_id", "?3") " UNION ALL " AUDIT_BY("actor", "?1")
	    " UNION ALL " AUDIT_BY("addr", "?1") ") ORDER BY id DESC LIMIT ?2"
	    : AUDIT_COLUMNS " WHERE id IN (" AUDIT_BY("actor", "?1") " UNION ALL " AUDIT_BY("action", "?1")
	    " UNION ALL " AUDIT_BY("addr", "?1") " UNION ALL " AUDIT_BY("outcome", "?1") ") ORDER BY id DESC LIMIT ?2");
	if (!st || db_bindv(st, order ? "tii" : "ti", q && *q ? q : NULL, (int64_t)limit, order) != 0)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		row.at_ms = sqlite3_column_int64(st, 0);
		row.realm = (const char *)sqlite3_column_text(st, 1);
		row.actor = (const char *)sqlite3_column_text(st, 2);
		row.addr = (const char *)sqlite3_column_text(st, 3);
		row.action = (const char *)sqlite3_column_text(st, 4);
		row.order = (const char *)sqlite3_column_text(st, 5);
		row.outcome = (const char *)sqlite3_column_text(st, 6);
		row.detail = (const char *)sqlite3_column_text(st, 7);
		fn(ctx, &row);
	}
	sqlite3_reset(st);
}
