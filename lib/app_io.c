/* lib/app_io.c: request I/O over libfcgi's FCGX streams or stdio, and the cgiwrap hooks ClearSilver reads through. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "app_io.h"
#include "cs.h"

extern char **environ;

static FCGX_Request *io_req;	/* the current FastCGI request, NULL in plain CGI */
/* Where ClearSilver reads the body from instead of the stream (io_feed_from), and the
 * buffer io_feed reads it from. */
static size_t (*feed_fn)(void *ctx, char *out, size_t n);
static void *feed_ctx;
static struct { const char *p; size_t left; } feed_buf;
static int query_hidden;	/* ClearSilver sees no QUERY_STRING (io_hide_query) */

/* The FastCGI parameters by name: an open-addressing table of "NAME=value" entries, made
 * once per request, since ClearSilver alone asks for some forty names (most of them
 * absent) and libfcgi's FCGX_GetParam compares each with every parameter. A request with
 * more parameters than ENV_MAX is looked up linearly instead. */
#define ENV_SLOTS 256		/* a power of two */
#define ENV_MAX (ENV_SLOTS / 2)
static struct { const char *entry; size_t len; } env_slots[ENV_SLOTS];
static int env_indexed;

/* FNV-1a of the n bytes of a name. */
static unsigned env_hash(const char *name, size_t n)
{
	unsigned h = 2166136261u;

	while (n--)
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

/* Indexes the parameters of the current request (env_indexed 0 when there are too many). */
static void env_index(char **envp)
{
	size_t n = 0;

	memset(env_slots, 0, sizeof(env_slots));
	env_indexed = 0;
	for (; envp && *envp; envp++) {
		const char *eq = strchr(*envp, '=');
		size_t len = eq ? (size_t)(eq - *envp) : 0;
		unsigned i;
		if (!eq)
			continue;
		if (++n > ENV_MAX)
			return;
		i = env_hash(*envp, len) & (ENV_SLOTS - 1);
		while (env_slots[i].entry && !(env_slots[i].len == len && memcmp(env_slots[i].entry, *envp, len) == 0))
			i = (i + 1) & (ENV_SLOTS - 1);
		if (!env_slots[i].entry) {	/* the first of a repeated name wins, as in FCGX_GetParam */
			env_slots[i].entry = *envp;
			env_slots[i].len = len;
		}
	}
	env_indexed = 1;
}

void io_set(FCGX_Request *rq)
{
	io_req = rq;
	if (rq)
		env_index(rq->envp);
}

const char *io_env(const char *name)
{
	size_t len;
	unsigned i;

	if (!io_req)
		return getenv(name);
	if (!env_indexed)
		return FCGX_GetParam(name, io_req->envp);
	len = strlen(name);
	for (i = env_hash(name, len) & (ENV_SLOTS - 1); env_slots[i].entry; i = (i + 1) & (ENV_SLOTS - 1))
		if (env_slots[i].len == len && memcmp(env_slots[i].entry, name, len) == 0)
			return env_slots[i].entry + len + 1;
	return NULL;
}

int io_put(const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		int chunk = n > 65536 ? 65536 : (int)n;
		if (io_req) {
			if (FCGX_PutStr(p, chunk, io_req->out) != chunk)
				return -1;
		} else if (fwrite(p, 1, (size_t)chunk, stdout) != (size_t)chunk) {
			return -1;
		}
		p += chunk;
		n -= (size_t)chunk;
	}
	return 0;
}

size_t io_get(void *buf, size_t n)
{
	int want = n > 65536 ? 65536 : (int)n;

	if (io_req) {
		int got = FCGX_GetStr(buf, want, io_req->in);
		return got > 0 ? (size_t)got : 0;
	}
	return fread(buf, 1, (size_t)want, stdin);
}

/* io_feed's reader: the rest of feed_buf. */
static size_t read_feed_buf(void *ctx, char *out, size_t n)
{
	(void)ctx;
	if (n > feed_buf.left)
		n = feed_buf.left;
	memcpy(out, feed_buf.p, n);
	feed_buf.p += n;
	feed_buf.left -= n;
	return n;
}

void io_feed(const char *body, size_t n)
{
	feed_buf.p = body;
	feed_buf.left = body ? n : 0;
	io_feed_from(body ? read_feed_buf : NULL, NULL);
}

void io_feed_from(size_t (*read)(void *ctx, char *out, size_t n), void *ctx)
{
	feed_fn = read;
	feed_ctx = ctx;
}

void io_hide_query(int hide)
{
	query_hidden = hide;
}

void io_drain(size_t max)
{
	char buf[65536];
	size_t n;

	if (io_req)
		return;
	while (max > 0 && (n = fread(buf, 1, max < sizeof(buf) ? max : sizeof(buf), stdin)) > 0)
		max -= n;
}

void io_finish_cgi(void)
{
	if (io_req)
		return;
	fflush(stdout);
	fclose(stdout);
	close(STDOUT_FILENO);
}

/* cgiwrap read hook: the body, in pieces: from the io_feed_from reader when one is set. */
static int hook_read(void *data, char *buf, int len)
{
	if (len <= 0)
		return 0;
	return feed_fn ? (int)feed_fn(feed_ctx, buf, (size_t)len) : (int)io_get(buf, (size_t)len);
}

/* cgiwrap writef hook: formats with vsnprintf (libfcgi's printf lacks %zu); 0 on success. */
__attribute__((format(printf, 2, 0)))
static int hook_writef(void *data, const char *fmt, va_list ap)
{
	char *s = NULL;
	int n = vasprintf(&s, fmt, ap);
	int rc;

	if (n < 0)
		return -1;
	rc = io_put(s, (size_t)n);
	free(s);
	return rc;
}

/* cgiwrap write hook: must return exactly the length written. */
static int hook_write(void *data, const char *buf, int len)
{
	if (len <= 0)
		return 0;
	return io_put(buf, (size_t)len) == 0 ? len : -1;
}

int io_multipart_boundary(const char *ctype, char *out, size_t size)
{
	static const char bchars[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?";
	static const char type[] = "multipart/form-data";
	const char *p;

	if (strncasecmp(ctype, type, sizeof(type) - 1) != 0)
		return -1;
	p = ctype + sizeof(type) - 1;
	while (*p == ';' || *p == ' ' || *p == '\t') {
		size_t n, name;
		int quoted;
		p += strspn(p, "; \t");
		name = strcspn(p, "=;");
		if (p[name] != '=') {
			p += name;
			continue;
		}
		quoted = p[name + 1] == '"';
		if (name != 8 || strncasecmp(p, "boundary", 8) != 0) {
			p += name + 1;
			p += quoted ? 1 + strcspn(p + 1, "\"") + (p[1 + strcspn(p + 1, "\"")] ? 1 : 0)
			    : strcspn(p, ";");
			continue;
		}
		p += name + 1 + quoted;
		n = strspn(p, bchars);
		if (quoted && p[n] != '"')
			return -1;
		while (!quoted && n && p[n - 1] == ' ')
			n--;
		if (n < 1 || n > 70 || n >= size || (!quoted && p[n] && p[n] != ';' && p[n] != ' '))
			return -1;
		memcpy(out, p, n);
		out[n] = '\0';
		return 0;
	}
	return -1;
}

/* cgiwrap getenv hook: a malloc'd copy (ClearSilver frees it). Content types are
 * normalised: 0.10.5 ignores "application/x-www-form-urlencoded; charset=..." bodies, and
 * multipart is handed on as exactly "multipart/form-data; boundary=B". */
static char *hook_getenv(void *data, const char *name)
{
	static const char form[] = "application/x-www-form-urlencoded";
	const char *v = query_hidden && strcmp(name, "QUERY_STRING") == 0 ? NULL : io_env(name);
	char boundary[80], *out;

	if (v && strcmp(name, "CONTENT_TYPE") == 0) {
		if (strncasecmp(v, form, sizeof(form) - 1) == 0)
			return strdup(form);
		if (io_multipart_boundary(v, boundary, sizeof(boundary)) == 0)
			return asprintf(&out, "multipart/form-data; boundary=%s", boundary) < 0 ? NULL : out;
	}
	return v ? strdup(v) : NULL;
}

/* cgiwrap putenv hook: only plain CGI has a real environment to change. */
static int hook_putenv(void *data, const char *name, const char *value)
{
	if (io_req)
		return 0;
	return setenv(name, value, 1) == 0 ? 0 : 1;
}

/* cgiwrap iterenv hook: the n-th variable as malloc'd name and value; both NULL past the end. */
static int hook_iterenv(void *data, int n, char **name, char **value)
{
	char **env = io_req ? io_req->envp : environ;
	const char *eq;
	int i;

	*name = *value = NULL;
	for (i = 0; i < n && env[i]; i++)
		;
	if (n < 0 || !env[i])
		return 0;
	eq = strchr(env[i], '=');
	if (!eq)
		return 0;
	*name = strndup(env[i], (size_t)(eq - env[i]));
	*value = strdup(eq + 1);
	if (!*name || !*value) {
		free(*name);
		free(*value);
		*name = *value = NULL;
		return 1;
	}
	return 0;
}

void io_install(void)
{
	static int installed;

	if (installed)
		return;
	cgiwrap_init_emu(NULL, hook_read, hook_writef, hook_write, hook_getenv, hook_putenv,
	    hook_iterenv);
	installed = 1;
}
