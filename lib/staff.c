/* lib/staff.c: staff accounts for certdesk-admin and the lifecycle's role checks. */
#include <stdlib.h>
#include <string.h>
#include "staff.h"
#include "account.h"
#include "role.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "lockout.h"
#include "util.h"
#include "valid.h"

int staff_role_mask(const char *role)
{
	if (!role)
		return 0;
	if (strcmp(role, "reviewer") == 0)
		return ROLE_REVIEWER;
	if (strcmp(role, "finance") == 0)
		return ROLE_FINANCE;
	if (strcmp(role, "producer") == 0)
		return ROLE_PRODUCER;
	if (strcmp(role, "admin") == 0)
		return ROLE_ANY;
	return 0;
}

int staff_login_valid(const char *login)
{
	size_t n = login ? strlen(login) : 0;

	return n >= 3 && n <= 32 && login[0] >= 'a' && login[0] <= 'z'
	    && strspn(login, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/* 1 when email is none (NULL or "") or a valid address. */
static int email_ok(const char *email)
{
	return !email || !*email || !valid_email(email);
}

int staff_add(const char *login, const char *role, const char *password, const char *email)
{
	char *hash;
	int rc;

	if (!staff_login_valid(login) || !staff_role_mask(role) || !email_ok(email))
		return -1;
	if (db_int("SELECT count(*) FROM staff WHERE login = ?", 0, "t", login) > 0)
		return 1;
	hash = crypto_password_hash(password, acct_password_cost());
	if (!hash)
		return -1;
	rc = db_exec("INSERT INTO staff (login, role, pw_hash, email, created_ms) VALUES (?, ?, ?, nullif(?, ''), ?)",
	    "tttti", login, role, hash, email, clock_now_ms());
	free(hash);
	if (rc == 1)
		return 0;
	return db_int("SELECT count(*) FROM staff WHERE login = ?", 0, "t", login) > 0 ? 1 : -1;
}

int staff_set_email(int64_t id, const char *email)
{
	int rc;

	if (!email_ok(email))
		return -1;
	rc = db_exec("UPDATE staff SET email = nullif(?, '') WHERE id = ?", "ti", email, id);
	return rc < 0 ? -1 : rc == 0 ? 1 : 0;
}

int staff_passwd(const char *login, const char *password)
{
	int64_t id = db_int("SELECT id FROM staff WHERE login = ?", 0, "t", login);

	if (!id)
		return 1;
	return staff_set_password(id, password);
}

int staff_totp_reset(const char *login)
{
	int rc = db_exec("UPDATE staff SET totp_secret = NULL, totp_enrolled = 0, totp_last_step = 0"
	    " WHERE login = ?", "t", login);

	if (rc > 0) {
		db_exec("DELETE FROM sessions WHERE realm = 'staff' AND subject_id ="
		    " (SELECT id FROM staff WHERE login = ?)", "t", login);
		return 0;
	}
	return rc < 0 ? -1 : 1;
}

int staff_roles(int64_t staff_id)
{
	sqlite3_stmt *st = db_prepare("SELECT role FROM staff WHERE id = ? AND disabled = 0");
	int mask = 0;

	if (st && db_bindv(st, "i", staff_id) == 0 && sqlite3_step(st) == SQLITE_ROW)
		mask = staff_role_mask((const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	return mask;
}

/* The statements of the staff table for lib/lockout.c. */
static const struct lockout_sql staff_sql = {
	"SELECT id, pw_hash, locked_until_ms FROM staff WHERE login = ?1 AND disabled = 0",
	"UPDATE staff SET failed_logins = 0, locked_until_ms = 0 WHERE id = ?1",
	"UPDATE staff SET failed_logins = failed_logins + 1 WHERE id = ?1",
	"SELECT failed_logins FROM staff WHERE id = ?1",
	"UPDATE staff SET failed_logins = 0, locked_until_ms = ?1 WHERE id = ?2",
	"SELECT pw_hash FROM staff WHERE id = ?1 AND disabled = 0",
	"UPDATE staff SET pw_hash = ?1, failed_logins = 0, locked_until_ms = 0 WHERE id = ?2",
};

int staff_login(const char *login, const char *password, int64_t *id, int *locked)
{
	return lockout_login(&staff_sql, login, password, id, locked);
}

int staff_login_name(int64_t id, char *out, size_t size)
{
	sqlite3_stmt *st = db_prepare("SELECT login FROM staff WHERE id = ?");
	int rc = -1;

	out[0] = '\0';
	if (st && db_bindv(st, "i", id) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		db_col_text(st, 0, out, size);
		rc = 0;
	}
	if (st)
		sqlite3_reset(st);
	return rc;
}

int staff_check_password(int64_t id, const char *password)
{
	return lockout_check_password(&staff_sql, id, password);
}

int staff_set_password(int64_t id, const char *password)
{
	return lockout_set_password(&staff_sql, id, password);
}

int staff_set_disabled(int64_t id, int disabled)
{
	if (db_exec("UPDATE staff SET disabled = ? WHERE id = ?", "ii", (int64_t)(disabled ? 1 : 0), id) != 1)
		return -1;
	if (disabled)
		db_exec("DELETE FROM sessions WHERE realm = 'staff' AND subject_id = ?", "i", id);
	return 0;
}

void staff_each(void (*fn)(void *ctx, const struct staff_row *row), void *ctx)
{
	sqlite3_stmt *st = db_prepare("SELECT id, login, role, totp_enrolled, disabled, created_ms,"
	    " locked_until_ms, email FROM staff ORDER BY login");
	struct staff_row row;

	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		row.id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, row.login, sizeof(row.login));
		db_col_text(st, 2, row.role, sizeof(row.role));
		row.enrolled = sqlite3_column_int(st, 3);
		row.disabled = sqlite3_column_int(st, 4);
		row.created_ms = sqlite3_column_int64(st, 5);
		row.locked_until_ms = sqlite3_column_int64(st, 6);
		db_col_text(st, 7, row.email, sizeof(row.email));
		fn(ctx, &row);
	}
	sqlite3_reset(st);
}

const char *staff_role_label(const char *role)
{
	if (!role)
		return NULL;
	if (strcmp(role, "reviewer") == 0)
		return "审核员";
	if (strcmp(role, "finance") == 0)
		return "财务";
	if (strcmp(role, "producer") == 0)
		return "制证员";
	if (strcmp(role, "admin") == 0)
		return "管理员";
	return NULL;
}
