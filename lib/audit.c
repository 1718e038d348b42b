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

void audit_each(const char *q, int limit, void (*fn)(void *ctx, const struct audit_row *row),
    void *ctx)
{
	sqlite3_stmt *st = db_prepare("SELECT at_ms, realm, actor, addr, action, ifnull(order_id, ''),"
	    " outcome, ifnull(detail, '') FROM audit WHERE ?1 IS NULL OR actor = ?1 OR action = ?1"
	    " OR addr = ?1 OR CAST(order_id AS TEXT) = ?1 OR outcome = ?1 ORDER BY id DESC LIMIT ?2");
	struct audit_row row;

	if (!st || db_bindv(st, "ti", q && *q ? q : NULL, (int64_t)limit) != 0)
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
