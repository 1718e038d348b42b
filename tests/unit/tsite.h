/* tests/unit/tsite.h: a throwaway site for the library's unit tests: temp data directory, configuration, key file and database, and the applicants, staff and orders a test starts from. */
#ifndef CERTDESK_TSITE_H
#define CERTDESK_TSITE_H
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "cfg.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"

/* The absolute (or $top_srcdir-relative) path of the test key tests/unit/alipay-keys/name,
 * in one of 8 rotating static buffers (so up to 8 can be used in one call). */
static inline const char *tsite_key(const char *name)
{
	static char buf[8][700];
	static int i;
	const char *top = getenv("top_srcdir");
	char *b = buf[i++ % 8];

	snprintf(b, sizeof(buf[0]), "%s/tests/unit/alipay-keys/%s", top ? top : ".", name);
	return b;
}

/* Rewrites the configuration dir/certdesk.hdf of the site in dir (Data.Dir = dir, a low
 * password cost, the file SMS driver) followed by the lines extra (each ending with a
 * newline; "" for none), and reloads it. Returns 0 or -1. */
static inline int tsite_configure(const char *dir, const char *extra)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/certdesk.hdf", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "Data.Dir = %s\nCrypto.PasswordCost = 10\nSMS.Driver = file\n%s", dir, extra);
	if (fclose(f) != 0)
		return -1;
	return cfg_load(path);
}

/* Makes the site in dir (a mkdtemp template, filled in): Data.Dir = dir with keys/,
 * uploads/ and tmp/, the configuration of tsite_configure(dir, ""), a fresh key and the
 * migrated database. Returns 0, or -1 (the test should exit). */
static inline int tsite_open(char *dir)
{
	char path[512];

	if (!mkdtemp(dir) || tsite_configure(dir, "") != 0)
		return -1;
	clock_set_dir(dir);
	snprintf(path, sizeof(path), "%s/keys", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/uploads", dir);
	mkdir(path, 0750);
	snprintf(path, sizeof(path), "%s/tmp", dir);
	mkdir(path, 0750);
	snprintf(path, sizeof(path), "%s/keys/master.key", dir);
	return crypto_key_load(path, 1) == 0 && db_open() == 0 ? 0 : -1;
}

/* Sets the site's test clock to ms past the real time (a --enable-test-clock build reads
 * Data.Dir/test-clock on every call of clock_now_ms). */
static inline void tsite_move_clock(const char *dir, long long ms)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/test-clock", dir);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%lld\n", ms);
		fclose(f);
	}
}

/* Inserts an applicant with mobile (no usable password); returns its id, or 0 when the
 * insert failed. */
static inline int64_t tsite_add_user(const char *mobile)
{
	if (db_exec("INSERT INTO users (mobile, pw_hash, created_ms) VALUES (?, 'x', 0)", "t", mobile) != 1)
		return 0;
	return db_int("SELECT id FROM users WHERE mobile = ?", 0, "t", mobile);
}

/* Inserts a staff member login with role ("reviewer", "finance", ...; no usable password);
 * returns its id (the first one added gets 1), or 0 when the insert failed. */
static inline int64_t tsite_add_staff(const char *login, const char *role)
{
	if (db_exec("INSERT INTO staff (login, role, pw_hash, created_ms) VALUES (?, ?, 'x', 0)", "tt", login,
	    role) != 1)
		return 0;
	return db_int("SELECT id FROM staff WHERE login = ?", 0, "t", login);
}

/* An order number tsite_add_order never gives (for "no such order" checks). */
#define TSITE_NO_ORDER 7999999999999999999LL

/* Inserts a submitted enterprise order of user, numbered 7000000000000000001, ...002, ... in
 * the order of the calls, with status, pay_status and the amount fen (fen < 0 leaves it
 * unset), organisation 测试单位NNN (NNN: the number's last three digits) and agent
 * 13800138000, created, updated and submitted now (clock_now_ms). Returns its number; a
 * failed insert is noted as a TAP comment (the checks on the order then fail). */
static inline int64_t tsite_add_order(int64_t user, const char *status, const char *pay_status, int64_t fen)
{
	static int64_t next = 7000000000000000001LL;
	int64_t id = next++, now = clock_now_ms();
	char org[64];

	snprintf(org, sizeof(org), "测试单位%lld", (long long)(id % 1000));
	if (db_exec("INSERT INTO orders (id, user_id, subject, kind, project, years, status, pay_status, amount_fen,"
	    " org_name, agent_mobile, created_ms, updated_ms, submitted_ms) VALUES (?, ?, 'enterprise', 'new',"
	    " 'both', 1, ?, ?, nullif(?, -1), ?, '13800138000', ?, ?, ?)", "iittitiii", id, user, status,
	    pay_status, fen, org, now, now, now) != 1)
		printf("# could not insert order %lld\n", (long long)id);
	return id;
}

/* Closes the database and removes the site's directory. */
static inline void tsite_close(const char *dir)
{
	char cmd[600];

	db_close();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}
#endif
