/* lib/app_scan.h: the linear pre-scan of a request's query string and form body (SECURITY.md 25), run before ClearSilver parses any of it. */
#ifndef CERTDESK_APP_SCAN_H
#define CERTDESK_APP_SCAN_H
#include <stddef.h>
#include "app.h"

#define SCAN_NAME_MAX 64	/* bytes of a field name (declared names are far shorter) */
#define SCAN_MULTI_MAX 64	/* values of one FIELD_MULTI field */
#define SCAN_SPARE 8		/* names a form may send beyond the declared ones */
#define SCAN_FIELDS_MAX 256	/* fields and parts of any request, whatever is declared */
#define SCAN_HEADER_MAX 1024	/* bytes of one header line of a multipart part */
#define SCAN_PART_HEADERS 4	/* header lines of one part */
#define SCAN_VALUE_MAX 64	/* bytes kept of a captured value (action, page, csrf) */
#define SCAN_STEP (256 * 1024)	/* bytes between two calls of scan.passed */

/* A value the lifecycle needs before the body is parsed: routing and CSRF. */
struct scan_value {
	int present;			/* the name was given */
	int usable;			/* the value fits and holds no NUL byte */
	char text[SCAN_VALUE_MAX + 1];
};

/* The state of one request's pre-scan: the names seen so far (query string and body share
 * them, as they share ClearSilver's Query.*) and the captured values. */
struct scan {
	const struct field *fields;
	size_t nfields;
	int files;			/* multipart file parts are accepted */
	size_t max;			/* fields and parts allowed in total */
	size_t count;
	size_t nnames;
	char names[SCAN_FIELDS_MAX][SCAN_NAME_MAX + 1];
	unsigned short uses[SCAN_FIELDS_MAX];
	unsigned short slot[2 * SCAN_FIELDS_MAX];	/* hash of names: index + 1, 0 empty */
	size_t delim[SCAN_FIELDS_MAX + 2];	/* where each delimiter line of a multipart body starts */
	size_t ndelim;
	/* Called (when set) as the multipart scan and the rebound reader leave the bytes below
	 * upto behind, every SCAN_STEP bytes or so: a body mapped from a file may drop those
	 * pages, which are read again from the file should they be touched. */
	void (*passed)(void *ctx, size_t upto);
	void *passed_ctx;
	struct scan_value action, page, csrf;
};

/* Starts a pre-scan for a program's declared fields. The cap on fields and parts follows
 * from the declaration: each field once, a FIELD_MULTI field up to SCAN_MULTI_MAX times,
 * plus the lifecycle's csrf, action and page and SCAN_SPARE more (at most
 * SCAN_FIELDS_MAX). files: whether a part may carry a file (the route declares a file
 * field); a file part is accepted only under the name of a FIELD_FILE field. */
void scan_init(struct scan *s, const struct field *fields, size_t nfields, int files);

/* Scans an application/x-www-form-urlencoded text of len bytes (a query string or a body)
 * the way ClearSilver will split it. Returns 0 when it is within the rules: no NUL byte,
 * every name 1..SCAN_NAME_MAX bytes of [A-Za-z0-9_.-] once decoded (not starting with a
 * dot), given once unless declared FIELD_MULTI, the total within the cap. -1 otherwise.
 * Linear in len. */
int scan_urlencoded(struct scan *s, const char *buf, size_t len);

/* Scans a multipart/form-data body of len bytes with the given boundary, seeing its lines
 * exactly as ClearSilver's reader will (lines of at most 4096 bytes). Returns 0 when it is
 * a run of parts from the first byte to a closing delimiter, each with at most
 * SCAN_PART_HEADERS header lines of at most SCAN_HEADER_MAX bytes (no folded lines, no
 * line without a colon), exactly one Content-Disposition of form-data with a quoted or
 * plain name (and filename only for a declared file field when files are accepted), no
 * transfer encoding but 7bit, 8bit or binary, Content-Type and Content-Encoding at most
 * once each (ClearSilver leaks a repeated one), and names under the rules of
 * scan_urlencoded. -1 otherwise. Linear in len. */
int scan_multipart(struct scan *s, const char *boundary, const char *buf, size_t len);

/* The length of the body scan_multipart accepted (len bytes, its boundary blen bytes long)
 * once every delimiter carries boundary nb instead: ClearSilver 0.10.5 caches the length
 * of the last boundary by its address, so a process that parses a boundary of another
 * length at a recycled address loses the whole body; handing it boundaries of one length
 * avoids that. The body itself is read with a scan_reader. */
size_t scan_rebound_len(const struct scan *s, size_t len, size_t blen, const char *nb);

/* The rebound body, read in pieces (a body may be too large to copy whole). */
struct scan_reader {
	const struct scan *s;
	const char *buf;
	size_t len, blen, from, i, passed;
	char delim[2 + 70];		/* "--" and the new boundary */
	size_t dlen, dpos;		/* its length, and how much of it is still to give */
};

/* Starts reading the rebound body of scan_multipart's buf (len bytes, boundary blen
 * bytes) with boundary nb (at most 70 bytes). */
void scan_reader_init(struct scan_reader *rd, const struct scan *s, const char *buf, size_t len,
    size_t blen, const char *nb);

/* Copies up to n more bytes of the rebound body into out; returns how many (0 at its end). */
size_t scan_reader_read(struct scan_reader *rd, char *out, size_t n);
#endif
