/* lib/app.h: the request lifecycle every program runs (app_run) and the API its handlers use. */
#ifndef CERTDESK_APP_H
#define CERTDESK_APP_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "cs.h"
#include "util.h"
#include "valid.h"

struct req;

/* A handler answers one route. It reads only validated values (req_value), fills the
 * page data and produces exactly one response (req_render, req_redirect, req_send or
 * req_error). Its return value is ignored; a handler that responds nothing gets a 500. */
typedef void (*handler_fn)(struct req *r);

/* Field flags. */
#define FIELD_MULTI  0x1	/* may be given more than once (e.g. items) */
#define FIELD_SECRET 0x2	/* never echoed back into Form.* (passwords, codes) */
#define FIELD_FILE   0x4	/* a multipart file part (upload) */
#define FIELD_MULTILINE 0x8	/* newlines allowed */

/* A declared input field: its form name, its validator, its maximum length in
 * characters, and flags. Every value passes the UTF-8/length check, then check. */
struct field {
	const char *name;
	validator_fn check;
	int max;
	int flags;
};

/* Who may use a route. */
enum auth {
	AUTH_NONE,		/* anyone; a session is loaded when present */
	AUTH_VISITOR,		/* signed-out applicants only: a signed-in one is sent to / */
	AUTH_USER,		/* a signed-in applicant, else 303 to login.fcgi?next=PATH */
	AUTH_STAFF_ANY,		/* anyone, in the staff realm (the staff sign-in pages) */
	AUTH_STAFF_PENDING,	/* staff who passed the password but not yet the TOTP */
	AUTH_STAFF		/* staff fully signed in, with a role in the route's roles */
};

/* Staff roles (ROLE_*), combined into masks on routes. */
#include "role.h"

/* Route flags. */
#define ROUTE_NO_CSRF  0x1	/* signed callbacks only (Alipay notify) */
#define ROUTE_RAW_BODY 0x2	/* the handler reads the undecoded body (req_body); no field parsing */
#define ROUTE_FILES    0x4	/* takes the program's FIELD_FILE fields: a multipart/form-data body */

/* The bit of a field key in a route's need mask. */
#define NEED(key) ((uint64_t)1 << (key))

/* A route: method ("GET"/"POST"), path (the exact PATH_INFO, NULL for none), name
 * (matched against the `action` field of a POST or the `page` field of a GET; NULL
 * matches its absence), who may use it, role mask for staff, flags, body limit in
 * bytes (0: the default 64 KiB), the fields it requires, its handler, and the handler
 * that shows the form again (status 422) when a field is missing or invalid (NULL: a
 * plain 422 error page). */
struct route {
	const char *method;
	const char *path;
	const char *name;
	enum auth auth;
	int roles;
	int flags;
	size_t limit;
	uint64_t need;
	handler_fn handler;
	handler_fn invalid;
};

/* Runs the program: reads the configuration, opens the database, installs the I/O
 * hooks once, then serves requests (FastCGI loop, or exactly one as plain CGI) through
 * routing, size limit, parsing, session, CSRF, validation, handler, render and deferred
 * work. Returns the process exit status. */
int app_run(const char *program, const struct route *routes, size_t nroutes,
    const struct field *fields, size_t nfields);

/* The validated value of field key, or NULL when absent (never the raw input of an
 * invalid field). For a FIELD_MULTI field, the first value. */
const char *req_value(struct req *r, int key);

/* The values of a FIELD_MULTI field: stores up to max pointers in out, returns how many. */
size_t req_values(struct req *r, int key, const char **out, size_t max);

/* The uploaded file of FIELD_FILE field key in a multipart POST, positioned at its start,
 * or NULL when none was sent. The handle stays valid until the response is done (the temp
 * file is already unlinked); never trust the client's file name or type. */
FILE *req_file(struct req *r, int key);

/* The client's name of the file sent in FIELD_FILE field key (for display only: never a
 * path), or NULL. */
const char *req_file_name(struct req *r, int key);

/* Marks field key invalid with msg (a constant Chinese string) for the form's redisplay. */
void req_field_error(struct req *r, int key, const char *msg);

/* Sets a form-level error (Errors.Form). */
void req_form_error(struct req *r, const char *msg);

/* The request's page data (cgi->hdf); handlers set Page.*, and lists under fixed names. */
HDF *req_hdf(struct req *r);

/* Sets a page value; name is a constant, value any text (escaped at render). */
void req_set(struct req *r, const char *name, const char *value);

/* Sets a page value from an integer. */
void req_set_int(struct req *r, const char *name, int64_t value);

/* The page data's node at name (a constant; created when missing, NULL only when out of
 * memory), to fill with row_set / row_int. */
HDF *req_node(struct req *r, const char *name);

/* The page data's node list.<n> (list a constant; created when missing, NULL only when out
 * of memory), to fill with row_set / row_int: names relative to the row, so that a list of
 * many rows does not format and walk "list.n.name" from the top for every value. */
HDF *req_row(struct req *r, const char *list, int n);

/* Sets name = value under row (nothing when value or row is NULL). */
void row_set(HDF *row, const char *name, const char *value);

/* Sets name = value, in decimal, under row (nothing when row is NULL). */
void row_int(HDF *row, const char *name, int64_t value);

/* Renders templates/<file> with the page data and answers status (200, 422, ...). */
void req_render(struct req *r, int status, const char *file);

/* Answers 303 See Other to Site.BaseURL + path (path starts with '/'; CR/LF removed). */
void req_redirect(struct req *r, const char *path);

/* Answers 303 to path, adding "?param=value" (URL-escaped) when value is set. */
void req_redirect_with(struct req *r, const char *path, const char *param, const char *value);

/* Answers status with a body of n bytes and the given content type; when filename is
 * set, as an attachment (Content-Disposition, RFC 6266 with UTF-8 filename*). */
void req_send(struct req *r, int status, const char *ctype, const void *body, size_t n,
    const char *filename);

/* As req_send, but for showing in the browser (an <img>, a PDF tab): Content-Disposition
 * inline, with the file name for saving. */
void req_send_inline(struct req *r, int status, const char *ctype, const void *body, size_t n,
    const char *filename);

/* Starts a streamed attachment: the status line, headers and Content-Disposition with
 * filename are written now, the body follows through req_stream as it is produced, so
 * nothing of it is held in memory. */
void req_stream_begin(struct req *r, int status, const char *ctype, const char *filename);

/* Writes n bytes of a body req_stream_begin started; 0, or -1 when the client has gone
 * (or no stream was started). */
int req_stream(struct req *r, const void *buf, size_t n);

/* Answers the error page for status (403, 404, 405, 413, 422, 429, 500, 503) with msg,
 * or the status's default Chinese message when msg is NULL. */
void req_error(struct req *r, int status, const char *msg);

/* The client address: the peer, or the first untrusted X-Forwarded-For hop when the
 * peer is in Site.TrustedProxies. */
const char *req_addr(struct req *r);

/* The User-Agent header, truncated to 200 bytes (never NULL). */
const char *req_agent(struct req *r);

/* The PATH_INFO of the request ("" when none). */
const char *req_path(struct req *r);

/* The current URL path with query (for login.fcgi?next=), e.g. "/cgi-bin/orders.fcgi?x=1". */
const char *req_self(struct req *r);

/* The undecoded request body of a ROUTE_RAW_BODY route and its length. */
const char *req_body(struct req *r, size_t *len);

/* The signed-in subject of the request's realm: applicant user id or staff id; 0 when none. */
int64_t req_user(struct req *r);
int64_t req_staff(struct req *r);
int req_staff_roles(struct req *r);

/* The request id (also printed in the logs). */
const char *req_id(struct req *r);

/* Starts a new applicant session for user (rotating any old one) and sets its cookie.
 * Returns 0 or -1. */
int req_login_user(struct req *r, int64_t user_id);

/* Starts a staff session at stage (1: TOTP pending, 0: complete), rotating the old one. */
int req_login_staff(struct req *r, int64_t staff_id, int pending);

/* Ends the request's session of the route's realm and clears its cookie. */
void req_logout(struct req *r);

/* Ends every other session of the signed-in applicant (password change). */
void req_end_other_sessions(struct req *r);

/* The id of the request's session row (for "this device" in the session list), 0 when none. */
int64_t req_session_row(struct req *r);

/* Appends an audit record with the request's realm, signed-in subject (a staff member by
 * login, an applicant by account number) and client address. */
void req_audit(struct req *r, const char *action, int64_t order, const char *outcome,
    const char *detail);

/* Sets a short-lived flash value (HttpOnly cookie, 10 minutes) shown as Flash.<name> on
 * the next page; name is a constant [a-z_], value at most 64 bytes of text. */
void req_flash(struct req *r, const char *name, const char *value);
#endif
