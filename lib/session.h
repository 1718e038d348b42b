/* lib/session.h: server-side sessions of the two realms (applicants, staff) and the CSRF token derived from them. */
#ifndef CERTDESK_SESSION_H
#define CERTDESK_SESSION_H
#include <stdint.h>

enum realm { REALM_USER, REALM_STAFF };

/* A live session row. */
struct sess {
	int64_t row;		/* sessions.id */
	enum realm realm;
	int64_t subject;	/* users.id or staff.id */
	int pending;		/* staff: password passed, TOTP not yet */
	int64_t created_ms;
	int64_t seen_ms;
};

/* Creates a session for subject and writes its fresh token (43 chars) into tok; only the
 * token's SHA-256 is stored. Returns 0 and fills out, or -1. */
int sess_create(enum realm realm, int64_t subject, int pending, const char *addr,
    const char *agent, char tok[44], struct sess *out);

/* Finds the live session of token tok in realm: 1 and fills out when it exists and has
 * passed neither the idle nor the absolute timeout of its realm (expired ones are
 * deleted), touching its last-seen time when a minute old or more; 0 otherwise. */
int sess_lookup(enum realm realm, const char *tok, struct sess *out);

/* Marks a pending staff session complete (TOTP passed). Returns 0 or -1. */
int sess_complete(int64_t row);

/* Deletes the session row. */
void sess_delete(int64_t row);

/* Deletes every session of subject in realm except keep_row (0: all). */
void sess_delete_others(enum realm realm, int64_t subject, int64_t keep_row);

/* Deletes session row of subject (only when it is theirs); returns 1 when one was ended. */
int sess_delete_owned(enum realm realm, int64_t subject, int64_t row);

/* Calls fn for each live session of subject, newest first. */
void sess_each(enum realm realm, int64_t subject,
    void (*fn)(void *ctx, int64_t row, int64_t created_ms, int64_t seen_ms, const char *addr,
        const char *agent), void *ctx);

/* Writes the CSRF token bound to a session (or visitor) token into out[65] (hex
 * HMAC-SM3 under the "csrf" key). Returns 0/-1. */
int sess_csrf(const char *tok, char out[65]);

/* The idle and absolute limits of realm in milliseconds, from the configuration
 * (Session.* / Staff.*), clamped to SECURITY.md's maxima (30 min / 12 h, 15 min / 8 h). */
int64_t sess_idle_ms(enum realm realm);
int64_t sess_max_ms(enum realm realm);
#endif
