/* lib/refusal.c: hourly counts of the refusals of anonymous clients (the refusals table), deciding which of them keep their detail. */
#include <stdio.h>
#include "refusal.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "log.h"

#define HOUR_MS (3600 * 1000LL)

int refusal_note(const char *addr, const char *action, const char *reason)
{
	int64_t now = clock_now_ms(), hour = now - now % HOUR_MS, count;

	if (!addr)
		addr = "";
	if (db_exec("INSERT INTO refusals (hour_ms, addr, action, reason, count, last_ms) VALUES (?, ?, ?, ?, 1, ?)"
	    " ON CONFLICT (hour_ms, addr, action, reason) DO UPDATE SET count = count + 1, last_ms = excluded.last_ms",
	    "ittti", hour, addr, action, reason, now) != 1) {
		log_error("refusal not counted: %s %s %s", addr, action, reason);
		return 1;
	}
	count = db_int("SELECT count FROM refusals WHERE hour_ms = ? AND addr = ? AND action = ? AND reason = ?",
	    1, "ittt", hour, addr, action, reason);
	return count <= REFUSAL_SAMPLES;
}

void refusal_audit(const char *realm, const char *actor, const char *addr, const char *action,
    const char *outcome, const char *detail)
{
	char reason[96];

	if (detail)
		snprintf(reason, sizeof(reason), "%s: %s", outcome, detail);
	else
		snprintf(reason, sizeof(reason), "%s", outcome);
	if (refusal_note(addr, action, reason))
		audit_log(realm, actor, addr, action, 0, outcome, detail);
}

void refusal_each(const char *addr, int limit, void (*fn)(void *ctx, const struct refusal_row *row),
    void *ctx)
{
	struct refusal_row row;
	sqlite3_stmt *st = db_prepare(addr && *addr
	    ? "SELECT hour_ms, addr, action, reason, count, last_ms FROM refusals WHERE addr = ?1"
	      " ORDER BY hour_ms DESC LIMIT ?2"
	    : "SELECT hour_ms, addr, action, reason, count, last_ms FROM refusals WHERE ?1 IS NULL"
	      " ORDER BY hour_ms DESC LIMIT ?2");

	if (!st || db_bindv(st, "ti", addr && *addr ? addr : NULL, (int64_t)limit) != 0)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		row.hour_ms = sqlite3_column_int64(st, 0);
		row.addr = (const char *)sqlite3_column_text(st, 1);
		row.action = (const char *)sqlite3_column_text(st, 2);
		row.reason = (const char *)sqlite3_column_text(st, 3);
		row.count = sqlite3_column_int64(st, 4);
		row.last_ms = sqlite3_column_int64(st, 5);
		fn(ctx, &row);
	}
	sqlite3_reset(st);
}
