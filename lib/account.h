/* lib/account.h: applicant accounts (手机号 + 密码): creation, sign-in with lockout, password changes, cancellation. */
#ifndef CERTDESK_ACCOUNT_H
#define CERTDESK_ACCOUNT_H
#include <stddef.h>
#include <stdint.h>


/* The id of the live account registered with mobile, or 0. */
int64_t acct_find(const char *mobile);

/* Creates an account; returns its id, 0 when the mobile is already registered, -1 on error. */
int64_t acct_create(const char *mobile, const char *password);

/* Checks a sign-in by mobile and password, with the lockout of lib/lockout.h (5 failures
 * in a row lock the account for 15 minutes): 1 and *id on success, else 0 (*locked tells). */
int acct_login(const char *mobile, const char *password, int64_t *id, int *locked);

/* 1 when password is the account's current one, else 0 (no failure counted). */
int acct_check_password(int64_t id, const char *password);

/* Replaces the password (and clears any lock). Returns 0 or -1. */
int acct_set_password(int64_t id, const char *password);

/* Writes the account's mobile into out (size >= 12). Returns 0, or -1 when no such account. */
int acct_mobile(int64_t id, char *out, size_t size);

/* The account's creation time in ms, or 0. */
int64_t acct_created_ms(int64_t id);

/* Ends every session of the account (after a password reset). */
void acct_end_sessions(int64_t id);

/* Cancels the account (注销): removes its mobile, password and sessions so the mobile can
 * register again. Refused while one of its orders is open (neither completed nor
 * cancelled): returns 1 then. Returns 0 when cancelled, -1 on error. */
int acct_cancel(int64_t id);

/* Spends the time of one password check at the site's cost, so that an unknown account
 * (applicant or staff) answers no faster than a known one. */
void acct_spend_hash(void);

/* The scrypt cost for new hashes (Crypto.PasswordCost, default CRYPTO_SCRYPT_LOGN). */
int acct_password_cost(void);
#endif
