/* lib/staff.h: staff accounts (审核员, 财务, 制证员, 管理员) as certdesk-admin manages them. */
#ifndef CERTDESK_STAFF_H
#define CERTDESK_STAFF_H
#include <stddef.h>
#include <stdint.h>

/* The role mask (ROLE_* of role.h) named by role, or 0 for an unknown name. */
int staff_role_mask(const char *role);

/* Creates staff login with role, password and e-mail (NULL or "" for none; else it must
 * pass valid_email): 0, 1 when the login exists, -1 on error or a bad value. */
int staff_add(const char *login, const char *role, const char *password, const char *email);

/* Sets (NULL or "": removes) the e-mail address staff id receives the daily digest at; it
 * must pass valid_email. Returns 0, 1 when no such staff member, -1 on error or a bad address. */
int staff_set_email(int64_t id, const char *email);

/* Replaces a staff password (clearing any lock): 0, 1 when no such login, -1 on error. */
int staff_passwd(const char *login, const char *password);

/* Forces a new TOTP enrolment at the next sign-in: 0, 1 when no such login, -1 on error. */
int staff_totp_reset(const char *login);

/* The role mask of a live staff account (0 when disabled or unknown). */
int staff_roles(int64_t staff_id);

/* Checks a staff sign-in's password step, as acct_login does for applicants: 1 and *id
 * when the login exists, is enabled and not locked, and the password matches; 0 otherwise
 * (5 failures in a row lock it for 15 minutes; *locked tells). Same time for unknown logins. */
int staff_login(const char *login, const char *password, int64_t *id, int *locked);

/* Writes the login of staff id into out (size >= 33); 0, or -1 (out empty) when unknown. */
int staff_login_name(int64_t id, char *out, size_t size);

/* A valid login name: 3-32 of [a-z0-9._-], starting with a letter. */
int staff_login_valid(const char *login);
/* One staff account as listed on the staff management page. */
struct staff_row {
	int64_t id, created_ms, locked_until_ms;
	char login[40], role[12];
	char email[256];	/* "" when none */
	int enrolled, disabled;
};

/* 1 when password is the enabled staff member's current one (no failure counted). */
int staff_check_password(int64_t id, const char *password);

/* Replaces staff id's password (clearing any lock). Returns 0 or -1. */
int staff_set_password(int64_t id, const char *password);

/* Disables (ending every session) or enables staff id. Returns 0 or -1. */
int staff_set_disabled(int64_t id, int disabled);

/* Calls fn for every staff account, by login. */
void staff_each(void (*fn)(void *ctx, const struct staff_row *row), void *ctx);

/* The Chinese name of a role (审核员, 财务, 制证员, 管理员), or NULL. */
const char *staff_role_label(const char *role);

#endif
