/* tests/unit/t_crypto.c: TAP tests of lib/crypto.c (known answers, password hashes, sealing, key file). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "crypto.h"
#include "tap.h"
#include "util.h"

/* The test master key: bytes 0x00..0x1f. */
static unsigned char test_key[32];

/* Writes n bytes of data to path (created or truncated, mode 0600); returns 0/-1. */
static int write_file(const char *path, const void *data, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int rc;

	if (fd < 0)
		return -1;
	rc = write(fd, data, n) == (ssize_t)n ? 0 : -1;
	close(fd);
	return rc;
}

/* Reads up to size bytes of path into buf; returns the count or -1. */
static long read_file(const char *path, void *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size);
	close(fd);
	return n;
}

/* Lowercase hex of n bytes into out. */
static void hex(const unsigned char *in, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", in[i]);
	out[2 * n] = '\0';
}

/* Before any key is loaded, everything keyed refuses. */
static void test_no_key(void)
{
	unsigned char mac[32];
	char idx[65];

	is_int(crypto_mac("csrf", "x", 1, mac), -1, "mac without a key fails");
	ok(crypto_seal("x") == NULL, "seal without a key fails");
	ok(crypto_unseal("v1.AAAA") == NULL, "unseal without a key fails");
	is_int(crypto_blind_index("x", idx), -1, "blind index without a key fails");
}

/* SHA-256 known answers (FIPS 180-2), of memory and of files. */
static void test_sha256(const char *dir)
{
	char out[65], path[512];
	char *big;

	crypto_sha256_hex("abc", 3, out);
	is_str(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256(\"abc\")");
	crypto_sha256_hex("", 0, out);
	is_str(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256(\"\")");
	crypto_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, out);
	is_str(out, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "sha256 of the 448-bit message");

	snprintf(path, sizeof path, "%s/abc", dir);
	write_file(path, "abc", 3);
	is_int(crypto_sha256_file(path, out), 0, "sha256_file reads a file");
	is_str(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256_file(\"abc\")");
	snprintf(path, sizeof path, "%s/empty", dir);
	write_file(path, "", 0);
	is_int(crypto_sha256_file(path, out), 0, "sha256_file reads an empty file");
	is_str(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256_file(empty)");
	/* A million 'a' spans many read buffers. */
	big = malloc(1000000);
	memset(big, 'a', 1000000);
	snprintf(path, sizeof path, "%s/million", dir);
	write_file(path, big, 1000000);
	free(big);
	is_int(crypto_sha256_file(path, out), 0, "sha256_file reads a 1 MB file");
	is_str(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "sha256_file(a x 10^6)");
	snprintf(path, sizeof path, "%s/missing", dir);
	is_int(crypto_sha256_file(path, out), -1, "sha256_file of a missing file fails");
	is_int(crypto_sha256_file(dir, out), -1, "sha256_file of a directory fails");
}

/* crypto_equal, crypto_random, crypto_token, crypto_code6, crypto_base64. */
static void test_random_and_encoding(void)
{
	static const struct {
		const char *in, *out;
	} b64[] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
	};
	static char tokens[200][44];
	unsigned char a[32], b[32];
	char code[7], *s, name[64];
	int i, j, bad, dup, first[10] = { 0 };
	size_t k;

	ok(crypto_equal("abcd", "abcd", 4), "equal: same bytes");
	ok(!crypto_equal("abcd", "abce", 4), "equal: last byte differs");
	ok(!crypto_equal("xbcd", "abcd", 4), "equal: first byte differs");
	ok(crypto_equal("a", "b", 0), "equal: zero bytes are equal");

	is_int(crypto_random(a, sizeof a), 0, "random: 32 bytes");
	is_int(crypto_random(b, sizeof b), 0, "random: 32 more bytes");
	ok(memcmp(a, b, sizeof a) != 0, "random: two draws differ");
	is_int(crypto_random(a, 0), 0, "random: zero bytes");

	bad = dup = 0;
	for (i = 0; i < 200; i++) {
		if (crypto_token(tokens[i]) != 0 || strlen(tokens[i]) != 43 ||
		    strspn(tokens[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != 43)
			bad++;
		for (j = 0; j < i; j++)
			dup += strcmp(tokens[i], tokens[j]) == 0;
	}
	is_int(bad, 0, "token: 200 tokens of 43 base64url characters");
	is_int(dup, 0, "token: 200 tokens all distinct");
	/* 256 bits in 43 characters: the last carries 4 bits, so it is one of 16. */
	bad = 0;
	for (i = 0; i < 200; i++)
		bad += strchr("AEIMQUYcgkosw048", tokens[i][42]) == NULL;
	is_int(bad, 0, "token: last character carries no stray bits");

	bad = 0;
	for (i = 0; i < 10000; i++) {
		if (crypto_code6(code) != 0 || strlen(code) != 6 || strspn(code, "0123456789") != 6) {
			bad++;
			continue;
		}
		first[code[0] - '0']++;
	}
	is_int(bad, 0, "code6: 10000 codes of exactly 6 digits");
	/* Binomial(10000, 0.1): 800..1200 is more than 6 standard deviations either way. */
	bad = 0;
	for (i = 0; i < 10; i++)
		bad += first[i] < 800 || first[i] > 1200;
	is_int(bad, 0, "code6: every leading digit (0 included) about 1 in 10");

	for (k = 0; k < nitems(b64); k++) {
		s = crypto_base64(b64[k].in, strlen(b64[k].in));
		snprintf(name, sizeof name, "base64(\"%s\") (RFC 4648)", b64[k].in);
		is_str(s, b64[k].out, name);
		free(s);
	}
	s = crypto_base64("\xfb\xff\xbf", 3);
	is_str(s, "+/+/", "base64 uses + and /");
	free(s);
}

/* Password hashing: format, round trip, wrong passwords, truncation, RFC 7914 vectors, malformed strings. */
static void test_password(void)
{
	static const char *const malformed[] = {
		"", "$scrypt$", "$scrypt$ln=4,r=8,p=1$", "$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA",
		"$SCRYPT$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$bcrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=0,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=21,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=99,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=100,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=04,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=-4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,r=0,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,r=17,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,r=8,p=0$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,r=8,p=17$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,p=1,r=8$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,r=8$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,r=8,p=1$$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$",
		"$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdof",
		"$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofIA",
		"$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI=",
		"$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA==$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,r=8,p=1$c2Fsd*NhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI$",
		"$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o-7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofJ",
		"$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$ cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI",
		"$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI\n",
	};
	char *h, *h2, longpw[1001], name[160];
	size_t i;
	int bad;

	is_int(CRYPTO_SCRYPT_LOGN, 15, "CRYPTO_SCRYPT_LOGN is the production cost 15 (N = 32768)");

	h = crypto_password_hash("correct horse 1", 4);
	ok(h != NULL, "password hash at ln=4");
	if (h == NULL)
		return;
	is_int((long long)strlen(h), 21 + 22 + 1 + 43, "password hash length");
	ok(strncmp(h, "$scrypt$ln=4,r=8,p=1$", 21) == 0, "password hash prefix");
	ok(h[21 + 22] == '$' && strspn(h + 21, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") == 22,
	   "password hash salt is 22 base64 characters");
	ok(strspn(h + 44, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") == 43,
	   "password hash hash is 43 base64 characters");
	is_int(crypto_password_cost(h), 4, "password cost recorded");
	is_int(crypto_password_verify("correct horse 1", h), 1, "password verifies");
	is_int(crypto_password_verify("correct horse 2", h), 0, "wrong password refused");
	is_int(crypto_password_verify("correct horse ", h), 0, "prefix of the password refused");
	is_int(crypto_password_verify("correct horse 11", h), 0, "password plus a character refused");
	is_int(crypto_password_verify("Correct horse 1", h), 0, "password case matters");
	is_int(crypto_password_verify("", h), 0, "empty password refused");
	is_int(crypto_password_verify(NULL, h), 0, "NULL password refused");
	/* A change in the last bytes of the hash (the second half) is a mismatch, not malformed. */
	h2 = strdup(h);
	h2[strlen(h2) - 3] = h2[strlen(h2) - 3] == 'A' ? 'B' : 'A';
	is_int(crypto_password_verify("correct horse 1", h2), 0, "hash changed near its end refused");
	free(h2);
	h2 = crypto_password_hash("correct horse 1", 4);
	ok(h2 != NULL && strcmp(h, h2) != 0, "two hashes of one password differ (salt)");
	is_int(crypto_password_verify("correct horse 1", h2), 1, "second hash verifies");
	free(h);
	free(h2);

	/* Never truncated: 1000 characters, differing only in the last. */
	memset(longpw, 'a', 999);
	longpw[999] = '1';
	longpw[1000] = '\0';
	h = crypto_password_hash(longpw, 4);
	is_int(crypto_password_verify(longpw, h), 1, "1000-character password verifies");
	longpw[999] = '2';
	is_int(crypto_password_verify(longpw, h), 0, "1000-character password differing in the last character refused");
	longpw[72] = '\0';
	is_int(crypto_password_verify(longpw, h), 0, "its first 72 characters refused");
	free(h);

	ok(crypto_password_hash("x", 0) == NULL, "password hash refuses ln=0");
	ok(crypto_password_hash("x", 21) == NULL, "password hash refuses ln=21");
	ok(crypto_password_hash(NULL, 4) == NULL, "password hash refuses NULL");

	/* RFC 7914 section 12 vectors (first 32 bytes of the 64-byte outputs), in our format. */
	is_int(crypto_password_verify("pleaseletmein",
				      "$scrypt$ln=14,r=8,p=1$U29kaXVtQ2hsb3JpZGU$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI"),
	       1, "RFC 7914 vector (N=16384, r=8, p=1)");
	is_int(crypto_password_verify("pleaseletmeim",
				      "$scrypt$ln=14,r=8,p=1$U29kaXVtQ2hsb3JpZGU$cCO9yzr9c0hGHAbNgf046/2o+7qQT44+qbVD9lRdofI"),
	       0, "RFC 7914 vector with a wrong password");
	is_int(crypto_password_verify("password", "$scrypt$ln=10,r=8,p=16$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWI"),
	       1, "RFC 7914 vector (N=1024, r=8, p=16): r and p parsed from the string");
	is_int(crypto_password_cost("$scrypt$ln=10,r=8,p=16$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWI"),
	       10, "cost of the RFC 7914 vector");

	bad = 0;
	for (i = 0; i < nitems(malformed); i++) {
		int v = crypto_password_verify("pleaseletmein", malformed[i]);
		int c = crypto_password_cost(malformed[i]);

		if (v != -1 || c != -1) {
			snprintf(name, sizeof name, "# malformed string %zu accepted (verify %d, cost %d)\n", i, v, c);
			fputs(name, stdout);
			bad++;
		}
	}
	is_int(bad, 0, "every malformed stored string: verify -1 and cost -1");
	is_int(crypto_password_verify("x", NULL), -1, "verify of a NULL stored string: -1");
	is_int(crypto_password_cost(NULL), -1, "cost of a NULL stored string: -1");

	/* One hash at the production cost. */
	h = crypto_password_hash("production 1", CRYPTO_SCRYPT_LOGN);
	ok(h != NULL && strncmp(h, "$scrypt$ln=15,r=8,p=1$", 22) == 0, "production hash records ln=15,r=8,p=1");
	is_int(crypto_password_cost(h), 15, "production hash cost is 15");
	is_int(crypto_password_verify("production 1", h), 1, "production hash verifies");
	free(h);
}

/* crypto_key_load: creation with mode 0600, no overwrite, wrong sizes, missing files. */
static void test_key_file(const char *dir)
{
	char path[512], other[512];
	unsigned char k1[64], k2[64], mac1[32], mac2[32];
	struct stat st;
	mode_t old;

	memset(k1, 0, sizeof k1);
	memset(k2, 0, sizeof k2);
	snprintf(path, sizeof path, "%s/master.key", dir);
	is_int(crypto_key_load(path, 0), -1, "key load of a missing file without create fails");
	ok(stat(path, &st) != 0, "key load without create made no file");

	old = umask(0);
	is_int(crypto_key_load(path, 1), 0, "key load with create makes the file");
	umask(old);
	ok(stat(path, &st) == 0 && S_ISREG(st.st_mode), "key file exists");
	is_int(st.st_mode & 07777, 0600, "key file mode is 0600 even under umask 0");
	is_int((long long)st.st_size, 32, "key file holds 32 bytes");
	is_int(read_file(path, k1, sizeof k1), 32, "key file read back");
	is_int(crypto_mac("t", "d", 1, mac1), 0, "mac under the created key");

	is_int(crypto_key_load(path, 1), 0, "key load with create of an existing file");
	is_int(read_file(path, k2, sizeof k2), 32, "key file read again");
	ok(memcmp(k1, k2, 32) == 0, "an existing key file is never overwritten");
	crypto_key_set(k1);
	is_int(crypto_mac("t", "d", 1, mac2), 0, "mac under the same key set directly");
	ok(memcmp(mac1, mac2, 32) == 0, "the loaded key is the file's content");

	snprintf(other, sizeof other, "%s/second.key", dir);
	is_int(crypto_key_load(other, 1), 0, "a second created key file");
	is_int(read_file(other, k2, sizeof k2), 32, "second key file read");
	ok(memcmp(k1, k2, 32) != 0, "two created keys differ");
	crypto_key_set(k1);

	snprintf(other, sizeof other, "%s/short.key", dir);
	write_file(other, k1, 31);
	is_int(crypto_key_load(other, 0), -1, "a 31-byte key file is refused");
	is_int(crypto_key_load(other, 1), -1, "a 31-byte key file is refused with create");
	is_int(read_file(other, k2, sizeof k2), 31, "the short key file is left alone");
	snprintf(other, sizeof other, "%s/long.key", dir);
	write_file(other, k1, 33);
	is_int(crypto_key_load(other, 0), -1, "a 33-byte key file is refused");
	snprintf(other, sizeof other, "%s/empty.key", dir);
	write_file(other, "", 0);
	is_int(crypto_key_load(other, 1), -1, "an empty key file is refused");
	is_int(crypto_key_load(dir, 1), -1, "a directory is refused as a key file");
	snprintf(other, sizeof other, "%s/no/such/dir.key", dir);
	is_int(crypto_key_load(other, 1), -1, "a key file in a missing directory fails");
	is_int(crypto_key_load("", 1), -1, "an empty key path fails");
	is_int(crypto_key_load(NULL, 1), -1, "a NULL key path fails");

	/* A failed load leaves the previous key in place. */
	is_int(crypto_mac("t", "d", 1, mac2), 0, "mac after failed loads");
	ok(memcmp(mac1, mac2, 32) == 0, "failed loads keep the previous key");
}

/* crypto_mac and crypto_blind_index: known answers, label separation, key dependence. */
static void test_mac(void)
{
	unsigned char m1[32], m2[32], other[32];
	char out[65], idx1[65], idx2[65];

	crypto_key_set(test_key);
	/* Known answers computed with Python's hmac module over SM3. */
	is_int(crypto_mac("csrf", "hello", 5, m1), 0, "mac with a key");
	hex(m1, 32, out);
	is_str(out, "9f551e8bba86d23e2253d47d887c23a80348ddf1f37af6b5338ae02cb90c7861",
	       "mac = HMAC-SM3(HMAC-SM3(master, label), data) known answer");
	is_int(crypto_mac("csrf", "hello", 5, m2), 0, "mac again");
	ok(memcmp(m1, m2, 32) == 0, "mac is deterministic");
	crypto_mac("check", "hello", 5, m2);
	ok(memcmp(m1, m2, 32) != 0, "mac: different labels give different macs");
	crypto_mac("csrf", "hellp", 5, m2);
	ok(memcmp(m1, m2, 32) != 0, "mac: different data give different macs");
	crypto_mac("ab", "c", 1, m1);
	crypto_mac("a", "bc", 2, m2);
	ok(memcmp(m1, m2, 32) != 0, "mac: label/data boundary is not ambiguous");
	is_int(crypto_mac("x", NULL, 0, m1), 0, "mac of empty data");
	is_int(crypto_mac("seal-enc", "x", 1, m1), -1, "mac refuses the sealing label seal-enc");
	is_int(crypto_mac("seal-mac", "x", 1, m1), -1, "mac refuses the sealing label seal-mac");
	is_int(crypto_mac(NULL, "x", 1, m1), -1, "mac refuses a NULL label");

	is_int(crypto_blind_index("11010519491231002X", idx1), 0, "blind index");
	is_str(idx1, "ea5a091956efcadaeef444aab58c338f4c82fee3f2ffdbf319a45304bc9fe2fe", "blind index known answer");
	crypto_mac("blind-index", "11010519491231002X", 18, m1);
	hex(m1, 32, out);
	is_str(idx1, out, "blind index is the hex mac under label blind-index");
	crypto_blind_index("11010519491231002X", idx2);
	is_str(idx2, idx1, "blind index is deterministic");
	crypto_blind_index("110105194912310021", idx2);
	ok(strcmp(idx1, idx2) != 0, "blind index differs for a different value");
	is_int(crypto_blind_index(NULL, idx2), -1, "blind index of NULL fails");

	memcpy(other, test_key, 32);
	other[31] ^= 1;
	crypto_key_set(other);
	crypto_blind_index("11010519491231002X", idx2);
	ok(strcmp(idx1, idx2) != 0, "blind index depends on the key");
	crypto_mac("csrf", "hello", 5, m2);
	crypto_key_set(test_key);
	crypto_mac("csrf", "hello", 5, m1);
	ok(memcmp(m1, m2, 32) != 0, "mac depends on the key");
}

/* Checks sealed against the documented format with OpenSSL directly: base64 of
 * IV16 || SM4-CTR(K_enc[0..16], IV, plain) || HMAC-SM3(K_mac, "v1." || IV || ct). Returns 1 when it holds. */
static int seal_format_ok(const char *sealed, const char *plain)
{
	unsigned char kenc[32], kmac[32], tag[32], *raw, *pt, *mac_in;
	size_t n = strlen(plain), blen, rawlen, taglen = 0;
	int len = 0, fin = 0, good = 0;
	EVP_CIPHER_CTX *ctx;

	if (strncmp(sealed, "v1.", 3) != 0)
		return 0;
	blen = strlen(sealed + 3);
	raw = malloc(blen + 1);
	pt = malloc(n + 16);
	mac_in = malloc(3 + 16 + n);
	if (EVP_DecodeBlock(raw, (const unsigned char *)sealed + 3, (int)blen) < 0)
		goto out;
	rawlen = blen / 4 * 3 - (sealed[3 + blen - 1] == '=') - (sealed[3 + blen - 2] == '=');
	if (rawlen != 16 + n + 32)
		goto out;
	EVP_Q_mac(NULL, "HMAC", NULL, "SM3", NULL, test_key, 32, (const unsigned char *)"seal-enc", 8, kenc, 32, NULL);
	EVP_Q_mac(NULL, "HMAC", NULL, "SM3", NULL, test_key, 32, (const unsigned char *)"seal-mac", 8, kmac, 32, NULL);
	memcpy(mac_in, "v1.", 3);
	memcpy(mac_in + 3, raw, 16 + n);
	EVP_Q_mac(NULL, "HMAC", NULL, "SM3", NULL, kmac, 32, mac_in, 3 + 16 + n, tag, 32, &taglen);
	if (taglen != 32 || memcmp(tag, raw + 16 + n, 32) != 0)
		goto out;
	/* The tag covers the version prefix: without it, it would not match. */
	EVP_Q_mac(NULL, "HMAC", NULL, "SM3", NULL, kmac, 32, raw, 16 + n, tag, 32, &taglen);
	if (memcmp(tag, raw + 16 + n, 32) == 0)
		goto out;
	ctx = EVP_CIPHER_CTX_new();
	if (EVP_DecryptInit_ex(ctx, EVP_sm4_ctr(), NULL, kenc, raw) == 1 &&
	    EVP_DecryptUpdate(ctx, pt, &len, raw + 16, (int)n) == 1 &&
	    EVP_DecryptFinal_ex(ctx, pt + len, &fin) == 1 && (size_t)(len + fin) == n && memcmp(pt, plain, n) == 0)
		good = 1;
	EVP_CIPHER_CTX_free(ctx);
out:
	free(raw);
	free(pt);
	free(mac_in);
	return good;
}

/* crypto_seal / crypto_unseal: round trips, format, randomness, tampering, malformed input. */
static void test_seal(void)
{
	static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
	static const char *const plains[] = {
		"11010519491231002X", "", "E12345678", "福建省福州市鼓楼区", "a",
	};
	char *s, *s2, *p, *copy, big[5001];
	unsigned char other[32];
	size_t i, j, n;
	int bad, tries;

	crypto_key_set(test_key);
	for (i = 0; i < nitems(plains); i++) {
		char name[128];

		s = crypto_seal(plains[i]);
		p = s != NULL ? crypto_unseal(s) : NULL;
		snprintf(name, sizeof name, "seal round trip %zu", i);
		is_str(p, plains[i], name);
		snprintf(name, sizeof name, "seal format %zu (checked with OpenSSL directly)", i);
		ok(s != NULL && seal_format_ok(s, plains[i]), name);
		free(s);
		free(p);
	}
	memset(big, 'x', 5000);
	big[5000] = '\0';
	s = crypto_seal(big);
	p = crypto_unseal(s);
	is_str(p, big, "seal round trip of 5000 bytes");
	free(s);
	free(p);
	ok(crypto_seal(NULL) == NULL, "seal of NULL fails");

	s = crypto_seal("11010519491231002X");
	s2 = crypto_seal("11010519491231002X");
	ok(s != NULL && s2 != NULL && strcmp(s, s2) != 0, "two seals of the same text differ");
	ok(strncmp(s, "v1.", 3) == 0, "sealed text starts with v1.");
	ok(strstr(s, "11010519491231002X") == NULL, "sealed text does not contain the plain text");
	free(s2);

	/* Any single changed byte, anywhere (prefix included), to any base64 character or a
	 * flipped low bit, makes it unopenable: the strict decoder leaves no spare bits. */
	n = strlen(s);
	copy = strdup(s);
	bad = tries = 0;
	for (i = 0; i < n; i++) {
		for (j = 0; j <= sizeof b64chars - 1; j++) {
			char c = j < sizeof b64chars - 1 ? b64chars[j] : (char)(s[i] ^ 1);

			if (c == s[i])
				continue;
			copy[i] = c;
			p = crypto_unseal(copy);
			tries++;
			if (p != NULL) {
				printf("# opened with byte %zu changed to '%c'\n", i, c);
				bad++;
				free(p);
			}
		}
		copy[i] = s[i];
	}
	ok(tries > 5000, "tampering: thousands of single-byte changes tried");
	is_int(bad, 0, "tampering: no single changed byte opens");
	p = crypto_unseal(copy);
	ok(p != NULL, "the restored copy opens again");
	free(p);

	/* Every truncation, and appended characters. */
	bad = 0;
	for (i = 0; i < n; i++) {
		copy[i] = '\0';
		p = crypto_unseal(copy);
		bad += p != NULL;
		free(p);
		copy[i] = s[i];
	}
	is_int(bad, 0, "every truncation is refused");
	free(copy);
	copy = malloc(n + 6);
	snprintf(copy, n + 6, "%sAAAA", s);
	ok(crypto_unseal(copy) == NULL, "appended base64 is refused");
	snprintf(copy, n + 6, "%s\n", s);
	ok(crypto_unseal(copy) == NULL, "an appended newline is refused");
	free(copy);

	memcpy(other, test_key, 32);
	other[0] ^= 0x80;
	crypto_key_set(other);
	ok(crypto_unseal(s) == NULL, "unseal under another key fails");
	crypto_key_set(test_key);
	free(s);

	ok(crypto_unseal(NULL) == NULL, "unseal of NULL");
	ok(crypto_unseal("") == NULL, "unseal of the empty string");
	ok(crypto_unseal("v1.") == NULL, "unseal of the bare prefix");
	ok(crypto_unseal("v1.====") == NULL, "unseal of padding only");
	ok(crypto_unseal("11010519491231002X") == NULL, "unseal of a plain ID number");
	/* 47 bytes: one short of IV + tag. */
	s = crypto_base64("0123456789abcdef0123456789abcdef0123456789abcde", 47);
	copy = malloc(strlen(s) + 4);
	sprintf(copy, "v1.%s", s);
	ok(crypto_unseal(copy) == NULL, "unseal of 47 bytes (shorter than IV + tag)");
	free(copy);
	free(s);
	s = crypto_seal("x");
	s[1] = '2';
	ok(crypto_unseal(s) == NULL, "unseal of version v2");
	free(s);
}

int main(void)
{
	static const char *const files[] = {
		"abc", "empty", "million", "master.key", "second.key", "short.key", "long.key", "empty.key",
	};
	char dir[] = "/tmp/t_crypto.XXXXXX", path[64];
	size_t i;

	for (i = 0; i < 32; i++)
		test_key[i] = (unsigned char)i;
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	test_no_key();
	test_sha256(dir);
	test_random_and_encoding();
	test_password();
	test_key_file(dir);
	test_mac();
	test_seal();
	for (i = 0; i < nitems(files); i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	if (rmdir(dir) != 0)
		printf("# could not remove %s\n", dir);
	return done_testing();
}
