/* lib/session.c: session rows keyed by the SHA-256 of a 256-bit token, with idle and absolute timeouts. */
#include <string.h>
#include "session.h"
#include "cfg.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"

static const char *realm_name(enum realm realm)
{
	return realm == REALM_STAFF ? "staff" : "user";
}

int64_t sess_idle_ms(enum realm realm)
{
	if (realm == REALM_STAFF)
		return cfg_int("Staff.IdleMinutes", 15, 1, 15) * 60000LL;
	return cfg_int("Session.IdleMinutes", 30, 1, 30) * 60000LL;
}

int64_t sess_max_ms(enum realm realm)
{
	if (realm == REALM_STAFF)
		return cfg_int("Staff.MaxHours", 8, 1, 8) * 3600000LL;
	return cfg_int("Session.MaxHours", 12, 1, 12) * 3600000LL;
}

int sess_create(enum realm realm, int64_t subject, int pending, const char *addr,
    const char *agent, char tok[44], struct sess *out)
{
	char hash[65];
	int64_t now = clock_now_ms();

	if (crypto_token(tok) != 0)
		return -1;
	crypto_sha256_hex(tok, strlen(tok), hash);
	if (db_exec("INSERT INTO sessions (token_hash, realm, subject_id, pending, created_ms,"
	    " seen_ms, addr, agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "ttiiiitt", hash,
	    realm_name(realm), subject, (int64_t)(pending ? 1 : 0), now, now, addr, agent) != 1)
		return -1;
	memset(out, 0, sizeof(*out));
	out->row = sqlite3_last_insert_rowid(db_handle());
	out->realm = realm;
	out->subject = subject;
	out->pending = pending ? 1 : 0;
	out->created_ms = out->seen_ms = now;
	return 0;
}

/* How stale seen_ms may get before a request writes it again: a minute's imprecision in
 * an idle timeout of many minutes, instead of a database write (an fsync, and every other
 * process's page cache dropped) for almost every signed-in request. */
#define SESS_TOUCH_MS 60000

int sess_lookup(enum realm realm, const char *tok, struct sess *out)
{
	sqlite3_stmt *st;
	char hash[65];
	int64_t now = clock_now_ms();
	int found = 0;

	if (!tok || strlen(tok) != 43)
		return 0;
	crypto_sha256_hex(tok, 43, hash);
	st = db_prepare("SELECT id, subject_id, pending, created_ms, seen_ms FROM sessions"
	    " WHERE token_hash = ? AND realm = ?");
	if (!st || db_bindv(st, "tt", hash, realm_name(realm)) != 0)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		memset(out, 0, sizeof(*out));
		out->row = sqlite3_column_int64(st, 0);
		out->realm = realm;
		out->subject = sqlite3_column_int64(st, 1);
		out->pending = sqlite3_column_int(st, 2);
		out->created_ms = sqlite3_column_int64(st, 3);
		out->seen_ms = sqlite3_column_int64(st, 4);
		found = 1;
	}
	sqlite3_reset(st);
	if (!found)
		return 0;
	if (now - out->seen_ms > sess_idle_ms(realm) || now - out->created_ms > sess_max_ms(realm)
	    || now < out->created_ms - 60000) {
		sess_delete(out->row);
		return 0;
	}
	if (now - out->seen_ms >= SESS_TOUCH_MS) {
		db_exec("UPDATE sessions SET seen_ms = ? WHERE id = ?", "ii", now, out->row);
		out->seen_ms = now;
	}
	return 1;
}

int sess_complete(int64_t row)
{
	return db_exec("UPDATE sessions SET pending = 0 WHERE id = ? AND pending = 1", "i", row) == 1
	    ? 0 : -1;
}

void sess_delete(int64_t row)
{
	db_exec("DELETE FROM sessions WHERE id = ?", "i", row);
}

void sess_delete_others(enum realm realm, int64_t subject, int64_t keep_row)
{
	db_exec("DELETE FROM sessions WHERE realm = ? AND subject_id = ? AND id <> ?", "tii",
	    realm_name(realm), subject, keep_row);
}

int sess_delete_owned(enum realm realm, int64_t subject, int64_t row)
{
	return db_exec("DELETE FROM sessions WHERE realm = ? AND subject_id = ? AND id = ?", "tii",
	    realm_name(realm), subject, row) == 1;
}

void sess_each(enum realm realm, int64_t subject,
    void (*fn)(void *ctx, int64_t row, int64_t created_ms, int64_t seen_ms, const char *addr,
        const char *agent), void *ctx)
{
	sqlite3_stmt *st;
	int64_t now = clock_now_ms();

	st = db_prepare("SELECT id, created_ms, seen_ms, addr, agent FROM sessions"
	    " WHERE realm = ? AND subject_id = ? AND seen_ms >= ? AND created_ms >= ?"
	    " ORDER BY seen_ms DESC LIMIT 50");
	if (!st || db_bindv(st, "tiii", realm_name(realm), subject, now - sess_idle_ms(realm),
	    now - sess_max_ms(realm)) != 0)
		return;
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		    sqlite3_column_int64(st, 2), (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4));
	sqlite3_reset(st);
}

int sess_csrf(const char *tok, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char mac[32];
	int i;

	if (crypto_mac("csrf", tok, strlen(tok), mac) != 0)
		return -1;
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[mac[i] >> 4];
		out[2 * i + 1] = hex[mac[i] & 15];
	}
	out[64] = '\0';
	return 0;
}
