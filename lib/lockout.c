/* lib/lockout.c: the one implementation of password sign-in with lockout, over the statements of an account table. */
#include <stdlib.h>
#include <string.h>
#include "lockout.h"
#include "account.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"

int lockout_login(const struct lockout_sql *sql, const char *key, const char *password,
    int64_t *id, int *locked)
{
	sqlite3_stmt *st;
	int64_t uid = 0, until = 0, now = clock_now_ms();
	char *hash = NULL;
	int match;

	*id = 0;
	*locked = 0;
	st = db_prepare(sql->find);
	if (st && db_bindv(st, "t", key) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		uid = sqlite3_column_int64(st, 0);
		hash = strdup((const char *)sqlite3_column_text(st, 1));
		until = sqlite3_column_int64(st, 2);
	}
	if (st)
		sqlite3_reset(st);
	if (!uid || !hash) {
		free(hash);
		acct_spend_hash();
		return 0;
	}
	match = crypto_password_verify(password, hash) == 1;
	free(hash);
	if (until > now) {
		*locked = 1;
		return 0;
	}
	if (match) {
		db_exec(sql->reset, "i", uid);
		*id = uid;
		return 1;
	}
	if (db_begin() != 0)
		return 0;
	db_exec(sql->fail, "i", uid);
	if (db_int(sql->count, 0, "i", uid) >= LOCKOUT_FAILURES) {
		db_exec(sql->lock, "ii", now + LOCKOUT_MS, uid);
		*locked = 1;
	}
	db_commit();
	return 0;
}

int lockout_check_password(const struct lockout_sql *sql, int64_t id, const char *password)
{
	sqlite3_stmt *st = db_prepare(sql->hash);
	int ok = 0;

	if (st && db_bindv(st, "i", id) == 0 && sqlite3_step(st) == SQLITE_ROW)
		ok = crypto_password_verify(password, (const char *)sqlite3_column_text(st, 0)) == 1;
	if (st)
		sqlite3_reset(st);
	return ok;
}

int lockout_set_password(const struct lockout_sql *sql, int64_t id, const char *password)
{
	char *hash = crypto_password_hash(password, acct_password_cost());
	int rc;

	if (!hash)
		return -1;
	rc = db_exec(sql->set, "ti", hash, id);
	free(hash);
	return rc == 1 ? 0 : -1;
}
