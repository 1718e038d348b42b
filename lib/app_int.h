/* lib/app_int.h: the lifecycle's internal state shared by app.c, app_req.c and app_resp.c (not for programs). */
#ifndef CERTDESK_APP_INT_H
#define CERTDESK_APP_INT_H
#include "app.h"
#include "session.h"

struct scan;

#define MAX_COOKIES 4

/* The program's declared routes and fields. */
struct app {
	const char *program;
	const struct route *routes;
	size_t nroutes;
	const struct field *fields;
	size_t nfields;
};

/* One request in flight. */
struct req {
	const struct app *app;
	const struct route *route;
	CGI *cgi;
	HDF *hdf;
	const char *method;
	const char *path;
	const char **values;	/* validated values by field key */
	char *multi_ok;		/* FIELD_MULTI fields whose every value passed */
	char id[17];
	char addr[64];
	char agent[201];
	char *self;
	enum realm realm;
	struct sess sess;
	int has_sess;
	int staff_roles;
	char token[44];		/* the session token from the cookie */
	char pre[44];		/* the visitor token (cd_pre) */
	char *cookies[MAX_COOKIES];
	int ncookies;
	char *body;
	size_t body_len;
	size_t body_map;	/* the size of body's mapping (read_body) */
	int body_file;		/* body maps a spooled file (a multipart body), not memory */
	size_t body_dropped;	/* the current walk dropped body's pages below this */
	int multipart;		/* the body was multipart/form-data (files may exist) */
	const struct scan *scan;	/* the pre-scan of the query string and body */
	int responded;
	int streaming;		/* req_stream_begin answered: the body follows */
	int status;
};

/* Reads the configuration, the key file and the database; 0 when requests can be served
 * (otherwise every request gets 503). Called once per process by app_run, and by fuzzers. */
int app_open(void);

/* Serves one request on the current I/O (FastCGI or plain CGI) and produces its response. */
void app_serve(const struct app *app);

/* Resets r for a new request of app and gives it a request id. */
void req_init(struct req *r, const struct app *app);
/* Frees what the request allocated (not the CGI). */
void req_free(struct req *r);
/* Reads the whole body (length bytes, already checked against the limit) into r->body: a
 * multipart one (r->multipart) spooled to an unlinked file under Data.Dir/tmp and mapped
 * read-only, any other into memory. Returns 0, or the status to refuse it with (400 when
 * it is short, 413 without memory, 503 when the disk is full, 500). */
int read_body(struct req *r, size_t length);
/* Drops the pages of a file-backed body below upto from the process (r as ctx; they stay
 * in the page cache and are read again if touched), so that a large upload is scanned and
 * handed to ClearSilver without ever being resident whole. No-op for a body in memory. */
void body_release(void *ctx, size_t upto);
/* Validates every value of FIELD_MULTI field i; returns NULL or the first message. */
const char *multi_validate(struct req *r, size_t i);
/* 1 when the route's path (NULL: none) equals PATH_INFO. */
int path_matches(const struct route *rt, const char *path);
/* Queues a Set-Cookie for name=value (max_age < 0: a session cookie; 0: delete). */
void resp_cookie(struct req *r, const char *name, const char *value, long max_age);
/* Answers status with a plain-text body (used when even the error template fails). */
void resp_plain(struct req *r, int status, const char *text);
/* Puts the flash cookie's value into Flash.* and deletes the cookie. */
void flash_load(struct req *r, const char *cookie);
/* Recomputes Csrf in the page data from the current session or visitor token. */
void app_refresh_csrf(struct req *r);
#endif
