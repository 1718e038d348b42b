/* lib/app.c: app_run, the request lifecycle: routing, size limit, parsing, session, CSRF, validation, handler, waking the sender. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <sys/stat.h>
#include "app.h"
#include "app_int.h"
#include "app_io.h"
#include "app_scan.h"
#include "account.h"
#include "audit.h"
#include "cfg.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "outbox.h"
#include "render.h"
#include "snowflake.h"
#include "staff.h"
#include "storage.h"

#define DEFAULT_LIMIT (64 * 1024)
/* A FastCGI process runs PRAGMA optimize (db_optimize) after every this many requests. */
#define APP_OPTIMIZE_EVERY 1000

static int app_ready;		/* configuration, key and database are usable */

/* What the routes of one method and path allow, known before the body is read. */
struct path_rules {
	int any;		/* some route takes this method and path */
	size_t limit;		/* the largest body limit among them */
	int files;		/* one of them takes a multipart body with files */
	const struct route *raw;	/* the ROUTE_RAW_BODY route among them */
};

/* Collects the rules of the routes for this method and path. */
static void path_rules(const struct app *app, const char *method, const char *path,
    struct path_rules *pr)
{
	size_t i;

	memset(pr, 0, sizeof(*pr));
	for (i = 0; i < app->nroutes; i++) {
		const struct route *rt = &app->routes[i];
		size_t lim = rt->limit ? rt->limit : DEFAULT_LIMIT;
		if (strcmp(rt->method, method) != 0 || !path_matches(rt, path))
			continue;
		pr->any = 1;
		if (lim > pr->limit)
			pr->limit = lim;
		if (rt->flags & ROUTE_FILES)
			pr->files = 1;
		if ((rt->flags & ROUTE_RAW_BODY) && !pr->raw)
			pr->raw = rt;
	}
}

int path_matches(const struct route *rt, const char *path)
{
	if (!rt->path)
		return path[0] == '\0';
	return strcmp(rt->path, path) == 0;
}

/* The single value of Query.<name>, NULL when absent; *dup is set when given twice. */
static const char *query_single(HDF *hdf, const char *name, int *dup)
{
	HDF *node;
	char key[96];

	*dup = 0;
	if (snprintf(key, sizeof(key), "Query.%s", name) >= (int)sizeof(key))
		return NULL;
	node = hdf_get_obj(hdf, key);
	if (!node)
		return NULL;
	if (hdf_obj_child(node)) {
		*dup = 1;
		return NULL;
	}
	return hdf_obj_value(node);
}

/* Picks the route for the request; answers 404/405 itself and returns NULL when none. */
static const struct route *pick_route(struct req *r, const char *method, const char *name)
{
	const struct app *app = r->app;
	size_t i;
	int path_known = 0;

	for (i = 0; i < app->nroutes; i++) {
		const struct route *rt = &app->routes[i];
		if (!path_matches(rt, r->path))
			continue;
		path_known = 1;
		if (strcmp(rt->method, method) != 0)
			continue;
		if (rt->flags & ROUTE_RAW_BODY)
			return rt;
		if ((rt->name == NULL && name == NULL)
		    || (rt->name && name && strcmp(rt->name, name) == 0))
			return rt;
	}
	if (!path_known) {
		req_error(r, 404, NULL);
		return NULL;
	}
	for (i = 0; i < app->nroutes; i++)
		if (path_matches(&app->routes[i], r->path) && strcmp(app->routes[i].method, method) == 0)
			break;
	req_error(r, i == app->nroutes ? 405 : 404, NULL);
	return NULL;
}

/* Validates every declared field into r->values; returns the number of bad fields. */
static int validate_fields(struct req *r)
{
	const struct app *app = r->app;
	size_t i;
	int bad = 0;

	for (i = 0; i < app->nfields; i++) {
		const struct field *f = &app->fields[i];
		const char *msg = NULL;
		const char *v;
		int dup;
		char key[96];

		r->values[i] = NULL;
		if (!f->name || (f->flags & FIELD_FILE))
			continue;
		v = query_single(r->hdf, f->name, &dup);
		if (dup && (f->flags & FIELD_MULTI)) {
			msg = multi_validate(r, i);
			v = NULL;
		} else if (dup) {
			msg = "该项重复提交，请刷新页面后重试";
		} else if (v && *v) {
			long n = valid_utf8_len(v, f->flags & FIELD_MULTILINE);
			if (n < 0)
				msg = "含有无法识别的字符";
			else if (f->max > 0 && n > f->max)
				msg = "内容过长";
			else if (f->check)
				msg = f->check(v);
			if (!msg)
				r->values[i] = v;
		}
		if (!msg && !r->values[i] && !r->multi_ok[i] && (r->route->need & NEED(i)))
			msg = "此项为必填项";
		if (v && *v && !(f->flags & FIELD_SECRET)
		    && snprintf(key, sizeof(key), "Form.%s", f->name) < (int)sizeof(key)
		    && valid_utf8_len(v, 1) >= 0)
			hdf_set_value(r->hdf, key, v);
		if (msg) {
			req_field_error(r, (int)i, msg);
			bad++;
		}
	}
	return bad;
}

/* Loads the session of the route's realm from its cookie, and the visitor token. */
static void load_session(struct req *r)
{
	enum realm realm = r->route->auth >= AUTH_STAFF_ANY ? REALM_STAFF : REALM_USER;
	const char *tok = hdf_get_value(r->hdf, realm == REALM_STAFF ? "Cookie.cd_staff"
	    : "Cookie.cd_sid", NULL);

	r->realm = realm;
	if (tok && sess_lookup(realm, tok, &r->sess)) {
		r->has_sess = 1;
		util_copy(r->token, sizeof(r->token), tok);
	}
	tok = hdf_get_value(r->hdf, "Cookie.cd_pre", NULL);
	if (tok && strlen(tok) == 43 && strspn(tok, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43)
		util_copy(r->pre, sizeof(r->pre), tok);
}

/* The token the CSRF field is derived from: the session's, else the visitor cookie's. */
static const char *csrf_base(struct req *r)
{
	if (r->has_sess)
		return r->token;
	if (!r->pre[0] && crypto_token(r->pre) == 0)
		resp_cookie(r, "cd_pre", r->pre, -1);
	return r->pre[0] ? r->pre : NULL;
}

void app_refresh_csrf(struct req *r)
{
	const char *base = csrf_base(r);
	char csrf[65];

	if (base && sess_csrf(base, csrf) == 0)
		hdf_set_value(r->hdf, "Csrf", csrf);
}

/* 1 when the POST carries the csrf value derived from the request's session or visitor token. */
static int csrf_ok(struct req *r)
{
	char want[65];
	const char *got = r->scan->csrf.usable ? r->scan->csrf.text : NULL;

	if (!got || strlen(got) != 64)
		return 0;
	if (r->has_sess)
		return sess_csrf(r->token, want) == 0 && crypto_equal(want, got, 64);
	return r->pre[0] && sess_csrf(r->pre, want) == 0 && crypto_equal(want, got, 64);
}

/* Enforces the route's auth level; answers and returns 0 when the request may not go on. */
static int check_auth(struct req *r)
{
	const struct route *rt = r->route;
	char next[700], *esc = NULL;

	switch (rt->auth) {
	case AUTH_NONE:
	case AUTH_STAFF_ANY:
		return 1;
	case AUTH_VISITOR:
		if (!r->has_sess)
			return 1;
		req_redirect(r, "/");
		return 0;
	case AUTH_USER:
		if (r->has_sess)
			return 1;
		if (cgi_url_escape(req_self(r), &esc) == STATUS_OK && esc) {
			snprintf(next, sizeof(next), "/cgi-bin/login.fcgi?next=%s", esc);
			free(esc);
			req_redirect(r, next);
		} else {
			req_redirect(r, "/cgi-bin/login.fcgi");
		}
		return 0;
	case AUTH_STAFF_PENDING:
		if (r->has_sess && r->sess.pending)
			return 1;
		req_redirect(r, "/cgi-bin/admin.fcgi");
		return 0;
	case AUTH_STAFF:
		if (r->has_sess && !r->sess.pending && (r->staff_roles & rt->roles))
			return 1;
		if (r->has_sess && !r->sess.pending) {
			req_audit(r, "access", 0, "refused", "role");
			req_error(r, 403, "您的角色无权执行此操作");
		} else {
			req_redirect(r, "/cgi-bin/admin.fcgi");
		}
		return 0;
	}
	return 0;
}

/* Copies the public site settings and the signed-in state into the page data. */
static void set_common(struct req *r)
{
	HDF *site = hdf_get_obj(cfg_hdf(), "Site");
	char mobile[16], masked[16];
	const char *flash;

	if (site)
		hdf_copy(r->hdf, "Site", site);
	hdf_set_value(r->hdf, "Site.Name", cfg_str("Site.Name", NULL));
	hdf_set_value(r->hdf, "Page.Self", req_self(r));
	if (r->has_sess && r->realm == REALM_USER && acct_mobile(r->sess.subject, mobile,
	    sizeof(mobile)) == 0) {
		util_mask_mobile(mobile, masked, sizeof(masked));
		hdf_set_value(r->hdf, "Session.SignedIn", "1");
		hdf_set_value(r->hdf, "Session.Mobile", masked);
	}
	flash = hdf_get_value(r->hdf, "Cookie.cd_flash", NULL);
	if (flash)
		flash_load(r, flash);
	app_refresh_csrf(r);
}

/* Reads the rebound multipart body for ClearSilver (io_feed_from). */
static size_t read_rebound(void *ctx, char *out, size_t n)
{
	return scan_reader_read(ctx, out, n);
}

/* Prepares the multipart body as ClearSilver is given it: every delimiter carrying a fresh
 * random boundary of the longest length, so that every boundary it sees has the same
 * length (scan_rebound_len says why), read piece by piece through rd. Sets CGI.ContentType
 * and CGI.ContentLength to match; returns 0, or -1. */
static int rebound(struct req *r, struct scan_reader *rd)
{
	static const char hex[] = "0123456789abcdef";
	char nb[71], ctype[128], num[24], old[80];
	unsigned char rnd[35];
	size_t i;

	if (io_multipart_boundary(io_env("CONTENT_TYPE"), old, sizeof(old)) != 0 || crypto_random(rnd, sizeof(rnd)) != 0)
		return -1;
	for (i = 0; i < sizeof(rnd); i++) {
		nb[2 * i] = hex[rnd[i] >> 4];
		nb[2 * i + 1] = hex[rnd[i] & 15];
	}
	nb[70] = '\0';
	scan_reader_init(rd, r->scan, r->body, r->body_len, strlen(old), nb);
	snprintf(ctype, sizeof(ctype), "multipart/form-data; boundary=%s", nb);
	snprintf(num, sizeof(num), "%zu", scan_rebound_len(r->scan, r->body_len, strlen(old), nb));
	hdf_set_value(r->hdf, "CGI.ContentType", ctype);
	hdf_set_value(r->hdf, "CGI.ContentLength", num);
	return 0;
}

/* Hands the pre-scanned body, already within the route's limit, to ClearSilver (files to
 * temp files under Data.Dir/tmp); answers 400 (or 500) and returns -1 when it cannot be
 * parsed. */
static int parse_body(struct req *r)
{
	struct scan_reader rd;
	char tmp[1024];
	NEOERR *err;

	if (r->multipart && rebound(r, &rd) != 0) {
		req_error(r, 500, NULL);
		return -1;
	}
	if (cfg_data_path("tmp", tmp, sizeof(tmp)) == 0)
		hdf_set_value(r->hdf, "Config.Upload.TmpDir", tmp);
	hdf_set_value(r->hdf, "Config.Upload.Unlink", "1");
	if (r->multipart)
		io_feed_from(read_rebound, &rd);
	else
		io_feed(r->body, r->body_len);
	err = cgi_parse(r->cgi);
	io_feed_from(NULL, NULL);
	if (err == STATUS_OK)
		return 0;
	storage_note(errno);
	nerr_ignore(&err);
	req_error(r, storage_full() ? 503 : 400, NULL);
	return -1;
}

/* Handles the request once its route is known: session, auth, CSRF, then the body's
 * parse, validation and the handler. */
static void dispatch(struct req *r)
{
	load_session(r);
	if (r->has_sess && r->realm == REALM_STAFF)
		r->staff_roles = staff_roles(r->sess.subject);
	set_common(r);
	if (!check_auth(r))
		return;
	if (strcmp(r->method, "POST") == 0 && !(r->route->flags & ROUTE_NO_CSRF) && !csrf_ok(r)) {
		log_warn("csrf check failed");
		if (r->realm == REALM_STAFF && r->has_sess)
			req_audit(r, r->route->name ? r->route->name : "post", 0, "refused", "csrf");
		req_error(r, 403, NULL);
		return;
	}
	if (r->body && !(r->route->flags & ROUTE_RAW_BODY) && parse_body(r) != 0)
		return;
	if (!(r->route->flags & ROUTE_RAW_BODY) && validate_fields(r) > 0) {
		if (r->route->invalid)
			r->route->invalid(r);
		else
			req_error(r, 422, "提交的内容有误，请检查后重试");
		return;
	}
	r->route->handler(r);
}

/* When the site could not be opened, tries again: with a CERTDESK_CONFIG that arrived as a
 * request parameter (Apache's SetEnv reaches a FastCGI program only that way, and
 * .htaccess cannot set FcgidInitialEnv), else with the same one (the database may have been
 * locked past the busy timeout at start, e.g. by a long certdesk-admin run). Returns nonzero
 * when the site is still unusable. */
static int retry_open(void)
{
	const char *param = io_env("CERTDESK_CONFIG");
	const char *env = getenv("CERTDESK_CONFIG");

	if (param && *param && !(env && strcmp(env, param) == 0))
		setenv("CERTDESK_CONFIG", param, 1);
	db_close();
	return app_open() != 0;
}

/* Reads and pre-scans what ClearSilver will parse, before it parses anything: the query
 * string, then a POST's form body (read whole into r->body within the path's limit; a
 * ROUTE_RAW_BODY route's body is only read). Returns 0, or the status to refuse with. */
static int prescan(struct req *r, struct scan *scan, const struct path_rules *pr, long long length)
{
	const char *qs = io_env("QUERY_STRING");
	const char *ctype = io_env("CONTENT_TYPE");
	char boundary[80];
	int status;

	if (length < 0 || (pr->any && (unsigned long long)length > pr->limit))
		return 413;
	if (qs && scan_urlencoded(scan, qs, strlen(qs)) != 0)
		return 400;
	if (strcmp(r->method, "POST") != 0 || !pr->any)
		return 0;
	if (!pr->raw && length > 0 && ctype && strncasecmp(ctype, "multipart/", 10) == 0) {
		if (!pr->files || io_multipart_boundary(ctype, boundary, sizeof(boundary)) != 0)
			return 400;
		r->multipart = 1;
	} else if (!pr->raw && length > 0 && (!ctype || strncasecmp(ctype,
	    "application/x-www-form-urlencoded", 33) != 0)) {
		return 400;
	}
	if ((status = read_body(r, (size_t)length)) != 0)
		return status;
	if (pr->raw)
		return 0;
	if (r->multipart) {
		scan->passed = body_release;
		scan->passed_ctx = r;
		return scan_multipart(scan, boundary, r->body, r->body_len) == 0 ? 0 : 400;
	}
	return scan_urlencoded(scan, r->body, r->body_len) == 0 ? 0 : 400;
}

/* The route name the request asks for: the pre-scanned action (POST) or page (GET);
 * NULL when absent, "" when unusable. */
static const char *asked_name(struct req *r, const struct scan *scan)
{
	const struct scan_value *v = strcmp(r->method, "POST") == 0 ? &scan->action : &scan->page;

	if (!v->present)
		return NULL;
	return v->usable ? v->text : "";
}

void app_serve(const struct app *app)
{
	struct req r;
	struct scan scan;
	struct path_rules pr;
	const char *method, *cl;
	CGI *cgi = NULL;
	NEOERR *err;
	long long length;
	int refuse = 0;

	req_init(&r, app);
	storage_reset();
	method = io_env("REQUEST_METHOD");
	r.method = method ? method : "";
	r.path = io_env("PATH_INFO");
	if (!r.path)
		r.path = "";
	cl = io_env("CONTENT_LENGTH");
	length = cl && *cl ? strtoll(cl, NULL, 10) : 0;
	path_rules(app, r.method, r.path, &pr);
	scan_init(&scan, app->fields, app->nfields, pr.files);
	r.scan = &scan;
	if (strcmp(r.method, "GET") != 0 && strcmp(r.method, "POST") != 0) {
		refuse = 405;
	} else if (strcmp(r.method, "POST") == 0 && app_ready && length > 0
	    && !storage_room((uint64_t)length)) {
		/* A full disk: refused before anything is read or written, never half-saved
		 * (SECURITY.md 22). */
		storage_note(ENOSPC);
		refuse = 503;
	} else {
		refuse = prescan(&r, &scan, &pr, length);
	}
	io_hide_query(refuse != 0);
	err = cgi_init(&cgi, NULL);
	io_hide_query(0);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		cgi_destroy(&cgi);
		resp_plain(&r, 500, "internal error\n");
		req_free(&r);
		return;
	}
	r.cgi = cgi;
	r.hdf = cgi->hdf;
	if (!app_ready && retry_open()) {
		req_error(&r, 503, "系统尚未初始化或正在维护，请稍后再试");
		goto out;
	}
	if (refuse) {
		req_error(&r, refuse, NULL);
		goto out;
	}
	r.route = pr.raw ? pr.raw : pick_route(&r, r.method, asked_name(&r, &scan));
	if (!r.route)
		goto out;
	if (r.route->limit && (unsigned long long)length > r.route->limit) {
		req_error(&r, 413, NULL);
		goto out;
	}
	if (r.multipart && !(r.route->flags & ROUTE_FILES)) {
		req_error(&r, 400, NULL);
		goto out;
	}
	dispatch(&r);
out:
	if (!r.responded)
		req_error(&r, 500, NULL);
	req_free(&r);
	cgi_destroy(&cgi);
}

int app_open(void)
{
	char key[1024];

	app_ready = 0;
	if (cfg_load(NULL) != 0)
		return -1;
	clock_set_dir(cfg_str("Data.Dir", "."));
	if (cfg_data_path("keys/master.key", key, sizeof(key)) != 0)
		return -1;
	if (crypto_key_load(cfg_str("Crypto.KeyFile", key), 0) != 0)
		return -1;
	if (db_open() != 0)
		return -1;
	app_ready = 1;
	return 0;
}

int app_run(const char *program, const struct route *routes, size_t nroutes,
    const struct field *fields, size_t nfields)
{
	struct app app = { program, routes, nroutes, fields, nfields };
	FCGX_Request rq;
	unsigned long served = 0;

	log_init(program);
	umask(027);
	signal(SIGPIPE, SIG_IGN);
	if (app_open() != 0)
		log_error("site not usable: check CERTDESK_CONFIG, Data.Dir and certdesk-admin init");
	io_install();
	if (FCGX_IsCGI()) {
		io_set(NULL);
		app_serve(&app);
		io_finish_cgi();
		outbox_wake();
	} else {
		if (FCGX_Init() != 0 || FCGX_InitRequest(&rq, 0, 0) != 0)
			return 1;
		while (FCGX_Accept_r(&rq) >= 0) {
			io_set(&rq);
			app_serve(&app);
			FCGX_Finish_r(&rq);
			io_set(NULL);
			/* No request waits on a gateway: the sender sends what was queued. */
			outbox_wake();
			/* A FastCGI process may be killed rather than closed: statistics are kept
			 * up to date while it runs too, after an answer, never before one. */
			if (app_ready && ++served % APP_OPTIMIZE_EVERY == 0)
				db_optimize();
		}
		FCGX_Free(&rq, 1);
	}
	snow_release();
	db_close();
	render_forget();
	return 0;
}
