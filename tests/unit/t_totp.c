/* tests/unit/t_totp.c: TOTP: RFC 6238/4226 vectors, base32, otpauth:// URIs, sealed enrolment, replay and window checks on a temp database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"
#include "tsite.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "staff.h"
#include "totp.h"

static char dir[] = "/tmp/t_totp.XXXXXX";

static const char seed20[] = "12345678901234567890";
static const char seed32[] = "12345678901234567890123456789012";
static const char seed64[] = "1234567890123456789012345678901234567890123456789012345678901234";

#ifndef CERTDESK_TEST_CLOCK
/* Prints a skipped TAP test. */
static void skip(const char *name)
{
	tap_n++;
	printf("ok %d - %s # SKIP needs a --enable-test-clock build\n", tap_n, name);
}
#endif

/* Moves the site's test clock to ms past the real time. */
static void move_clock(long long ms)
{
	tsite_move_clock(dir, ms);
}

/* Moves the test clock to 5 s into a 30 s step, so a group of checks does not straddle a
 * step boundary; returns the offset set. */
static long long align_clock(void)
{
	long long ms, off;

	move_clock(0);
	ms = clock_now_ms();
	off = (30000 - ms % 30000) % 30000 + 5000;
	move_clock(off);
	return off;
}

/* An independent base32 encoder (RFC 4648, no padding) for the round trips. */
static void enc32(const unsigned char *in, size_t n, char *out)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	size_t bit, o = 0;

	for (bit = 0; bit < n * 8; bit += 5) {
		unsigned v = 0, k;
		for (k = 0; k < 5; k++) {
			size_t b = bit + k;
			v = v << 1 | (b < n * 8 ? (in[b / 8] >> (7 - b % 8)) & 1 : 0);
		}
		out[o++] = a[v];
	}
	out[o] = '\0';
}

/* The six-digit code of base32 secret at step, into out[7] ("" when it cannot be made). */
static void code_at(const char *secret, int64_t step, char out[7])
{
	unsigned char key[64];
	int n = totp_base32_decode(secret, key, sizeof(key));

	if (n <= 0 || totp_code(key, (size_t)n, step, 6, "SHA1", out) != 0)
		out[0] = '\0';
}

static void test_vectors(void)
{
	static const struct { long long t; const char *sha1, *sha256, *sha512; } v[] = {
		{ 59LL, "94287082", "46119246", "90693936" },
		{ 1111111109LL, "07081804", "68084774", "25091201" },
		{ 1111111111LL, "14050471", "67062674", "99943326" },
		{ 1234567890LL, "89005924", "91819424", "93441116" },
		{ 2000000000LL, "69279037", "90698825", "38618901" },
		{ 20000000000LL, "65353130", "77737706", "47863826" },
	};
	static const char *hotp[] = { "755224", "287082", "359152", "969429", "338314",
	    "254676", "287922", "162583", "399871", "520489" };
	char out[16], name[96];
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		totp_code((const unsigned char *)seed20, 20, v[i].t / 30, 8, "SHA1", out);
		snprintf(name, sizeof(name), "RFC 6238 SHA1 at T=%lld", v[i].t);
		is_str(out, v[i].sha1, name);
		totp_code((const unsigned char *)seed32, 32, v[i].t / 30, 8, "SHA256", out);
		snprintf(name, sizeof(name), "RFC 6238 SHA256 at T=%lld", v[i].t);
		is_str(out, v[i].sha256, name);
		totp_code((const unsigned char *)seed64, 64, v[i].t / 30, 8, "SHA512", out);
		snprintf(name, sizeof(name), "RFC 6238 SHA512 at T=%lld", v[i].t);
		is_str(out, v[i].sha512, name);
	}
	for (i = 0; i < 10; i++) {
		totp_code((const unsigned char *)seed20, 20, (int64_t)i, 6, "SHA1", out);
		snprintf(name, sizeof(name), "RFC 4226 HOTP counter %zu", i);
		is_str(out, hotp[i], name);
	}
	ok(totp_code((const unsigned char *)seed20, 20, 1, 6, NULL, out) == 0 && strcmp(out, "287082") == 0
	    && totp_code((const unsigned char *)seed20, 20, 1, 6, "sha1", out) == 0
	    && strcmp(out, "287082") == 0, "SHA1 is the default and names are case-insensitive");
	is_int(totp_code((const unsigned char *)seed20, 20, 1, 6, "MD5", out), -1, "an unknown hash is refused");
	ok(totp_code((const unsigned char *)seed20, 20, 1, 0, "SHA1", out) == -1
	    && totp_code((const unsigned char *)seed20, 20, 1, 10, "SHA1", out) == -1,
	    "digits outside 1-9 are refused");
	ok(totp_code((const unsigned char *)seed20, 20, -1, 6, "SHA1", out) == -1 && out[0] == '\0',
	    "a negative step is refused and leaves out empty");
	is_int(totp_code((const unsigned char *)seed20, 0, 1, 6, "SHA1", out), -1, "an empty key is refused");
}

static void test_base32(void)
{
	static const struct { const char *b32, *plain; } v[] = {
		{ "", "" }, { "MY", "f" }, { "MZXQ", "fo" }, { "MZXW6", "foo" },
		{ "MZXW6YQ", "foob" }, { "MZXW6YTB", "fooba" }, { "MZXW6YTBOI", "foobar" },
	};
	unsigned char buf[64], raw[40];
	char enc[80], s1[33], s2[33], name[96];
	size_t i;
	int n, good = 1;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		n = totp_base32_decode(v[i].b32, buf, sizeof(buf));
		snprintf(name, sizeof(name), "RFC 4648 base32 \"%s\" decodes to \"%s\"", v[i].b32, v[i].plain);
		ok(n == (int)strlen(v[i].plain) && memcmp(buf, v[i].plain, (size_t)n) == 0, name);
	}
	n = totp_base32_decode("MZXW6YQ=", buf, sizeof(buf));
	ok(n == 4 && memcmp(buf, "foob", 4) == 0, "trailing padding is accepted");
	n = totp_base32_decode("gezdgnbvgy3tqojqgezdgnbvgy3tqojq", buf, sizeof(buf));
	ok(n == 20 && memcmp(buf, seed20, 20) == 0, "lower case decodes (the RFC 4226 seed)");
	n = totp_base32_decode("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", buf, sizeof(buf));
	ok(n == 20 && memcmp(buf, seed20, 20) == 0, "spaces are ignored");
	is_int(totp_base32_decode("GEZDGNB1", buf, sizeof(buf)), -1, "the digit 1 is refused");
	is_int(totp_base32_decode("GEZDGNB0", buf, sizeof(buf)), -1, "the digit 0 is refused");
	is_int(totp_base32_decode("GEZD-GNBV", buf, sizeof(buf)), -1, "a dash is refused");
	is_int(totp_base32_decode("GEZDGNB\xc3\xa9", buf, sizeof(buf)), -1, "non-ASCII is refused");
	is_int(totp_base32_decode("MY=Y", buf, sizeof(buf)), -1, "data after padding is refused");
	ok(totp_base32_decode("M", buf, sizeof(buf)) == -1 && totp_base32_decode("MZX", buf, sizeof(buf)) == -1
	    && totp_base32_decode("MZXW6Y", buf, sizeof(buf)) == -1, "impossible lengths are refused");
	is_int(totp_base32_decode("MZXW6YTBOI", buf, 5), -1, "more than max bytes is refused");
	is_int(totp_base32_decode(NULL, buf, sizeof(buf)), -1, "NULL is refused");

	for (i = 1; i <= sizeof(raw); i++) {
		if (crypto_random(raw, i) != 0)
			good = 0;
		enc32(raw, i, enc);
		n = totp_base32_decode(enc, buf, sizeof(buf));
		if (n != (int)i || memcmp(buf, raw, i) != 0)
			good = 0;
	}
	ok(good, "random data of 1-40 bytes round-trips through base32");

	ok(totp_secret_new(s1) == 0 && totp_secret_new(s2) == 0, "secrets are made");
	ok(strlen(s1) == 32 && strspn(s1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") == 32,
	    "a secret is 32 upper-case base32 characters without padding");
	n = totp_base32_decode(s1, buf, sizeof(buf));
	enc32(buf, n > 0 ? (size_t)n : 0, enc);
	ok(n == 20 && strcmp(enc, s1) == 0, "it holds 20 bytes and round-trips");
	ok(strcmp(s1, s2) != 0, "two secrets differ");
}

static void test_uri(void)
{
	char out[512];
	const char *prefix = "otpauth://totp/Cert%20Desk:a%20b%40x%3Ay%2Fz?secret=";
	const char *want = "otpauth://totp/%E7%A6%8F%E5%BB%BACA%E5%8F%97%E7%90%86%E5%B9%B3%E5%8F%B0:alice"
	    "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	    "&issuer=%E7%A6%8F%E5%BB%BACA%E5%8F%97%E7%90%86%E5%B9%B3%E5%8F%B0"
	    "&algorithm=SHA1&digits=6&period=30";

	is_int(totp_uri("福建CA受理平台", "alice", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", out, sizeof(out)), 0,
	    "a URI is made for a Chinese issuer");
	is_str(out, want, "its issuer is percent-encoded UTF-8 in the label and the parameter");
	totp_uri("Cert Desk", "a b@x:y/z", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", out, sizeof(out));
	ok(strncmp(out, prefix, strlen(prefix)) == 0,
	    "spaces, @, : and / in the label are encoded");
	is_int(totp_uri("CA", "alice", "GEZ!", out, sizeof(out)), -1, "a malformed secret is refused");
	ok(totp_uri("", "alice", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", out, sizeof(out)) == -1
	    && totp_uri("CA", NULL, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", out, sizeof(out)) == -1,
	    "an empty issuer or missing account is refused");
	ok(totp_uri("福建CA受理平台", "alice", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", out, strlen(want) + 1) == 0
	    && strcmp(out, want) == 0, "a buffer of exactly the length + 1 is enough");
	ok(totp_uri("福建CA受理平台", "alice", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", out, strlen(want)) == -1
	    && out[0] == '\0', "one byte less is refused with out empty");
}

/* Runs totp_verify(id, code) in n child processes at once; counts those accepted and failed. */
static void verify_concurrently(int64_t id, const char *code, int n, int *accepted, int *errors)
{
	pid_t kids[8];
	int i, status;

	*accepted = *errors = 0;
	for (i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			int r;

			db_close();
			if (db_open() != 0)
				_exit(3);
			r = totp_verify(id, code);
			db_close();
			_exit(r == 1 ? 0 : r == 0 ? 1 : 2);
		}
	}
	for (i = 0; i < n; i++) {
		if (kids[i] < 0 || waitpid(kids[i], &status, 0) < 0 || !WIFEXITED(status)) {
			(*errors)++;
			continue;
		}
		*accepted += WEXITSTATUS(status) == 0;
		*errors += WEXITSTATUS(status) >= 2;
	}
}

static int64_t staff_id(const char *login)
{
	return db_int("SELECT id FROM staff WHERE login = ?", 0, "t", login);
}

static void test_enrol(void)
{
	char s1[33], s2[33], code[7], other[7];
	long long off;
	int64_t id = 0, step;
	int accepted, errors;

	ok(staff_add("alice", "reviewer", "Reviewer2024", NULL) == 0 && (id = staff_id("alice")) > 0,
	    "a staff member is added");
	off = align_clock();
	step = clock_now() / 30;
	is_int(totp_enrolled(id), 0, "a new member is not enrolled");
	is_int(totp_verify(id, "123456"), 0, "no code is accepted before enrolment begins");
	is_int(totp_enrol_begin(id, s1), 0, "enrolment begins");
	is_int((long long)strlen(s1), 32, "with a 32-character secret");
	is_int(totp_enrol_begin(id, s2), 0, "beginning again succeeds");
	is_str(s2, s1, "and shows the same secret (a reload shows the same QR code)");
	{
		sqlite3_stmt *st = db_prepare("SELECT totp_secret FROM staff WHERE id = ?");
		char *stored = NULL, *plain = NULL;

		if (st && db_bindv(st, "i", id) == 0 && sqlite3_step(st) == SQLITE_ROW
		    && sqlite3_column_text(st, 0))
			stored = strdup((const char *)sqlite3_column_text(st, 0));
		if (st)
			sqlite3_reset(st);
		ok(stored && strncmp(stored, "v1.", 3) == 0, "the secret is stored sealed");
		ok(stored && !strstr(stored, s1), "the base32 text is not in the database in clear");
		plain = stored ? crypto_unseal(stored) : NULL;
		is_str(plain, s1, "it unseals to the secret shown");
		free(plain);
		free(stored);
	}
	is_int(db_int("SELECT count(*) FROM staff WHERE totp_secret LIKE '%' || ? || '%'", -1, "t", s1), 0,
	    "no staff row holds the secret's text");
	is_int(totp_enrolled(id), 0, "showing the secret does not enrol");

	code_at(s1, step - 2, code);
	is_int(totp_verify(id, code), 0, "a code from 2 steps ago is refused");
	code_at(s1, step + 2, code);
	is_int(totp_verify(id, code), 0, "a code from 2 steps ahead is refused");
	code_at(s1, step, code);
	snprintf(other, sizeof(other), "%06u", ((unsigned)atoi(code) + 1) % 1000000u);
	is_int(totp_verify(id, other), 0, "a wrong code is refused");
	ok(totp_verify(id, "12345") == 0 && totp_verify(id, "1234567") == 0 && totp_verify(id, "12345a") == 0
	    && totp_verify(id, " 12345") == 0 && totp_verify(id, NULL) == 0, "malformed codes are refused");
	is_int(totp_enrolled(id), 0, "refused codes do not enrol");
	is_int(totp_verify(id, code), 1, "the current code is accepted");
	is_int(totp_enrolled(id), 1, "and completes the enrolment");
	is_int(db_int("SELECT totp_last_step FROM staff WHERE id = ?", -1, "i", id), step,
	    "its step is recorded");
	is_int(totp_verify(id, code), 0, "the same code again is refused (replay)");
	code_at(s1, step - 1, code);
	is_int(totp_verify(id, code), 0, "an older step inside the window is refused too");
	ok(totp_enrol_begin(id, s2) == 1 && s2[0] == '\0',
	    "beginning after enrolment answers 1 without revealing the secret");
	move_clock(off + 30000);
	code_at(s1, clock_now() / 30, code);
	ok(clock_now() / 30 == step + 1 && totp_verify(id, code) == 1, "the next step's code is accepted");
	is_int(totp_verify(id, code), 0, "once");

	is_int(staff_totp_reset("alice"), 0, "staff_totp_reset clears the factor");
	is_int(totp_enrolled(id), 0, "the member is no longer enrolled");
	ok(totp_enrol_begin(id, s2) == 0 && strlen(s2) == 32 && strcmp(s2, s1) != 0,
	    "beginning again issues a new secret");
	code_at(s1, clock_now() / 30, code);
	code_at(s2, clock_now() / 30, other);
	ok(strcmp(code, other) == 0 || totp_verify(id, code) == 0, "the old secret's code is refused");
	is_int(totp_verify(id, other), 1, "the new secret's code is accepted");
	ok(totp_enrolled(id) == 1 && totp_enrol_begin(id, s2) == 1, "and enrols again");

	/* Clock skew: one step either side is accepted, each step once, in increasing order. */
	staff_add("bobby", "finance", "Finance2024x", NULL);
	id = staff_id("bobby");
	align_clock();
	step = clock_now() / 30;
	totp_enrol_begin(id, s1);
	code_at(s1, step - 1, code);
	is_int(totp_verify(id, code), 1, "the previous step's code is accepted (clock skew)");
	code_at(s1, step + 1, code);
	is_int(totp_verify(id, code), 1, "and then the next step's");
	code_at(s1, step, code);
	is_int(totp_verify(id, code), 0, "but not a step before one already used");

	/* Two uses of one code at once: exactly one passes. */
	staff_add("carol", "producer", "Producer2024", NULL);
	id = staff_id("carol");
	align_clock();
	totp_enrol_begin(id, s1);
	code_at(s1, clock_now() / 30, code);
	verify_concurrently(id, code, 4, &accepted, &errors);
	is_int(errors, 0, "four processes verify one code concurrently without errors");
	is_int(accepted, 1, "exactly one of them is accepted");
	is_int(totp_enrolled(id), 1, "which enrols the member");

	/* Disabled, unknown and tampered members. */
	staff_add("dave", "reviewer", "Reviewer2024", NULL);
	id = staff_id("dave");
	totp_enrol_begin(id, s1);
	db_exec("UPDATE staff SET disabled = 1 WHERE id = ?", "i", id);
	code_at(s1, clock_now() / 30, code);
	is_int(totp_verify(id, code), 0, "a disabled member's code is refused");
	is_int(totp_enrolled(id), 0, "and does not enrol");
	ok(totp_enrol_begin(999999, s1) == -1 && s1[0] == '\0', "an unknown member cannot begin");
	is_int(totp_verify(999999, "123456"), 0, "nor verify");
	is_int(totp_enrolled(999999), 0, "nor is enrolled");
	staff_add("erin", "reviewer", "Reviewer2024", NULL);
	id = staff_id("erin");
	totp_enrol_begin(id, s1);
	db_exec("UPDATE staff SET totp_secret = 'v1.AAAA' WHERE id = ?", "i", id);
	ok(totp_enrol_begin(id, s2) == -1 && s2[0] == '\0', "a tampered sealed secret is an error at begin");
	code_at(s1, clock_now() / 30, code);
	is_int(totp_verify(id, code), -1, "and at verify");
	is_int(totp_enrolled(id), 0, "which does not enrol");
	move_clock(0);
}

int main(void)
{
	test_vectors();
	test_base32();
	test_uri();
	if (tsite_open(dir) != 0) {
		printf("# could not make the test site\n");
		return 1;
	}
#ifdef CERTDESK_TEST_CLOCK
	test_enrol();
#else
	(void)test_enrol;	/* its step checks need a clock the test can pin and move */
	skip("enrolment and verification over the database");
#endif
	tsite_close(dir);
	return done_testing();
}
