/* lib/totp.h: staff second factor: RFC 4226/6238 codes, base32 secrets, otpauth:// URIs, sealed enrolment and replay-safe verification. */
#ifndef CERTDESK_TOTP_H
#define CERTDESK_TOTP_H
#include <stddef.h>
#include <stdint.h>

/* The parameters every certdesk enrolment uses (SPEC §5). */
#define TOTP_DIGITS 6
#define TOTP_PERIOD 30
#define TOTP_SECRET_BYTES 20
#define TOTP_SECRET_B32 32	/* base32 characters of a secret, without padding */

/* Writes the HOTP value (RFC 4226 dynamic truncation) of counter step under key into out as
 * exactly digits decimal digits (1-9, zero-padded) and a NUL, so out needs digits + 1 bytes.
 * algo is the HMAC hash: "SHA1" (also when NULL), "SHA256" or "SHA512", any case. TOTP
 * (RFC 6238) is step = unix time / period. Returns 0, or -1 (out set to "") on a NULL or
 * empty key, a negative step, digits out of range, an unknown algo or an OpenSSL failure. */
int totp_code(const unsigned char *key, size_t keylen, int64_t step, int digits, const char *algo,
    char *out);

/* Writes a fresh secret of TOTP_SECRET_BYTES CSPRNG bytes as RFC 4648 base32 (upper case,
 * no padding, 32 characters) and a NUL into out_base32. Returns 0, or -1 (out set to "")
 * when the random generator fails. */
int totp_secret_new(char out_base32[33]);

/* Decodes RFC 4648 base32 b32 into out (at most max bytes). Upper and lower case are
 * accepted, spaces are ignored anywhere, and '=' padding is accepted only at the end.
 * Returns the number of bytes written, or -1 when b32 is NULL, holds any other character,
 * has a length no whole number of bytes encodes (1, 3 or 6 modulo 8) or decodes to more
 * than max bytes. Bits left over after the last whole byte are ignored. */
int totp_base32_decode(const char *b32, unsigned char *out, size_t max);

/* Writes the Key URI of a certdesk enrolment into out (size bytes):
 * "otpauth://totp/ISSUER:ACCOUNT?secret=SECRET&issuer=ISSUER&algorithm=SHA1&digits=6&period=30",
 * with issuer and account (UTF-8) percent-encoded: every byte but A-Z a-z 0-9 - . _ ~
 * becomes %XX, so a ':' inside them cannot split the label. Returns 0, or -1 (out set to ""
 * when size > 0) when an argument is NULL, issuer or account is empty, secret_b32 is not
 * valid base32 or the URI does not fit. */
int totp_uri(const char *issuer, const char *account, const char *secret_b32, char *out, size_t size);

/* Starts (or resumes) the TOTP enrolment of staff member staff_id. With no secret on file it
 * makes one, stores it sealed (crypto_seal) in staff.totp_secret with totp_enrolled = 0 and
 * writes its base32 into secret_b32; with a secret on file but not yet enrolled it writes
 * that same secret (a reload shows the same QR code; two racing first calls get one secret).
 * Returns 0 with secret_b32 filled; 1 when the member is already enrolled (the secret is
 * never revealed: secret_b32 set to ""); -1 (secret_b32 set to "") when there is no such
 * member, the stored secret cannot be unsealed, or on a database or random failure. */
int totp_enrol_begin(int64_t staff_id, char secret_b32[33]);

/* Checks code (exactly TOTP_DIGITS ASCII digits) against the secret of live (not disabled)
 * staff member staff_id at the steps clock_now() / TOTP_PERIOD - 1, + 0 and + 1, taking
 * only a step greater than staff.totp_last_step. A match is claimed by one conditional
 * UPDATE (totp_last_step = step, totp_enrolled = 1 WHERE id, the same sealed secret and
 * totp_last_step < step), so a step is accepted at most once even by concurrent requests,
 * and the first accepted code completes the enrolment. Returns 1 when accepted; 0 when the
 * code is malformed or wrong, the step was already used, the member is unknown, disabled or
 * has no secret, or the secret changed meanwhile; -1 on a database failure or a stored
 * secret that cannot be unsealed. Callers rate-limit wrong codes (1 in 333,333 guesses). */
int totp_verify(int64_t staff_id, const char *code);

/* 1 when staff member staff_id has completed TOTP enrolment, 0 otherwise (also unknown). */
int totp_enrolled(int64_t staff_id);
#endif
