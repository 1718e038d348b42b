/* tests/fuzz/fuzz_scan.c: fuzzes the request pre-scan (lib/app_scan.c) on urlencoded and multipart bodies: its bounds hold on every input, and a multipart body it accepted scans the same once rebound to another boundary. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "app_scan.h"

static const struct field fields[] = {
	{ "mobile", NULL, 11, 0 },
	{ "items", NULL, 32, FIELD_MULTI },
	{ "note", NULL, 500, FIELD_MULTILINE },
	{ "file", NULL, 0, FIELD_FILE },
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

/* Aborts unless a captured value is a C string within SCAN_VALUE_MAX. */
static void check_value(const struct scan_value *v)
{
	if (v->usable && (!v->present || strlen(v->text) > SCAN_VALUE_MAX))
		abort();
}

/* Aborts unless the scan's state is within its declared bounds. */
static void check(const struct scan *s, int rc)
{
	size_t i;

	if (rc == 0 && (s->count > s->max || s->nnames > s->count))
		abort();
	for (i = 0; i < s->nnames; i++)
		if (strlen(s->names[i]) == 0 || strlen(s->names[i]) > SCAN_NAME_MAX || s->uses[i] > SCAN_MULTI_MAX)
			abort();
	check_value(&s->action);
	check_value(&s->page);
	check_value(&s->csrf);
}

/* When the multipart scan accepted body, its rebound copy (every delimiter with a 70-character
 * boundary the body does not contain) must scan the same: accepted, with as many parts. */
static void check_rebound(const struct scan *s, const char *body, size_t len, const char *boundary)
{
	static const char nb[] = "fuzzFUZZfuzzFUZZfuzzFUZZfuzzFUZZfuzzFUZZfuzzFUZZfuzzFUZZfuzzFUZZfuzzFU";
	static struct scan again;
	struct scan_reader rd;
	size_t n, got, at = 0;
	char *out;

	if (memmem(body, len, nb, sizeof(nb) - 1))
		return;
	n = scan_rebound_len(s, len, strlen(boundary), nb);
	out = malloc(n + 1);
	if (!out)
		return;
	/* read in uneven pieces, so delimiters are given across calls */
	scan_reader_init(&rd, s, body, len, strlen(boundary), nb);
	while (at < n && (got = scan_reader_read(&rd, out + at, 1 + at % 13)) > 0)
		at += got;
	if (at != n || scan_reader_read(&rd, out, 1) != 0)
		abort();
	out[n] = '\0';
	scan_init(&again, fields, sizeof(fields) / sizeof(fields[0]), s->files);
	if (scan_multipart(&again, nb, out, n) != 0 || again.count != s->count || again.ndelim != s->ndelim)
		abort();
	free(out);
}

/* Input: one flag byte (bit 0: file parts accepted), the boundary, '\n', the body. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct scan s;
	const uint8_t *nl;
	char boundary[80];
	size_t blen;

	if (size < 2)
		return 0;
	nl = memchr(data + 1, '\n', size - 1);
	if (!nl)
		return 0;
	blen = (size_t)(nl - data - 1);
	if (blen >= sizeof(boundary) || memchr(data + 1, '\0', blen))
		return 0;
	memcpy(boundary, data + 1, blen);
	boundary[blen] = '\0';
	scan_init(&s, fields, sizeof(fields) / sizeof(fields[0]), data[0] & 1);
	if (scan_multipart(&s, boundary, (const char *)nl + 1, size - blen - 2) == 0) {
		check(&s, 0);
		check_rebound(&s, (const char *)nl + 1, size - blen - 2, boundary);
	} else {
		check(&s, -1);
	}
	scan_init(&s, fields, sizeof(fields) / sizeof(fields[0]), data[0] & 1);
	check(&s, scan_urlencoded(&s, (const char *)nl + 1, size - blen - 2));
	return 0;
}
