/* lib/app_req.c: the request API handlers use: validated values, page data, client address, sessions, raw bodies. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "app_int.h"
#include "app_io.h"
#include "audit.h"
#include "cfg.h"
#include "crypto.h"
#include "log.h"
#include "staff.h"
#include "storage.h"
#include "util.h"

/* 1 when addr is one of the space- or comma-separated Site.TrustedProxies. */
static int trusted_proxy(const char *addr)
{
	return util_word_in(cfg_str("Site.TrustedProxies", ""), addr, " ,");
}

/* 1 when s is a textual IPv4 or IPv6 address. */
static int is_ip(const char *s)
{
	unsigned char buf[16];

	return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

/* Sets r->addr: the peer, or behind trusted proxies the last untrusted X-Forwarded-For hop. */
static void find_addr(struct req *r)
{
	const char *peer = io_env("REMOTE_ADDR");
	const char *xff = io_env("HTTP_X_FORWARDED_FOR");
	char hop[64];

	util_copy(r->addr, sizeof(r->addr), peer && is_ip(peer) ? peer : "0.0.0.0");
	if (!xff || !trusted_proxy(r->addr))
		return;
	for (size_t end = strlen(xff); end > 0;) {
		size_t start = end;
		while (start > 0 && xff[start - 1] != ',')
			start--;
		size_t len = end - start;
		while (len && xff[start] == ' ') {
			start++;
			len--;
		}
		while (len && xff[start + len - 1] == ' ')
			len--;
		if (len == 0 || len >= sizeof(hop))
			return;
		memcpy(hop, xff + start, len);
		hop[len] = '\0';
		if (!is_ip(hop))
			return;
		util_copy(r->addr, sizeof(r->addr), hop);
		if (!trusted_proxy(hop))
			return;
		end = start > 0 ? start - 1 : 0;
	}
}

void req_init(struct req *r, const struct app *app)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char rnd[8];
	const char *ua, *script, *query;
	size_t i;

	memset(r, 0, sizeof(*r));
	r->app = app;
	r->status = 200;
	r->values = calloc(app->nfields ? app->nfields : 1, sizeof(*r->values));
	r->multi_ok = calloc(app->nfields ? app->nfields : 1, 1);
	if (crypto_random(rnd, sizeof(rnd)) != 0)
		memset(rnd, 0, sizeof(rnd));
	for (i = 0; i < sizeof(rnd); i++) {
		r->id[2 * i] = hex[rnd[i] >> 4];
		r->id[2 * i + 1] = hex[rnd[i] & 15];
	}
	log_request(r->id);
	find_addr(r);
	ua = io_env("HTTP_USER_AGENT");
	util_copy(r->agent, sizeof(r->agent), ua && valid_utf8_len(ua, 0) >= 0 ? ua : "");
	script = io_env("SCRIPT_NAME");
	query = io_env("QUERY_STRING");
	if (asprintf(&r->self, "%s%s%s%s", script ? script : "", io_env("PATH_INFO") ?
	    io_env("PATH_INFO") : "", query && *query ? "?" : "", query ? query : "") < 0)
		r->self = NULL;
}

void req_free(struct req *r)
{
	int i;

	for (i = 0; i < r->ncookies; i++)
		free(r->cookies[i]);
	free(r->values);
	free(r->multi_ok);
	if (r->body)
		munmap(r->body, r->body_map);
	free(r->self);
	log_request(NULL);
}

/* read_body for a multipart body: through a 64 KiB buffer into an unlinked file (with a
 * NUL after the body), then mapped. */
static int read_body_file(struct req *r, size_t length)
{
	char dir[1024], buf[65536];
	size_t got = 0;
	void *map;
	int fd;

	if (cfg_data_path("tmp", dir, sizeof(dir)) != 0)
		return 500;
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		storage_note(errno);
		return storage_full() ? 503 : 500;
	}
	while (got < length) {
		size_t n = io_get(buf, length - got < sizeof(buf) ? length - got : sizeof(buf));
		if (n == 0)
			break;
		if (util_write_all(fd, buf, n) != 0) {
			storage_note(errno);
			close(fd);
			return storage_full() ? 503 : 500;
		}
		got += n;
	}
	if (got != length || util_write_all(fd, "", 1) != 0) {
		close(fd);
		return got != length ? 400 : 500;
	}
	map = mmap(NULL, length + 1, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return 413;
	r->body = map;
	r->body_map = length + 1;
	r->body_len = length;
	r->body_file = 1;
	return 0;
}

void body_release(void *ctx, size_t upto)
{
	struct req *r = ctx;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), end = upto / page * page;

	if (!r->body_file || end > r->body_map)
		return;
	if (end < r->body_dropped)
		r->body_dropped = 0;	/* the next walk (the rebound reader after the scan) */
	if (end > r->body_dropped)
		madvise(r->body + r->body_dropped, end - r->body_dropped, MADV_DONTNEED);
	r->body_dropped = end;
}

int read_body(struct req *r, size_t length)
{
	size_t got = 0;
	void *map;

	if (r->multipart)
		return read_body_file(r, length);
	/* One mapping with huge pages advised: a body at an 11 MiB limit then costs a few page
	 * faults instead of thousands, which would dominate the cost of refusing it. */
	map = mmap(NULL, length + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		return 413;
	madvise(map, length + 1, MADV_HUGEPAGE);
	r->body = map;
	r->body_map = length + 1;
	while (got < length) {
		size_t n = io_get(r->body + got, length - got);
		if (n == 0)
			break;
		got += n;
	}
	if (got != length)
		return 400;
	r->body[got] = '\0';
	r->body_len = got;
	return 0;
}

const char *multi_validate(struct req *r, size_t i)
{
	const struct field *f = &r->app->fields[i];
	HDF *node, *child;
	char key[96];
	int n = 0;

	if (snprintf(key, sizeof(key), "Query.%s", f->name) >= (int)sizeof(key))
		return "内容有误";
	node = hdf_get_obj(r->hdf, key);
	for (child = node ? hdf_obj_child(node) : NULL; child; child = hdf_obj_next(child)) {
		const char *v = hdf_obj_value(child);
		long len;
		if (!v || !*v || ++n > 64)
			return "内容有误";
		len = valid_utf8_len(v, 0);
		if (len < 0 || (f->max > 0 && len > f->max))
			return "内容有误";
		if (f->check && f->check(v))
			return f->check(v);
	}
	r->multi_ok[i] = 1;
	return NULL;
}

const char *req_value(struct req *r, int key)
{
	const struct field *f;
	HDF *node;
	char name[96];

	if (key < 0 || (size_t)key >= r->app->nfields)
		return NULL;
	if (r->values[key])
		return r->values[key];
	f = &r->app->fields[key];
	if (!r->multi_ok[key] || snprintf(name, sizeof(name), "Query.%s", f->name) >= (int)sizeof(name))
		return NULL;
	node = hdf_get_obj(r->hdf, name);
	node = node ? hdf_obj_child(node) : NULL;
	return node ? hdf_obj_value(node) : NULL;
}

size_t req_values(struct req *r, int key, const char **out, size_t max)
{
	HDF *node;
	char name[96];
	size_t n = 0;

	if (key < 0 || (size_t)key >= r->app->nfields || max == 0)
		return 0;
	if (r->values[key]) {
		out[0] = r->values[key];
		return 1;
	}
	if (!r->multi_ok[key] || snprintf(name, sizeof(name), "Query.%s",
	    r->app->fields[key].name) >= (int)sizeof(name))
		return 0;
	node = hdf_get_obj(r->hdf, name);
	for (node = node ? hdf_obj_child(node) : NULL; node && n < max; node = hdf_obj_next(node))
		out[n++] = hdf_obj_value(node);
	return n;
}

FILE *req_file(struct req *r, int key)
{
	const struct field *f;
	char name[96];
	int idx;
	FILE *fp = NULL;
	NEOERR *err;

	if (key < 0 || (size_t)key >= r->app->nfields || !r->multipart || !r->cgi->files)
		return NULL;
	f = &r->app->fields[key];
	if (!(f->flags & FIELD_FILE)
	    || snprintf(name, sizeof(name), "Query.%s.FileHandle", f->name) >= (int)sizeof(name))
		return NULL;
	/* cgi_filehandle() trusts this number; a text field of the same name can set it, so
	 * it is checked against the files actually received. */
	idx = hdf_get_int_value(r->hdf, name, 0);
	if (idx < 1 || idx > uListLength(r->cgi->files))
		return NULL;
	err = uListGet(r->cgi->files, idx - 1, (void **)&fp);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return NULL;
	}
	if (!fp)
		return NULL;
	rewind(fp);
	return fp;
}

const char *req_file_name(struct req *r, int key)
{
	char name[96];

	if (!req_file(r, key)
	    || snprintf(name, sizeof(name), "Query.%s", r->app->fields[key].name) >= (int)sizeof(name))
		return NULL;
	return hdf_get_value(r->hdf, name, NULL);
}

void req_field_error(struct req *r, int key, const char *msg)
{
	char name[96];

	if (key < 0 || (size_t)key >= r->app->nfields)
		return;
	r->values[key] = NULL;
	if (snprintf(name, sizeof(name), "Errors.%s", r->app->fields[key].name) < (int)sizeof(name))
		hdf_set_value(r->hdf, name, msg);
	hdf_set_value(r->hdf, "Errors.Any", "1");
}

void req_form_error(struct req *r, const char *msg)
{
	hdf_set_value(r->hdf, "Errors.Form", msg);
	hdf_set_value(r->hdf, "Errors.Any", "1");
}

HDF *req_hdf(struct req *r)
{
	return r->hdf;
}

void req_set(struct req *r, const char *name, const char *value)
{
	hdf_set_value(r->hdf, name, value ? value : "");
}

void req_set_int(struct req *r, const char *name, int64_t value)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", (long long)value);
	hdf_set_value(r->hdf, name, buf);
}

HDF *req_node(struct req *r, const char *name)
{
	HDF *node = NULL;
	NEOERR *err = hdf_get_node(r->hdf, name, &node);

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return NULL;
	}
	return node;
}

HDF *req_row(struct req *r, const char *list, int n)
{
	char key[64];

	snprintf(key, sizeof(key), "%s.%d", list, n);
	return req_node(r, key);
}

void row_set(HDF *row, const char *name, const char *value)
{
	if (row && value)
		hdf_set_value(row, name, value);
}

void row_int(HDF *row, const char *name, int64_t value)
{
	char buf[24];

	if (!row)
		return;
	snprintf(buf, sizeof(buf), "%lld", (long long)value);
	hdf_set_value(row, name, buf);
}

const char *req_addr(struct req *r)
{
	return r->addr;
}

const char *req_agent(struct req *r)
{
	return r->agent;
}

const char *req_path(struct req *r)
{
	return r->path;
}

const char *req_self(struct req *r)
{
	return r->self ? r->self : "/";
}

const char *req_body(struct req *r, size_t *len)
{
	*len = r->body_len;
	return r->body ? r->body : "";
}

const char *req_id(struct req *r)
{
	return r->id;
}

int64_t req_user(struct req *r)
{
	return r->has_sess && r->realm == REALM_USER ? r->sess.subject : 0;
}

int64_t req_staff(struct req *r)
{
	return r->has_sess && r->realm == REALM_STAFF ? r->sess.subject : 0;
}

int req_staff_roles(struct req *r)
{
	return req_staff(r) && !r->sess.pending ? r->staff_roles : 0;
}

int64_t req_session_row(struct req *r)
{
	return r->has_sess ? r->sess.row : 0;
}

/* Replaces the request's session with a new one for subject in realm and sets its cookie. */
static int login_realm(struct req *r, enum realm realm, int64_t subject, int pending)
{
	struct sess s;
	char tok[44];

	if (r->has_sess)
		sess_delete(r->sess.row);
	r->has_sess = 0;
	if (sess_create(realm, subject, pending, r->addr, r->agent, tok, &s) != 0)
		return -1;
	r->realm = realm;
	r->sess = s;
	r->has_sess = 1;
	memcpy(r->token, tok, sizeof(r->token));
	resp_cookie(r, realm == REALM_STAFF ? "cd_staff" : "cd_sid", tok, -1);
	app_refresh_csrf(r);
	return 0;
}

int req_login_user(struct req *r, int64_t user_id)
{
	return login_realm(r, REALM_USER, user_id, 0);
}

int req_login_staff(struct req *r, int64_t staff_id, int pending)
{
	int rc = login_realm(r, REALM_STAFF, staff_id, pending);

	if (rc == 0)
		r->staff_roles = pending ? 0 : staff_roles(staff_id);
	return rc;
}

void req_logout(struct req *r)
{
	if (r->has_sess)
		sess_delete(r->sess.row);
	r->has_sess = 0;
	resp_cookie(r, r->realm == REALM_STAFF ? "cd_staff" : "cd_sid", "", 0);
}

void req_end_other_sessions(struct req *r)
{
	if (r->has_sess)
		sess_delete_others(r->realm, r->sess.subject, r->sess.row);
}

void req_audit(struct req *r, const char *action, int64_t order, const char *outcome,
    const char *detail)
{
	char actor[40] = "";

	/* Staff by their login (what the audit page shows); applicants by account number. */
	if (r->has_sess && (r->realm != REALM_STAFF
	    || staff_login_name(r->sess.subject, actor, sizeof(actor)) != 0))
		snprintf(actor, sizeof(actor), "%lld", (long long)r->sess.subject);
	audit_log(r->realm == REALM_STAFF ? "staff" : "user", actor, r->addr, action, order,
	    outcome, detail);
}
