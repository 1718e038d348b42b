/* lib/lockout.h: password sign-in with the lockout after 5 failures in a row, shared by applicant and staff accounts. */
#ifndef CERTDESK_LOCKOUT_H
#define CERTDESK_LOCKOUT_H
#include <stdint.h>

/* Failed sign-ins in a row that lock an account, and for how long. */
#define LOCKOUT_FAILURES 5
#define LOCKOUT_MS (15 * 60 * 1000LL)

/* The constant statements of one account table. */
struct lockout_sql {
	const char *find;	/* SELECT id, pw_hash, locked_until_ms ... WHERE <key> = ?1 */
	const char *reset;	/* clear failed_logins and locked_until_ms WHERE id = ?1 */
	const char *fail;	/* failed_logins + 1 WHERE id = ?1 */
	const char *count;	/* SELECT failed_logins WHERE id = ?1 */
	const char *lock;	/* failed_logins = 0, locked_until_ms = ?1 WHERE id = ?2 */
	const char *hash;	/* SELECT pw_hash WHERE id = ?1 (and the account is live) */
	const char *set;	/* pw_hash = ?1, failures and lock cleared, WHERE id = ?2 (live) */
};

/* Checks key and password against the table sql names. Returns 1 and sets *id when the
 * account exists, is not locked and the password matches (the failures are reset); 0
 * otherwise, counting a failure on an existing account and locking it for LOCKOUT_MS at
 * LOCKOUT_FAILURES (*locked is then set, and also while it is locked). Unknown keys cost
 * the same password hashing time. */
int lockout_login(const struct lockout_sql *sql, const char *key, const char *password,
    int64_t *id, int *locked);
/* 1 when password is the live account's current one (no failure counted), else 0. */
int lockout_check_password(const struct lockout_sql *sql, int64_t id, const char *password);

/* Replaces the live account's password with a fresh hash at the site's cost, clearing any
 * lock. Returns 0, or -1 (no such account, or an error). */
int lockout_set_password(const struct lockout_sql *sql, int64_t id, const char *password);
#endif
