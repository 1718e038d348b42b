/* lib/totp.c: staff second factor: HOTP/TOTP codes (OpenSSL 3 HMAC), base32, otpauth:// URIs, sealed enrolment, replay-safe verification. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "totp.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "log.h"

static const char b32_alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* The OpenSSL digest name for algo ("SHA1" when NULL), or NULL when it is not one of ours. */
static const char *digest_name(const char *algo)
{
	if (!algo || strcasecmp(algo, "SHA1") == 0)
		return "SHA1";
	if (strcasecmp(algo, "SHA256") == 0)
		return "SHA256";
	if (strcasecmp(algo, "SHA512") == 0)
		return "SHA512";
	return NULL;
}

int totp_code(const unsigned char *key, size_t keylen, int64_t step, int digits, const char *algo,
    char *out)
{
	static const uint32_t pow10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
	    100000000, 1000000000 };
	const char *md = digest_name(algo);
	unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
	size_t maclen = 0;
	uint32_t bin;
	unsigned off;
	int i;

	if (!out)
		return -1;
	out[0] = '\0';
	if (!key || keylen == 0 || step < 0 || digits < 1 || digits > 9 || !md)
		return -1;
	for (i = 7; i >= 0; i--) {
		msg[i] = (unsigned char)(step & 0xff);
		step >>= 8;
	}
	if (!EVP_Q_mac(NULL, "HMAC", NULL, md, NULL, key, keylen, msg, sizeof(msg), mac,
	    sizeof(mac), &maclen) || maclen < 20)
		return -1;
	off = mac[maclen - 1] & 0x0f;
	bin = (uint32_t)(mac[off] & 0x7f) << 24 | (uint32_t)mac[off + 1] << 16
	    | (uint32_t)mac[off + 2] << 8 | mac[off + 3];
	OPENSSL_cleanse(mac, sizeof(mac));
	bin %= pow10[digits];
	for (i = digits - 1; i >= 0; i--) {
		out[i] = (char)('0' + bin % 10);
		bin /= 10;
	}
	out[digits] = '\0';
	return 0;
}

/* Encodes n bytes as base32 without padding into out (room for (8n + 4) / 5 + 1). */
static void b32_encode(const unsigned char *in, size_t n, char *out)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		acc = (acc << 8 | in[i]) & 0xffff;
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32_alpha[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = b32_alpha[(acc << (5 - bits)) & 31];
	out[o] = '\0';
}

int totp_secret_new(char out_base32[33])
{
	unsigned char raw[TOTP_SECRET_BYTES];

	out_base32[0] = '\0';
	if (crypto_random(raw, sizeof(raw)) != 0)
		return -1;
	b32_encode(raw, sizeof(raw), out_base32);
	OPENSSL_cleanse(raw, sizeof(raw));
	return 0;
}

int totp_base32_decode(const char *b32, unsigned char *out, size_t max)
{
	uint32_t acc = 0;
	int bits = 0, padding = 0;
	size_t chars = 0, o = 0;
	const char *p;

	if (!b32 || (!out && max > 0))
		return -1;
	for (p = b32; *p; p++) {
		const char *hit;
		int c = (unsigned char)*p;

		if (c == ' ')
			continue;
		if (c == '=') {
			padding = 1;
			continue;
		}
		if (padding)
			return -1;
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		hit = strchr(b32_alpha, c);
		if (!hit)
			return -1;
		chars++;
		acc = (acc << 5 | (uint32_t)(hit - b32_alpha)) & 0xfff;
		bits += 5;
		if (bits >= 8) {
			if (o >= max || o >= (size_t)0x7fffffff)
				return -1;
			out[o++] = (unsigned char)(acc >> (bits - 8));
			bits -= 8;
		}
	}
	if (chars % 8 == 1 || chars % 8 == 3 || chars % 8 == 6)
		return -1;
	return (int)o;
}

/* Appends s to out[*o] (size bytes) with every byte but the RFC 3986 unreserved ones as
 * %XX; returns 0, or -1 when it does not fit (leaving room for the NUL). */
static int pct_append(char *out, size_t size, size_t *o, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		int plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')
		    || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~';

		if (*o + (plain ? 1 : 3) >= size)
			return -1;
		if (plain) {
			out[(*o)++] = (char)*p;
		} else {
			out[(*o)++] = '%';
			out[(*o)++] = hex[*p >> 4];
			out[(*o)++] = hex[*p & 15];
		}
	}
	out[*o] = '\0';
	return 0;
}

/* Appends the literal s to out[*o] (size bytes); returns 0, or -1 when it does not fit. */
static int lit_append(char *out, size_t size, size_t *o, const char *s)
{
	size_t n = strlen(s);

	if (*o + n >= size)
		return -1;
	memcpy(out + *o, s, n + 1);
	*o += n;
	return 0;
}

int totp_uri(const char *issuer, const char *account, const char *secret_b32, char *out, size_t size)
{
	unsigned char key[256];
	size_t o = 0;
	int klen;

	if (!out || size == 0)
		return -1;
	out[0] = '\0';
	if (!issuer || !*issuer || !account || !*account || !secret_b32)
		return -1;
	klen = totp_base32_decode(secret_b32, key, sizeof(key));
	OPENSSL_cleanse(key, sizeof(key));
	if (klen <= 0)
		return -1;
	if (lit_append(out, size, &o, "otpauth://totp/") || pct_append(out, size, &o, issuer)
	    || lit_append(out, size, &o, ":") || pct_append(out, size, &o, account)
	    || lit_append(out, size, &o, "?secret=") || pct_append(out, size, &o, secret_b32)
	    || lit_append(out, size, &o, "&issuer=") || pct_append(out, size, &o, issuer)
	    || lit_append(out, size, &o, "&algorithm=SHA1&digits=6&period=30")) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* The TOTP columns of one staff row. */
struct totp_row {
	char *sealed;		/* malloc'd staff.totp_secret, NULL when none */
	int enrolled;
	int disabled;
	int64_t last_step;
};

/* Reads staff member id's TOTP columns into r: 1 when found, 0 when no such member, -1 on error. */
static int row_load(int64_t id, struct totp_row *r)
{
	sqlite3_stmt *st = db_prepare("SELECT totp_secret, totp_enrolled, totp_last_step, disabled"
	    " FROM staff WHERE id = ?");
	int rc, found = -1;

	memset(r, 0, sizeof(*r));
	if (!st)
		return -1;
	if (db_bindv(st, "i", id) != 0) {
		sqlite3_reset(st);
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *s = sqlite3_column_text(st, 0);

		found = 1;
		if (s) {
			r->sealed = strdup((const char *)s);
			if (!r->sealed)
				found = -1;
		}
		r->enrolled = sqlite3_column_int(st, 1) != 0;
		r->last_step = sqlite3_column_int64(st, 2);
		r->disabled = sqlite3_column_int(st, 3) != 0;
	} else if (rc == SQLITE_DONE) {
		found = 0;
	} else {
		log_error("totp: reading staff %lld: %s", (long long)id, sqlite3_errmsg(db_handle()));
	}
	sqlite3_reset(st);
	return found;
}

/* Unseals a stored secret into a malloc'd base32 string that decodes to at least one byte and
 * is at most TOTP_SECRET_B32 characters long; NULL (logged) when it cannot. */
static char *secret_open(int64_t id, const char *sealed)
{
	unsigned char key[TOTP_SECRET_BYTES];
	char *plain = crypto_unseal(sealed);
	int n = plain && strlen(plain) <= TOTP_SECRET_B32
	    ? totp_base32_decode(plain, key, sizeof(key)) : -1;

	OPENSSL_cleanse(key, sizeof(key));
	if (n <= 0) {
		log_error("totp: the stored secret of staff %lld cannot be opened", (long long)id);
		if (plain) {
			OPENSSL_cleanse(plain, strlen(plain));
			free(plain);
		}
		return NULL;
	}
	return plain;
}

/* Wipes and frees a malloc'd string holding a secret. */
static void secret_free(char *s)
{
	if (s) {
		OPENSSL_cleanse(s, strlen(s));
		free(s);
	}
}

int totp_enrol_begin(int64_t staff_id, char secret_b32[33])
{
	int tries;

	secret_b32[0] = '\0';
	/* A second pass only when a concurrent call stored its secret between our read and write. */
	for (tries = 0; tries < 2; tries++) {
		struct totp_row r;
		char fresh[33], *sealed;
		int rc = row_load(staff_id, &r);

		if (rc <= 0)
			return -1;
		if (r.enrolled) {
			free(r.sealed);
			return 1;
		}
		if (r.sealed) {
			char *plain = secret_open(staff_id, r.sealed);

			free(r.sealed);
			if (!plain)
				return -1;
			memcpy(secret_b32, plain, strlen(plain) + 1);
			secret_free(plain);
			return 0;
		}
		if (totp_secret_new(fresh) != 0)
			return -1;
		sealed = crypto_seal(fresh);
		if (!sealed) {
			OPENSSL_cleanse(fresh, sizeof(fresh));
			return -1;
		}
		rc = db_exec("UPDATE staff SET totp_secret = ?, totp_enrolled = 0"
		    " WHERE id = ? AND totp_secret IS NULL AND totp_enrolled = 0",
		    "ti", sealed, staff_id);
		free(sealed);
		if (rc == 1)
			memcpy(secret_b32, fresh, sizeof(fresh));
		OPENSSL_cleanse(fresh, sizeof(fresh));
		if (rc != 0)
			return rc == 1 ? 0 : -1;
	}
	return -1;
}

int totp_verify(int64_t staff_id, const char *code)
{
	unsigned char key[TOTP_SECRET_BYTES];
	struct totp_row r;
	char *plain, want[TOTP_DIGITS + 1];
	int64_t now, step, s, matched = -1;
	int klen, rc, bad = 0;

	if (!code || strlen(code) != TOTP_DIGITS || strspn(code, "0123456789") != TOTP_DIGITS)
		return 0;
	rc = row_load(staff_id, &r);
	if (rc <= 0)
		return rc;
	if (!r.sealed || r.disabled) {
		free(r.sealed);
		return 0;
	}
	plain = secret_open(staff_id, r.sealed);
	if (!plain) {
		free(r.sealed);
		return -1;
	}
	klen = totp_base32_decode(plain, key, sizeof(key));
	secret_free(plain);
	now = clock_now();
	step = now >= 0 ? now / TOTP_PERIOD : 0;
	/* Every candidate step is computed and compared, whatever matched before. */
	for (s = step - 1; s <= step + 1; s++) {
		if (s < 0)
			continue;
		if (totp_code(key, (size_t)klen, s, TOTP_DIGITS, "SHA1", want) != 0) {
			bad = 1;
			continue;
		}
		if (crypto_equal(want, code, TOTP_DIGITS) && s > r.last_step && matched < 0)
			matched = s;
	}
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(want, sizeof(want));
	if (matched < 0) {
		free(r.sealed);
		return bad ? -1 : 0;
	}
	rc = db_exec("UPDATE staff SET totp_last_step = ?, totp_enrolled = 1"
	    " WHERE id = ? AND totp_secret = ? AND totp_last_step < ? AND disabled = 0",
	    "iiti", matched, staff_id, r.sealed, matched);
	free(r.sealed);
	return rc < 0 ? -1 : rc == 1;
}

int totp_enrolled(int64_t staff_id)
{
	return db_int("SELECT totp_enrolled FROM staff WHERE id = ?", 0, "i", staff_id) != 0;
}
