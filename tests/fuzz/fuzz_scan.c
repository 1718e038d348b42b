/* tests/fuzz/fuzz_scan.c: fuzzes the request pre-scan (lib/app_scan.c) on urlencoded and multipart bodies, checking its bounds on every input. */
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
	check(&s, scan_multipart(&s, boundary, (const char *)nl + 1, size - blen - 2));
	scan_init(&s, fields, sizeof(fields) / sizeof(fields[0]), data[0] & 1);
	check(&s, scan_urlencoded(&s, (const char *)nl + 1, size - blen - 2));
	return 0;
}
