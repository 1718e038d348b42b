/* tests/fuzz/fuzz_request.c: fuzzes the whole request path (cgi_init, size limit, form/multipart/cookie parsing, routing, CSRF, validation, response). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app.h"
#include "app_int.h"
#include "app_io.h"
#include "crypto.h"

enum key { KEY_MOBILE, KEY_PASSWORD, KEY_USCC, KEY_ID, KEY_EMAIL, KEY_NEXT, KEY_ITEMS, KEY_NOTE,
	KEY_CODE, KEY_DOC, KEY__MAX };

static const struct field fields[KEY__MAX] = {
	[KEY_MOBILE]   = { "mobile",   valid_mobile,       11,  0 },
	[KEY_PASSWORD] = { "password", valid_password,     128, FIELD_SECRET },
	[KEY_USCC]     = { "uscc",     valid_uscc,         18,  0 },
	[KEY_ID]       = { "id_no",    valid_resident_id,  18,  0 },
	[KEY_EMAIL]    = { "email",    valid_email,        254, 0 },
	[KEY_NEXT]     = { "next",     valid_next,         512, 0 },
	[KEY_ITEMS]    = { "items",    valid_token,        32,  FIELD_MULTI },
	[KEY_NOTE]     = { "note",     valid_multiline,    500, FIELD_MULTILINE },
	[KEY_CODE]     = { "code",     valid_code6,        6,   FIELD_SECRET },
	[KEY_DOC]      = { "doc",      NULL,               0,   FIELD_FILE },
};

/* Echoes the validated values as plain text. */
static void echo(struct req *r)
{
	const char *items[8];
	size_t i, n = req_values(r, KEY_ITEMS, items, 8);
	char out[4096], head[8];
	FILE *doc = req_file(r, KEY_DOC);

	if (doc && fread(head, 1, sizeof(head), doc) == 0)
		clearerr(doc);
	int len = snprintf(out, sizeof(out), "%s|%s|%zu", req_value(r, KEY_MOBILE) ?
	    req_value(r, KEY_MOBILE) : "-", req_value(r, KEY_USCC) ? req_value(r, KEY_USCC) : "-", n);

	for (i = 0; i < n && len > 0 && (size_t)len < sizeof(out); i++)
		len += snprintf(out + len, sizeof(out) - (size_t)len, "|%s", items[i]);
	req_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* Shows an invalid form as the real programs do: a rendered page. */
static void invalid(struct req *r)
{
	req_set(r, "Page.Title", "fuzz");
	req_render(r, 422, "errors/error.cs");
}

/* A raw-body route, as the Alipay callback uses. */
static void raw(struct req *r)
{
	size_t n;
	const char *body = req_body(r, &n);

	req_send(r, 200, "text/plain", n ? "success" : "fail", n ? 7 : 4, body[0] ? "x.txt" : NULL);
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,   AUTH_NONE, 0, 0, 0, 0, echo, invalid },
	{ "GET",  NULL, "user", AUTH_USER, 0, 0, 0, 0, echo, invalid },
	{ "POST", NULL, NULL,   AUTH_NONE, 0, ROUTE_NO_CSRF, 0, NEED(KEY_MOBILE), echo, invalid },
	{ "POST", NULL, "csrf", AUTH_NONE, 0, 0, 0, 0, echo, invalid },
	{ "POST", NULL, "file", AUTH_NONE, 0, ROUTE_NO_CSRF | ROUTE_FILES, 8192, 0, echo, NULL },
	{ "POST", "/alipay/notify", NULL, AUTH_NONE, 0, ROUTE_NO_CSRF | ROUTE_RAW_BODY, 4096, 0, raw, NULL },
	{ "POST", NULL, "staff", AUTH_STAFF, ROLE_ADMIN, 0, 0, 0, echo, NULL },
};

static const struct app fuzz_app = { "fuzz", routes, nitems(routes), fields, KEY__MAX };

/* Creates a throwaway site once: config, key file, database. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/certdesk-fuzz-XXXXXX", path[256], key[256];
	const char *src = getenv("top_srcdir");
	FILE *f;

	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof(path), "%s/certdesk.hdf", dir);
	snprintf(key, sizeof(key), "%s/master.key", dir);
	f = fopen(path, "w");
	if (!f)
		abort();
	fprintf(f, "Site.BaseURL = http://127.0.0.1:8080\nData.Dir = %s\nTemplates.Dir = %s/templates\n"
	    "Crypto.PasswordCost = 4\nCrypto.KeyFile = %s/master.key\n", dir, src ? src : ".", dir);
	fclose(f);
	setenv("CERTDESK_CONFIG", path, 1);
	if (crypto_key_load(key, 1) != 0 || app_open() != 0)
		abort();
	io_install();
	return 0;
}

/* Input: METHOD \n CONTENT_TYPE \n QUERY_STRING \n COOKIE \n PATH_INFO \n body. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *line[5], *p;
	FILE *in, *out;
	int i;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	p = copy;
	for (i = 0; i < 5; i++) {
		line[i] = p;
		p = memchr(p, '\n', (size_t)(copy + size - p));
		if (!p) {
			free(copy);
			return 0;
		}
		*p++ = '\0';
	}
	setenv("REQUEST_METHOD", line[0], 1);
	setenv("CONTENT_TYPE", line[1], 1);
	setenv("QUERY_STRING", line[2], 1);
	setenv("HTTP_COOKIE", line[3], 1);
	setenv("PATH_INFO", line[4], 1);
	setenv("SCRIPT_NAME", "/cgi-bin/fuzz.fcgi", 1);
	setenv("REMOTE_ADDR", "127.0.0.1", 1);
	{
		char len[32];
		snprintf(len, sizeof(len), "%zu", (size_t)(copy + size - p));
		setenv("CONTENT_LENGTH", len, 1);
	}
	in = fmemopen(p, (size_t)(copy + size - p) + 1, "r");
	out = fopen("/dev/null", "w");
	if (in && out) {
		FILE *saved_in = stdin, *saved_out = stdout;
		stdin = in;
		stdout = out;
		io_set(NULL);
		app_serve(&fuzz_app);
		stdin = saved_in;
		stdout = saved_out;
	}
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	free(copy);
	return 0;
}
