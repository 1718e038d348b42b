/* tests/fuzz/fuzz_cookie.c: fuzzes the Cookie header's path: ClearSilver's cookie parsing, the session and visitor tokens of both realms, the flash cookie, and the Set-Cookie answers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "account.h"
#include "app.h"
#include "app_int.h"
#include "app_io.h"
#include "crypto.h"
#include "session.h"

/* Live tokens: "@SID@" and "@STAFF@" in an input stand for them, so a corpus can hold
 * signed-in requests although each run makes new tokens. */
static char user_tok[44], staff_tok[44];

/* Echoes what the cookies made of the request: flash values and the signed-in state. */
static void echo(struct req *r)
{
	char out[512];

	HDF *hdf = req_hdf(r);

	snprintf(out, sizeof(out), "%s|%s|%d|%s", hdf_get_value(hdf, "Flash.notice", "-"),
	    hdf_get_value(hdf, "Session.Mobile", "-"), r->has_sess, hdf_get_value(hdf, "Csrf", "-"));
	req_send(r, 200, "text/plain; charset=utf-8", out, strlen(out), NULL);
}

/* A page rendered with its template, as real programs answer. */
static void page(struct req *r)
{
	req_set(r, "Page.Title", "fuzz");
	req_render(r, 200, "errors/error.cs");
}

static const struct route routes[] = {
	{ "GET", NULL, NULL,     AUTH_NONE,    0, 0, 0, 0, echo, NULL },
	{ "GET", NULL, "page",   AUTH_NONE,    0, 0, 0, 0, page, NULL },
	{ "GET", NULL, "user",   AUTH_USER,    0, 0, 0, 0, echo, NULL },
	{ "GET", NULL, "guest",  AUTH_VISITOR, 0, 0, 0, 0, echo, NULL },
	{ "GET", NULL, "staff",  AUTH_STAFF,   ROLE_ADMIN, 0, 0, 0, echo, NULL },
	{ "GET", NULL, "totp",   AUTH_STAFF_PENDING, 0, 0, 0, 0, echo, NULL },
};

static const struct app cookie_app = { "fuzz", routes, nitems(routes), NULL, 0 };

/* Creates a throwaway site once (config, key file, database), an applicant with a live
 * session and a staff session. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/certdesk-fuzz-XXXXXX", path[256], key[256];
	const char *src = getenv("top_srcdir");
	struct sess s;
	int64_t user;
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
	user = acct_create("13800138000", "fuzz-password-1");
	if (user <= 0 || sess_create(REALM_USER, user, 0, "127.0.0.1", "fuzz", user_tok, &s) != 0
	    || sess_create(REALM_STAFF, 1, 1, "127.0.0.1", "fuzz", staff_tok, &s) != 0)
		abort();
	io_install();
	return 0;
}

/* Copies in to out (size bytes) with every "@SID@" and "@STAFF@" made the live tokens. */
static void expand(const char *in, char *out, size_t size)
{
	size_t n = 0;

	while (*in && n + 44 < size) {
		if (strncmp(in, "@SID@", 5) == 0) {
			n += (size_t)snprintf(out + n, size - n, "%s", user_tok);
			in += 5;
		} else if (strncmp(in, "@STAFF@", 7) == 0) {
			n += (size_t)snprintf(out + n, size - n, "%s", staff_tok);
			in += 7;
		} else {
			out[n++] = *in++;
		}
	}
	out[n] = '\0';
}

/* Input: QUERY_STRING \n the Cookie header (up to the first NUL; a header holds no NUL). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *cookie, *header;
	FILE *out;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	cookie = strchr(copy, '\n');
	header = malloc(2 * size + 64);
	if (!cookie || !header) {
		free(header);
		free(copy);
		return 0;
	}
	*cookie++ = '\0';
	expand(cookie, header, 2 * size + 64);
	setenv("REQUEST_METHOD", "GET", 1);
	setenv("QUERY_STRING", copy, 1);
	setenv("HTTP_COOKIE", header, 1);
	setenv("PATH_INFO", "", 1);
	setenv("SCRIPT_NAME", "/cgi-bin/fuzz.fcgi", 1);
	setenv("REMOTE_ADDR", "127.0.0.1", 1);
	unsetenv("CONTENT_LENGTH");
	unsetenv("CONTENT_TYPE");
	out = fopen("/dev/null", "w");
	if (out) {
		FILE *saved_out = stdout;
		stdout = out;
		io_set(NULL);
		app_serve(&cookie_app);
		stdout = saved_out;
		fclose(out);
	}
	free(header);
	free(copy);
	return 0;
}
