/* lib/account.c: applicant accounts: creation, sign-in with the 5-failure lockout, password changes, cancellation. */
#include <stdlib.h>
#include <string.h>
#include "account.h"
#include "cfg.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "invoice.h"
#include "lockout.h"
#include "session.h"
#include "util.h"

int acct_password_cost(void)
{
	return (int)cfg_int("Crypto.PasswordCost", CRYPTO_SCRYPT_LOGN, 4, 20);
}

int64_t acct_find(const char *mobile)
{
	return db_int("SELECT id FROM users WHERE mobile = ?", 0, "t", mobile);
}

int64_t acct_create(const char *mobile, const char *password)
{
	char *hash = crypto_password_hash(password, acct_password_cost());
	int rc;

	if (!hash)
		return -1;
	if (acct_find(mobile)) {
		free(hash);
		return 0;
	}
	rc = db_exec("INSERT INTO users (mobile, pw_hash, created_ms) VALUES (?, ?, ?)", "tti",
	    mobile, hash, clock_now_ms());
	free(hash);
	if (rc != 1)
		return acct_find(mobile) ? 0 : -1;
	return sqlite3_last_insert_rowid(db_handle());
}

void acct_spend_hash(void)
{
	static char *dummy;

	if (!dummy)
		dummy = crypto_password_hash("certdesk-dummy-password-1", acct_password_cost());
	if (dummy)
		crypto_password_verify("certdesk-not-the-password-2", dummy);
}

/* The statements of the applicants' table for lib/lockout.c. */
static const struct lockout_sql users_sql = {
	"SELECT id, pw_hash, locked_until_ms FROM users WHERE mobile = ?1",
	"UPDATE users SET failed_logins = 0, locked_until_ms = 0 WHERE id = ?1",
	"UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?1",
	"SELECT failed_logins FROM users WHERE id = ?1",
	"UPDATE users SET failed_logins = 0, locked_until_ms = ?1 WHERE id = ?2",
	"SELECT pw_hash FROM users WHERE id = ?1 AND mobile IS NOT NULL",
	"UPDATE users SET pw_hash = ?1, failed_logins = 0, locked_until_ms = 0 WHERE id = ?2"
	    " AND mobile IS NOT NULL",
};

int acct_login(const char *mobile, const char *password, int64_t *id, int *locked)
{
	return lockout_login(&users_sql, mobile, password, id, locked);
}

int acct_check_password(int64_t id, const char *password)
{
	return lockout_check_password(&users_sql, id, password);
}

int acct_set_password(int64_t id, const char *password)
{
	return lockout_set_password(&users_sql, id, password);
}

int acct_mobile(int64_t id, char *out, size_t size)
{
	sqlite3_stmt *st = db_prepare("SELECT mobile FROM users WHERE id = ? AND mobile IS NOT NULL");
	int rc = -1;

	if (st && db_bindv(st, "i", id) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *m = (const char *)sqlite3_column_text(st, 0);
		rc = m ? util_copy(out, size, m) : -1;
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

int64_t acct_created_ms(int64_t id)
{
	return db_int("SELECT created_ms FROM users WHERE id = ?", 0, "i", id);
}

void acct_end_sessions(int64_t id)
{
	sess_delete_others(REALM_USER, id, 0);
}

int acct_cancel(int64_t id)
{
	if (db_begin() != 0)
		return -1;
	if (db_int("SELECT count(*) FROM orders WHERE user_id = ? AND status NOT IN ('completed', 'cancelled')",
	    0, "i", id) > 0) {
		db_rollback();
		return 1;
	}
	if (db_exec("UPDATE users SET mobile = NULL, pw_hash = '', cancelled_ms = ?"
	    " WHERE id = ? AND mobile IS NOT NULL", "ii", clock_now_ms(), id) != 1
	    || invoice_titles_purge(id) < 0) {
		db_rollback();
		return -1;
	}
	sess_delete_others(REALM_USER, id, 0);
	return db_commit();
}
