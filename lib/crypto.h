/* lib/crypto.h: random tokens, password hashing, SM4/HMAC-SM3 sealing of ID numbers, blind index, SHA-256. */
#ifndef CERTDESK_CRYPTO_H
#define CERTDESK_CRYPTO_H
#include <stddef.h>
#include <stdint.h>

/* The production scrypt cost: N = 2^CRYPTO_SCRYPT_LOGN, r = 8, p = 1 (32 MiB). */
#define CRYPTO_SCRYPT_LOGN 15

/* Fills buf with n bytes from OpenSSL's CSPRNG; returns 0, or -1 when it fails. */
int crypto_random(void *buf, size_t n);

/* Writes a fresh 256-bit token as 43 base64url characters (no padding) into out[44]. Returns 0/-1. */
int crypto_token(char out[44]);

/* Writes a fresh uniformly random six-digit code into out[7]. Returns 0/-1. */
int crypto_code6(char out[7]);

/* Writes the lowercase hex SHA-256 of data into out[65]. */
void crypto_sha256_hex(const void *data, size_t n, char out[65]);

/* Writes the hex SHA-256 of the file's content into out[65]; returns 0, or -1 when unreadable. */
int crypto_sha256_file(const char *path, char out[65]);

/* Constant-time comparison of n bytes: 1 when equal. */
int crypto_equal(const void *a, const void *b, size_t n);

/* Hashes pw with scrypt at cost 2^logn into a malloc'd "$scrypt$ln=L,r=8,p=1$SALT$HASH"
 * (salt 16 random bytes, hash 32 bytes, both base64 without padding). NULL on failure. */
char *crypto_password_hash(const char *pw, int logn);

/* Checks pw against a string made by crypto_password_hash, in constant time over the hash.
 * Returns 1 on match, 0 on mismatch, -1 when stored is malformed. */
int crypto_password_verify(const char *pw, const char *stored);

/* The cost (ln) recorded in a stored hash, or -1 when malformed. */
int crypto_password_cost(const char *stored);

/* Loads the 32-byte master key from path; with create set and the file missing, creates it
 * (mode 0600, O_EXCL: never overwrites). Returns 0, or -1 with a message on stderr. */
int crypto_key_load(const char *path, int create);

/* Sets the master key directly (tests and fuzzers). */
void crypto_key_set(const unsigned char key[32]);

/* Writes HMAC-SM3(K_label, data) into out[32], where K_label = HMAC-SM3(master, label).
 * Returns 0, or -1 when no key is loaded or label is one reserved for sealing ("seal-enc",
 * "seal-mac"). Used for CSRF tokens, form check codes, blind indexes. */
int crypto_mac(const char *label, const void *data, size_t n, unsigned char out[32]);

/* Seals plain text: "v1." + base64(IV16 || SM4-CTR(ct) || HMAC-SM3(iv||ct)), keys derived from
 * the master key (encrypt-then-MAC). Returns a malloc'd string or NULL. */
char *crypto_seal(const char *plain);

/* Opens a sealed string; returns the malloc'd plain text, or NULL when malformed or tampered. */
char *crypto_unseal(const char *sealed);

/* Writes the blind index of value (hex HMAC-SM3 under the "blind-index" key) into out[65]. Returns 0/-1. */
int crypto_blind_index(const char *value, char out[65]);

/* Base64 (standard alphabet, with padding) of data into a malloc'd string. */
char *crypto_base64(const void *data, size_t n);
#endif
