/* tests/unit/t_store.c: the database-backed modules on a temp database: migrations, sessions and CSRF, accounts and lockout, SMS codes, outbox back-off, Snowflake ids, audit, staff, backup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"
#include "tsite.h"
#include "account.h"
#include "app.h"
#include "audit.h"
#include "backup.h"
#include "cfg.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "outbox.h"
#include "ratelimit.h"
#include "session.h"
#include "smscode.h"
#include "snowflake.h"
#include "staff.h"

static char dir[] = "/tmp/t_store.XXXXXX";

/* Moves the site's test clock to ms past the real time. */
static void move_clock(long long ms)
{
	tsite_move_clock(dir, ms);
}

/* Counts lines of the SMS file that contain text. */
static int sms_lines(const char *text)
{
	char path[256], line[1024];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/sms.log", dir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, text) != NULL;
	fclose(f);
	return n;
}

/* Extracts the six-digit code of the last SMS to mobile into code[7]. */
static int last_code(const char *mobile, char code[7])
{
	char path[256], line[1024];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "%s/sms.log", dir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, mobile);
		if (!p)
			continue;
		for (p += strlen(mobile); *p; p++)
			if (strspn(p, "0123456789") == 6) {
				memcpy(code, p, 6);
				code[6] = '\0';
				found = 1;
				break;
			}
	}
	fclose(f);
	return found;
}

static void test_db(void)
{
	is_int(db_version(), db_latest_version(), "migrations bring the schema to the latest version");
	ok(db_latest_version() >= 1, "at least one migration is embedded");
	is_int(db_exec("INSERT INTO users (mobile, pw_hash, created_ms) VALUES (?, ?, ?)", "tti",
	    "13000000000", "x", (int64_t)1), 1, "db_exec binds text and integers");
	is_int(db_int("SELECT created_ms FROM users WHERE mobile = ?", -1, "t", "13000000000"), 1,
	    "db_int reads the first column");
	is_int(db_int("SELECT id FROM users WHERE mobile = ?", -7, "t", "nobody"), -7,
	    "db_int answers the default without a row");
	is_int(db_exec("INSERT INTO users (mobile, pw_hash, created_ms) VALUES (?, ?, ?)", "tti",
	    "13000000000", "x", (int64_t)1), -1, "a unique violation answers -1");
	ok(db_begin() == 0 && db_exec("DELETE FROM users", "") == 1, "a transaction deletes");
	db_rollback();
	is_int(db_int("SELECT count(*) FROM users", 0, ""), 1, "rollback undoes it");
	db_exec("DELETE FROM users", "");
	{
		sqlite3_stmt *st = db_prepare("PRAGMA journal_mode");
		sqlite3_step(st);
		is_str((const char *)sqlite3_column_text(st, 0), "wal", "PRAGMA journal_mode is wal");
		sqlite3_reset(st);
		st = db_prepare("PRAGMA synchronous");
		sqlite3_step(st);
		is_int(sqlite3_column_int(st, 0), 2, "synchronous is FULL");
		sqlite3_reset(st);
		st = db_prepare("PRAGMA foreign_keys");
		sqlite3_step(st);
		is_int(sqlite3_column_int(st, 0), 1, "foreign keys are on");
		sqlite3_reset(st);
	}
}

static void test_sessions(void)
{
	struct sess s, got;
	char tok[44], tok2[44], csrf1[65], csrf2[65], hash[65];
	int64_t uid = acct_create("13900000001", "Passw0rdAB");

	ok(uid > 0, "an account is created");
	ok(sess_create(REALM_USER, uid, 0, "127.0.0.1", "ua", tok, &s) == 0, "a session is created");
	is_int((long long)strlen(tok), 43, "its token is 43 characters");
	crypto_sha256_hex(tok, 43, hash);
	is_int(db_int("SELECT count(*) FROM sessions WHERE token_hash = ?", 0, "t", hash), 1,
	    "only the token's hash is stored");
	is_int(db_int("SELECT count(*) FROM sessions WHERE token_hash = ?", 0, "t", tok), 0,
	    "the raw token is not");
	ok(sess_lookup(REALM_USER, tok, &got) && got.subject == uid, "the token finds its session");
	ok(!sess_lookup(REALM_STAFF, tok, &got), "not in the other realm");
	ok(!sess_lookup(REALM_USER, "short", &got), "a malformed token finds nothing");
	ok(sess_csrf(tok, csrf1) == 0 && strlen(csrf1) == 64, "a csrf token is derived");
	sess_create(REALM_USER, uid, 0, "127.0.0.1", "ua", tok2, &s);
	sess_csrf(tok2, csrf2);
	ok(strcmp(csrf1, csrf2) != 0, "each session has its own csrf token");
	sess_csrf(tok, csrf2);
	is_str(csrf2, csrf1, "the csrf token is stable for a session");

	move_clock(29 * 60 * 1000LL);
	ok(sess_lookup(REALM_USER, tok, &got), "29 idle minutes keep an applicant session");
	move_clock(29 * 60 * 1000LL + 29 * 60 * 1000LL);
	ok(!sess_lookup(REALM_USER, tok2, &got), "58 idle minutes end it");
	ok(sess_lookup(REALM_USER, tok, &got), "a session used meanwhile lives on");
	{
		long long t = 29 * 60 * 1000LL + 29 * 60 * 1000LL;
		while (t < 12 * 3600 * 1000LL - 20 * 60 * 1000LL) {
			t += 20 * 60 * 1000LL;
			move_clock(t);
			if (!sess_lookup(REALM_USER, tok, &got))
				break;
		}
		ok(t >= 11 * 3600 * 1000LL, "an active session lasts past 11 hours");
		move_clock(12 * 3600 * 1000LL + 60 * 1000);
		ok(!sess_lookup(REALM_USER, tok, &got), "but never past 12 hours");
	}
	move_clock(0);
	is_int(sess_idle_ms(REALM_STAFF), 15 * 60 * 1000LL, "staff idle limit is 15 minutes");
	is_int(sess_max_ms(REALM_STAFF), 8 * 3600 * 1000LL, "staff absolute limit is 8 hours");
	ok(sess_create(REALM_STAFF, 1, 1, "127.0.0.1", "ua", tok, &s) == 0 && s.pending,
	    "a staff session starts TOTP-pending");
	ok(sess_lookup(REALM_STAFF, tok, &got) && got.pending, "and is found pending");
	ok(sess_complete(got.row) == 0 && sess_lookup(REALM_STAFF, tok, &got) && !got.pending,
	    "completing the TOTP clears pending");
	ok(sess_complete(got.row) != 0, "completing twice changes nothing");
	sess_create(REALM_USER, uid, 0, "a", "b", tok, &s);
	sess_create(REALM_USER, uid, 0, "a", "b", tok2, &got);
	sess_delete_others(REALM_USER, uid, got.row);
	ok(!sess_lookup(REALM_USER, tok, &s) && sess_lookup(REALM_USER, tok2, &s),
	    "ending the other sessions keeps this one");
	ok(!sess_delete_owned(REALM_USER, uid + 1, s.row), "another account cannot end it");
	ok(sess_delete_owned(REALM_USER, uid, s.row), "its owner can");
}

static void test_accounts(void)
{
	int64_t id, uid;
	int locked, i;

	uid = acct_find("13900000001");
	is_int(acct_create("13900000001", "Another1x"), 0, "a registered mobile cannot register again");
	ok(acct_login("13900000001", "Passw0rdAB", &id, &locked) && id == uid, "the right password signs in");
	ok(!acct_login("13900000009", "Passw0rdAB", &id, &locked) && id == 0 && !locked,
	    "an unknown mobile is refused");
	for (i = 0; i < 4; i++)
		acct_login("13900000001", "wrong", &id, &locked);
	ok(!locked, "four failures do not lock");
	acct_login("13900000001", "wrong", &id, &locked);
	ok(locked, "the fifth failure locks");
	ok(!acct_login("13900000001", "Passw0rdAB", &id, &locked) && locked,
	    "a locked account refuses the right password");
	move_clock(14 * 60 * 1000LL);
	ok(!acct_login("13900000001", "Passw0rdAB", &id, &locked), "still locked after 14 minutes");
	move_clock(16 * 60 * 1000LL);
	ok(acct_login("13900000001", "Passw0rdAB", &id, &locked), "open again after 15 minutes");
	move_clock(0);
	ok(acct_set_password(uid, "NewPassw0rd") == 0 && acct_check_password(uid, "NewPassw0rd")
	    && !acct_check_password(uid, "Passw0rdAB"), "a password change replaces the hash");
	ok(acct_cancel(uid) == 0 && acct_find("13900000001") == 0, "cancelling releases the mobile");
	ok(acct_create("13900000001", "Again2024x") > 0, "which can then register again");
	ok(acct_password_cost() == 10, "the test configuration's password cost is used");
}

static void test_codes(void)
{
	char code[7], wrong[7];
	int i;

	is_int(code_send("13900000002", CODE_REGISTER, "10.0.0.1"), CODE_SENT, "a code is queued");
	outbox_run(10);
	ok(last_code("13900000002", code), "the file driver wrote the SMS with the code");
	ok(sms_lines("【") >= 1, "with the signature");
	is_int(code_send("13900000002", CODE_REGISTER, "10.0.0.1"), CODE_TOO_SOON, "not again within 60 s");
	ok(!code_use("13900000002", CODE_RESET, code), "a code is bound to its purpose");
	ok(!code_use("13900000003", CODE_REGISTER, code), "and to its mobile");
	strcpy(wrong, strcmp(code, "000000") ? "000000" : "111111");
	for (i = 0; i < 5; i++)
		code_use("13900000002", CODE_REGISTER, wrong);
	ok(!code_use("13900000002", CODE_REGISTER, code), "five wrong tries void the code");
	move_clock(61 * 1000);
	is_int(code_send("13900000002", CODE_REGISTER, "10.0.0.1"), CODE_SENT, "a new code after 60 s");
	outbox_run(10);
	last_code("13900000002", code);
	move_clock(61 * 1000 + 5 * 60 * 1000 + 1);
	ok(!code_use("13900000002", CODE_REGISTER, code), "a code expires after 5 minutes");
	move_clock(8 * 60 * 1000);
	code_send("13900000002", CODE_REGISTER, "10.0.0.1");
	outbox_run(10);
	last_code("13900000002", code);
	ok(code_use("13900000002", CODE_REGISTER, code), "a fresh code is accepted");
	ok(!code_use("13900000002", CODE_REGISTER, code), "once");
	for (i = 0; i < 10; i++) {
		move_clock(10 * 60 * 1000 + i * 61 * 1000LL);
		code_send("13900000004", CODE_REGISTER, "10.0.0.2");
	}
	move_clock(10 * 60 * 1000 + 11 * 61 * 1000LL);
	is_int(code_send("13900000004", CODE_REGISTER, "10.0.0.2"), CODE_DAILY_LIMIT,
	    "the eleventh code of a day is refused");
	for (i = 0; i < CODE_ADDR_PER_HOUR; i++) {
		char mobile[32];
		snprintf(mobile, sizeof(mobile), "1370000%04d", i % 10000);
		code_send(mobile, CODE_REGISTER, "10.0.0.3");
	}
	is_int(code_send("13799999999", CODE_REGISTER, "10.0.0.3"), CODE_ADDR_LIMIT,
	    "one address is limited per hour");
	ok(CODE_ADDR_PER_HOUR >= 20, "but allows at least 20 an hour");
	outbox_run(100);
	move_clock(0);
}

static void test_outbox(void)
{
	int64_t id, q, s;

	hdf_set_value(cfg_hdf(), "SMS.Driver", "http");
	hdf_set_value(cfg_hdf(), "SMS.URL", "http://127.0.0.1:9/unreachable");
	db_begin();
	id = outbox_sms("13900000005", "test message");
	db_commit();
	ok(id > 0, "a message is queued");
	is_int(outbox_run(10), 0, "an unreachable gateway sends nothing");
	is_int(db_int("SELECT attempts FROM outbox WHERE id = ?", 0, "i", id), 1, "the attempt is counted");
	ok(db_int("SELECT due_ms - ? FROM outbox WHERE id = ?", 0, "ii", clock_now_ms(), id) > 25000,
	    "and retried after a back-off");
	is_int(outbox_run(10), 0, "not before it is due");
	move_clock(31 * 1000);
	outbox_run(10);
	ok(db_int("SELECT due_ms - ? FROM outbox WHERE id = ?", 0, "ii", clock_now_ms(), id) > 55000,
	    "the back-off doubles");
	hdf_set_value(cfg_hdf(), "SMS.Driver", "file");
	move_clock(5 * 60 * 1000);
	is_int(outbox_run(10), 1, "once the gateway works the message is sent");
	ok(sms_lines("test message") == 1, "exactly once");
	is_int(outbox_run(10), 0, "and never again");
	outbox_counts(&q, &s);
	is_int(q, 0, "nothing is left waiting");
	db_begin();
	id = outbox_mail("a@example.com", "主题", "正文");
	ok(id > 0 && outbox_attach(id, "uploads/x.pdf", "x.pdf", "application/pdf") == 0,
	    "an e-mail with an attachment is queued");
	db_commit();
	move_clock(0);
}

/* Issues n order numbers in a child process and writes them to path. */
static void issue_ids(const char *path, int n)
{
	FILE *f = fopen(path, "w");
	int i;

	db_close();
	if (!f || db_open() != 0)
		_exit(1);
	for (i = 0; i < n; i++)
		fprintf(f, "%lld\n", (long long)snow_next());
	snow_release();
	fclose(f);
	db_close();
	_exit(0);
}

static void test_snowflake(void)
{
	int64_t a = snow_next(), b = snow_next(), ms;
	int w, seq, i, status, dupes = 0, bad = 0;
	char cmd[512];
	pid_t kids[3];

	ok(a > 0 && b > a, "order numbers increase");
	snow_parts(a, &ms, &w, &seq);
	ok(ms > 1700000000000LL && ms <= clock_now_ms(), "their time part is the clock");
	ok(a >= 1000000000000000000LL, "they have 19 digits");
	ok(a > (1LL << 53), "they exceed 2^53");
	snow_release();	/* the children lease their own worker ids */
	for (i = 0; i < 3; i++) {
		char path[256];
		snprintf(path, sizeof(path), "%s/ids.%d", dir, i);
		kids[i] = fork();
		if (kids[i] == 0)
			issue_ids(path, 3000);
	}
	for (i = 0; i < 3; i++) {
		waitpid(kids[i], &status, 0);
		bad += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	is_int(bad, 0, "three processes issue 3000 numbers each");
	snprintf(cmd, sizeof(cmd), "cat %s/ids.* | grep -c -- '-1'", dir);
	{
		FILE *p = popen(cmd, "r");
		if (p && fscanf(p, "%d", &bad) != 1)
			bad = -1;
		if (p)
			pclose(p);
	}
	is_int(bad, 0, "none failed");
	snprintf(cmd, sizeof(cmd), "cat %s/ids.* | sort | uniq -d | wc -l", dir);
	{
		FILE *p = popen(cmd, "r");
		if (p && fscanf(p, "%d", &dupes) != 1)
			dupes = -1;
		if (p)
			pclose(p);
	}
	is_int(dupes, 0, "no number is issued twice across processes");
	snow_release();
	ok(snow_next() > b, "a process leasing again goes on increasing");
}

static void test_audit_staff(void)
{
	char path[300];

	audit_log("user", "1", "127.0.0.1", "login", 0, "ok", NULL);
	is_int(db_int("SELECT count(*) FROM audit WHERE action = 'login'", 0, ""), 1, "an audit record is appended");
	is_int(db_exec("UPDATE audit SET outcome = 'x'", ""), -1, "the audit log refuses updates");
	is_int(db_exec("DELETE FROM audit", ""), -1, "and deletes");
	is_int(staff_add("alice", "reviewer", "Reviewer2024", NULL), 0, "staff are added");
	is_int(staff_add("alice", "admin", "Reviewer2024", NULL), 1, "an existing login is refused");
	is_int(staff_add("Bad Name", "admin", "Reviewer2024", NULL), -1, "a malformed login is refused");
	is_int(staff_add("bob", "boss", "Reviewer2024", NULL), -1, "an unknown role is refused");
	is_int(staff_add("bob", "finance", "Finance2024x", "not-an-address"), -1, "a malformed e-mail is refused");
	is_int(staff_add("bob", "finance", "Finance2024x", "bob@example.com"), 0, "staff are added with an e-mail");
	is_int(db_int("SELECT count(*) FROM staff WHERE login = 'bob' AND email = 'bob@example.com'", 0, ""), 1,
	    "which is stored");
	is_int(staff_set_email(db_int("SELECT id FROM staff WHERE login = 'alice'", 0, ""), "a@x"), -1,
	    "a malformed e-mail is not set");
	is_int(staff_set_email(db_int("SELECT id FROM staff WHERE login = 'bob'", 0, ""), ""), 0, "an e-mail is removed");
	is_int(db_int("SELECT count(*) FROM staff WHERE email IS NOT NULL", -1, ""), 0, "leaving none");
	is_int(staff_set_email(TSITE_NO_ORDER, "a@example.com"), 1, "an unknown staff member answers 1");
	is_int(staff_roles(db_int("SELECT id FROM staff WHERE login = 'alice'", 0, "")), ROLE_REVIEWER,
	    "a reviewer has the reviewer role");
	staff_add("root", "admin", "Admin2024xx", NULL);
	is_int(staff_roles(db_int("SELECT id FROM staff WHERE login = 'root'", 0, "")), ROLE_ANY,
	    "an admin has every role");
	is_int(staff_passwd("nobody", "Whatever2024"), 1, "staff-passwd of an unknown login answers 1");
	is_int(staff_totp_reset("alice"), 0, "the TOTP is reset");
	snprintf(path, sizeof(path), "%s/backup", dir);
	ok(backup_make(path) == 0, "a backup is made");
	snprintf(path, sizeof(path), "%s/backup/master.key", dir);
	{
		struct stat st;
		ok(stat(path, &st) == 0 && (st.st_mode & 077) == 0, "with the key file private");
	}
	snprintf(path, sizeof(path), "%s/backup", dir);
	ok(backup_make(path) != 0, "a backup never overwrites another");
	db_exec("DELETE FROM staff WHERE login = 'root'", "");
	ok(backup_restore(path) == 0, "it is restored");
	is_int(db_int("SELECT count(*) FROM staff WHERE login = 'root'", 0, ""), 1, "with the data it held");
}

int main(void)
{
	if (tsite_open(dir) != 0)
		return 1;
#ifndef CERTDESK_TEST_CLOCK
	printf("1..0 # SKIP needs a --enable-test-clock build\n");
	return 0;
#endif
	test_db();
	test_sessions();
	test_accounts();
	test_codes();
	test_outbox();
	test_snowflake();
	test_audit_staff();
	tsite_close(dir);
	return done_testing();
}
