/* lib/crypto.c: random tokens, scrypt password hashes, SM4-CTR + HMAC-SM3 sealing, blind index, SHA-256 (OpenSSL 3). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "crypto.h"
#include "util.h"

/* The master key every derived key comes from, and whether one was loaded or set. */
static unsigned char master_key[32];
static int master_loaded;

static const char b64_std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64_url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#define SEAL_PREFIX "v1."
#define SEAL_IV 16
#define SEAL_TAG 32
#define PW_SALT 16
#define PW_HASH 32

/* Encodes n bytes into out (room for 4 * ceil(n / 3) + 1) with the given alphabet, with or
 * without '=' padding, NUL-terminated. */
static void b64_encode(const unsigned char *in, size_t n, const char *alpha, int pad, char *out)
{
	size_t i, o = 0;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];

		out[o++] = alpha[v >> 18];
		out[o++] = alpha[(v >> 12) & 63];
		out[o++] = alpha[(v >> 6) & 63];
		out[o++] = alpha[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);

		out[o++] = alpha[v >> 18];
		out[o++] = alpha[(v >> 12) & 63];
		if (i + 1 < n)
			out[o++] = alpha[(v >> 6) & 63];
		else if (pad)
			out[o++] = '=';
		if (pad)
			out[o++] = '=';
	}
	out[o] = '\0';
}

/* The value of a standard base64 character, or -1. */
static int b64_value(char c)
{
	const char *p;

	if (c == '\0' || (p = strchr(b64_std, c)) == NULL)
		return -1;
	return (int)(p - b64_std);
}

/* Decodes len characters of standard base64 (padded when pad is set, else without '=')
 * into out, at most outsize bytes. Strict: rejects any other character, wrong padding and
 * non-zero unused bits, so every byte string has exactly one accepted encoding.
 * Returns the decoded length, or -1. */
static long b64_decode(const char *s, size_t len, int pad, unsigned char *out, size_t outsize)
{
	size_t i, o = 0, rest;
	uint32_t acc = 0;
	int bits = 0;

	/* Up to two '=' ending a multiple of 4 always leave the matching remainder (3 or 2);
	 * an '=' anywhere else fails as a character. */
	if (pad) {
		if (len % 4 != 0)
			return -1;
		if (len > 0 && s[len - 1] == '=')
			len--;
		if (len > 0 && s[len - 1] == '=')
			len--;
	}
	rest = len % 4;
	if (rest == 1)
		return -1;
	if (len / 4 * 3 + (rest ? rest - 1 : 0) > outsize)
		return -1;
	for (i = 0; i < len; i++) {
		int v = b64_value(s[i]);

		if (v < 0)
			return -1;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (acc != 0)
		return -1;
	return (long)o;
}

/* Writes n bytes as lowercase hex into out (room for 2n + 1). */
static void to_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

int crypto_random(void *buf, size_t n)
{
	unsigned char *p = buf;

	/* RAND_bytes takes an int. */
	while (n > 0) {
		int chunk = n > INT_MAX ? INT_MAX : (int)n;

		if (RAND_bytes(p, chunk) != 1)
			return -1;
		p += chunk;
		n -= (size_t)chunk;
	}
	return 0;
}

int crypto_token(char out[44])
{
	unsigned char r[32];

	if (crypto_random(r, sizeof r) != 0)
		return -1;
	b64_encode(r, sizeof r, b64_url, 0, out);
	OPENSSL_cleanse(r, sizeof r);
	return 0;
}

int crypto_code6(char out[7])
{
	/* 4294 * 10^6 is the largest multiple of 10^6 within 2^32: draws at or above it are
	 * redrawn, so every code is exactly equally likely. */
	for (;;) {
		uint32_t r;

		if (crypto_random(&r, sizeof r) != 0)
			return -1;
		if (r < 4294000000u) {
			snprintf(out, 7, "%06u", (unsigned)(r % 1000000));
			return 0;
		}
	}
}

/* An empty string when the digest fails (which OpenSSL never does for SHA-256 in practice);
 * it matches no stored 64-character hash. */
void crypto_sha256_hex(const void *data, size_t n, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (EVP_Digest(data, n, md, &len, EVP_sha256(), NULL) != 1 || len != 32) {
		out[0] = '\0';
		return;
	}
	to_hex(md, 32, out);
}

int crypto_sha256_file(const char *path, char out[65])
{
	unsigned char buf[16384], md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD_CTX *ctx = NULL;
	int fd, rc = -1;
	ssize_t n;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if ((ctx = EVP_MD_CTX_new()) == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		goto out;
	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto out;
		if (n == 0)
			break;
		if (EVP_DigestUpdate(ctx, buf, (size_t)n) != 1)
			goto out;
	}
	if (EVP_DigestFinal_ex(ctx, md, &len) != 1 || len != 32)
		goto out;
	to_hex(md, 32, out);
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	close(fd);
	return rc;
}

int crypto_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

/* scrypt(pw, salt, N = 2^logn, r, p) into out[outlen] through EVP_KDF, with the memory
 * limit set to exactly what these parameters need. Returns 0/-1. */
static int scrypt_derive(const char *pw, const unsigned char *salt, size_t saltlen,
			 int logn, unsigned r, unsigned p, unsigned char *out, size_t outlen)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL);
	EVP_KDF_CTX *ctx = kdf != NULL ? EVP_KDF_CTX_new(kdf) : NULL;
	uint64_t n = (uint64_t)1 << logn;
	/* OpenSSL's own accounting: B = 128 r p bytes, V/X/T = 128 r (N + 2) bytes. */
	uint64_t maxmem = 128 * (uint64_t)r * (n + 2) + 128 * (uint64_t)r * p;
	uint32_t r32 = r, p32 = p;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, (void *)pw, strlen(pw)),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, saltlen),
		OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
		OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r32),
		OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p32),
		OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
		OSSL_PARAM_construct_end(),
	};
	int rc = ctx != NULL && EVP_KDF_derive(ctx, out, outlen, params) == 1 ? 0 : -1;

	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return rc;
}

/* Reads a decimal number of 1 or 2 digits without a leading zero at *s, advancing *s;
 * returns it, or -1. */
static int parse_small(const char **s)
{
	const char *p = *s;
	int v;

	if (*p < '1' || *p > '9')
		return -1;
	v = *p++ - '0';
	if (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	*s = p;
	return v;
}

/* Skips the literal lit at *s; 0 when it is there, -1 otherwise. */
static int expect(const char **s, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*s, lit, n) != 0)
		return -1;
	*s += n;
	return 0;
}

/* A parsed "$scrypt$ln=L,r=R,p=P$SALT$HASH". */
struct pwhash {
	int logn;
	unsigned r, p;
	unsigned char salt[64];
	size_t saltlen;
	unsigned char hash[PW_HASH];
};

/* Parses stored strictly: ln 1-20, r and p 1-16, salt 1-64 bytes and hash 32 bytes in
 * unpadded standard base64. Returns 0, or -1 when malformed. */
static int pw_parse(const char *stored, struct pwhash *h)
{
	const char *s = stored, *dollar;
	long n;
	int r, p;

	if (stored == NULL || expect(&s, "$scrypt$ln=") != 0 || (h->logn = parse_small(&s)) < 1 ||
	    h->logn > 20 || expect(&s, ",r=") != 0 || (r = parse_small(&s)) < 1 || r > 16 ||
	    expect(&s, ",p=") != 0 || (p = parse_small(&s)) < 1 || p > 16 || expect(&s, "$") != 0 ||
	    (dollar = strchr(s, '$')) == NULL)
		return -1;
	h->r = (unsigned)r;
	h->p = (unsigned)p;
	n = b64_decode(s, (size_t)(dollar - s), 0, h->salt, sizeof h->salt);
	if (n < 1)
		return -1;
	h->saltlen = (size_t)n;
	s = dollar + 1;
	if (b64_decode(s, strlen(s), 0, h->hash, sizeof h->hash) != PW_HASH)
		return -1;
	return 0;
}

char *crypto_password_hash(const char *pw, int logn)
{
	unsigned char salt[PW_SALT], hash[PW_HASH];
	char salt64[4 * ((PW_SALT + 2) / 3) + 1], hash64[4 * ((PW_HASH + 2) / 3) + 1];
	char *out = NULL;
	size_t size = 128;

	if (pw == NULL || logn < 1 || logn > 20 || crypto_random(salt, sizeof salt) != 0 ||
	    scrypt_derive(pw, salt, sizeof salt, logn, 8, 1, hash, sizeof hash) != 0)
		goto out;
	b64_encode(salt, sizeof salt, b64_std, 0, salt64);
	b64_encode(hash, sizeof hash, b64_std, 0, hash64);
	if ((out = malloc(size)) != NULL)
		snprintf(out, size, "$scrypt$ln=%d,r=8,p=1$%s$%s", logn, salt64, hash64);
out:
	OPENSSL_cleanse(hash, sizeof hash);
	return out;
}

/* A NULL pw is a mismatch; a stored string whose derivation fails (e.g. out of memory)
 * answers -1 like a malformed one. */
int crypto_password_verify(const char *pw, const char *stored)
{
	struct pwhash h;
	unsigned char got[PW_HASH];
	int rc;

	if (pw_parse(stored, &h) != 0)
		return -1;
	if (pw == NULL)
		return 0;
	if (scrypt_derive(pw, h.salt, h.saltlen, h.logn, h.r, h.p, got, sizeof got) != 0)
		return -1;
	rc = CRYPTO_memcmp(got, h.hash, PW_HASH) == 0;
	OPENSSL_cleanse(got, sizeof got);
	return rc;
}

int crypto_password_cost(const char *stored)
{
	struct pwhash h;

	return pw_parse(stored, &h) == 0 ? h.logn : -1;
}

/* fsyncs the directory holding path so a new file's name is durable too; best effort,
 * since some file systems refuse fsync on a directory. */
static void sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? strdup(".") : slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
	int fd;

	if (dir == NULL)
		return;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Creates a new key file at path (O_EXCL, mode 0600) holding 32 random bytes, durably.
 * Returns 0 when created, 1 when a file already exists there (another process won the race),
 * -1 with a message on stderr. A partly written file is removed. */
static int key_create(const char *path)
{
	unsigned char key[32];
	int fd, saved;

	if (crypto_random(key, sizeof key) != 0) {
		fprintf(stderr, "certdesk: key file %s: no random bytes\n", path);
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		saved = errno;
		OPENSSL_cleanse(key, sizeof key);
		if (saved == EEXIST)
			return 1;
		fprintf(stderr, "certdesk: cannot create key file %s: %s\n", path, strerror(saved));
		return -1;
	}
	if (util_write_all(fd, key, sizeof key) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(path);
		OPENSSL_cleanse(key, sizeof key);
		fprintf(stderr, "certdesk: cannot write key file %s: %s\n", path, strerror(saved));
		return -1;
	}
	OPENSSL_cleanse(key, sizeof key);
	if (close(fd) != 0) {
		saved = errno;
		unlink(path);
		fprintf(stderr, "certdesk: cannot write key file %s: %s\n", path, strerror(saved));
		return -1;
	}
	sync_parent(path);
	return 0;
}

/* Besides refusing anything but a regular file of exactly 32 bytes, warns on stderr when
 * the file is readable or writable by group or others. */
int crypto_key_load(const char *path, int create)
{
	unsigned char key[32];
	struct stat st;
	int fd;
	ssize_t n;

	if (path == NULL || path[0] == '\0') {
		fprintf(stderr, "certdesk: no key file configured\n");
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		if (key_create(path) < 0)
			return -1;
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		fprintf(stderr, "certdesk: cannot open key file %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != (off_t)sizeof key) {
		fprintf(stderr, "certdesk: key file %s is not a regular file of %zu bytes\n", path, sizeof key);
		close(fd);
		return -1;
	}
	if (st.st_mode & 077)
		fprintf(stderr, "certdesk: warning: key file %s is accessible to group or others (chmod 600 it)\n", path);
	do
		n = read(fd, key, sizeof key);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n != (ssize_t)sizeof key) {
		fprintf(stderr, "certdesk: cannot read key file %s\n", path);
		OPENSSL_cleanse(key, sizeof key);
		return -1;
	}
	crypto_key_set(key);
	OPENSSL_cleanse(key, sizeof key);
	return 0;
}

void crypto_key_set(const unsigned char key[32])
{
	memcpy(master_key, key, sizeof master_key);
	master_loaded = 1;
}

/* HMAC-SM3 under key over a then b (either may be empty) into out[32]. Returns 0/-1. */
static int hmac_sm3(const unsigned char *key, size_t keylen, const void *a, size_t an,
		    const void *b, size_t bn, unsigned char out[32])
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)"SM3", 0),
		OSSL_PARAM_construct_end(),
	};
	size_t len = 0;
	int rc = -1;

	if (ctx != NULL && EVP_MAC_init(ctx, key, keylen, params) == 1 &&
	    (an == 0 || EVP_MAC_update(ctx, a, an) == 1) &&
	    (bn == 0 || EVP_MAC_update(ctx, b, bn) == 1) &&
	    EVP_MAC_final(ctx, out, &len, 32) == 1 && len == 32)
		rc = 0;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return rc;
}

/* K_label = HMAC-SM3(master, label) into out[32]; -1 when no key is loaded. */
static int derive_key(const char *label, unsigned char out[32])
{
	if (!master_loaded)
		return -1;
	return hmac_sm3(master_key, sizeof master_key, label, strlen(label), NULL, 0, out);
}

/* The sealing keys come from the same derivation (HMAC-SM3(master, "seal-enc"/"seal-mac")),
 * so those two labels are refused here: crypto_mac("seal-mac", ...) would forge seal tags. */
int crypto_mac(const char *label, const void *data, size_t n, unsigned char out[32])
{
	unsigned char k[32];
	int rc;

	if (label == NULL || strcmp(label, "seal-enc") == 0 || strcmp(label, "seal-mac") == 0 ||
	    derive_key(label, k) != 0)
		return -1;
	rc = hmac_sm3(k, sizeof k, data, n, NULL, 0, out);
	OPENSSL_cleanse(k, sizeof k);
	return rc;
}

/* SM4-CTR of n bytes under the first 16 bytes of key with iv into out (the same
 * operation encrypts and decrypts). Returns 0/-1. */
static int sm4_ctr(const unsigned char key[32], const unsigned char iv[SEAL_IV],
		   const unsigned char *in, size_t n, unsigned char *out)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int len = 0, fin = 0, rc = -1;

	if (ctx != NULL && n <= INT_MAX && EVP_EncryptInit_ex(ctx, EVP_sm4_ctr(), NULL, key, iv) == 1 &&
	    (n == 0 || EVP_EncryptUpdate(ctx, out, &len, in, (int)n) == 1) &&
	    EVP_EncryptFinal_ex(ctx, out + len, &fin) == 1 && (size_t)len + (size_t)fin == n)
		rc = 0;
	EVP_CIPHER_CTX_free(ctx);
	return rc;
}

char *crypto_seal(const char *plain)
{
	unsigned char kenc[32], kmac[32], *buf = NULL;
	char *out = NULL;
	size_t n, total;

	if (plain == NULL || (n = strlen(plain)) > INT_MAX - SEAL_IV - SEAL_TAG)
		return NULL;
	total = SEAL_IV + n + SEAL_TAG;
	if (derive_key("seal-enc", kenc) != 0 || derive_key("seal-mac", kmac) != 0 ||
	    (buf = malloc(total)) == NULL || crypto_random(buf, SEAL_IV) != 0 ||
	    sm4_ctr(kenc, buf, (const unsigned char *)plain, n, buf + SEAL_IV) != 0 ||
	    hmac_sm3(kmac, sizeof kmac, SEAL_PREFIX, strlen(SEAL_PREFIX), buf, SEAL_IV + n,
		     buf + SEAL_IV + n) != 0 ||
	    (out = malloc(strlen(SEAL_PREFIX) + 4 * ((total + 2) / 3) + 1)) == NULL)
		goto out;
	memcpy(out, SEAL_PREFIX, strlen(SEAL_PREFIX));
	b64_encode(buf, total, b64_std, 1, out + strlen(SEAL_PREFIX));
out:
	OPENSSL_cleanse(kenc, sizeof kenc);
	OPENSSL_cleanse(kmac, sizeof kmac);
	free(buf);
	return out;
}

char *crypto_unseal(const char *sealed)
{
	unsigned char kenc[32], kmac[32], tag[SEAL_TAG], *buf = NULL;
	char *plain = NULL;
	size_t len, ctlen;
	long n;

	if (sealed == NULL || strncmp(sealed, SEAL_PREFIX, strlen(SEAL_PREFIX)) != 0)
		return NULL;
	sealed += strlen(SEAL_PREFIX);
	len = strlen(sealed);
	if ((buf = malloc(len / 4 * 3 + 1)) == NULL)
		return NULL;
	n = b64_decode(sealed, len, 1, buf, len / 4 * 3);
	if (n < SEAL_IV + SEAL_TAG)
		goto out;
	ctlen = (size_t)n - SEAL_IV - SEAL_TAG;
	/* The tag is checked, in constant time, before anything is decrypted. */
	if (derive_key("seal-mac", kmac) != 0 ||
	    hmac_sm3(kmac, sizeof kmac, SEAL_PREFIX, strlen(SEAL_PREFIX), buf, SEAL_IV + ctlen, tag) != 0 ||
	    CRYPTO_memcmp(tag, buf + SEAL_IV + ctlen, SEAL_TAG) != 0 ||
	    derive_key("seal-enc", kenc) != 0 || (plain = malloc(ctlen + 1)) == NULL)
		goto out;
	if (sm4_ctr(kenc, buf, buf + SEAL_IV, ctlen, (unsigned char *)plain) != 0) {
		OPENSSL_cleanse(plain, ctlen);
		free(plain);
		plain = NULL;
		goto out;
	}
	plain[ctlen] = '\0';
out:
	OPENSSL_cleanse(kenc, sizeof kenc);
	OPENSSL_cleanse(kmac, sizeof kmac);
	free(buf);
	return plain;
}

int crypto_blind_index(const char *value, char out[65])
{
	unsigned char m[32];

	if (value == NULL || crypto_mac("blind-index", value, strlen(value), m) != 0)
		return -1;
	to_hex(m, sizeof m, out);
	return 0;
}

char *crypto_base64(const void *data, size_t n)
{
	char *out;

	if (n > (SIZE_MAX - 1) / 4 * 3 - 3 || (out = malloc((n + 2) / 3 * 4 + 1)) == NULL)
		return NULL;
	b64_encode(data, n, b64_std, 1, out);
	return out;
}
