/* lib/app_scan.c: the linear pre-scan of query strings and form bodies: counts fields and parts, refuses repeated names and malformed multipart, captures action/page/csrf. */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "app_scan.h"

/* ClearSilver's multipart reader hands over lines of at most this many bytes. */
#define CS_LINE_MAX 4096

void scan_init(struct scan *s, const struct field *fields, size_t nfields, int files)
{
	size_t i, max = 3 + SCAN_SPARE;

	memset(s, 0, sizeof(*s));
	s->fields = fields;
	s->nfields = nfields;
	s->files = files;
	for (i = 0; i < nfields; i++)
		max += (fields[i].flags & FIELD_MULTI) ? SCAN_MULTI_MAX : 1;
	s->max = max < SCAN_FIELDS_MAX ? max : SCAN_FIELDS_MAX;
}

/* The value of a hexadecimal digit, or -1. */
static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes n bytes of form text as ClearSilver does ('+' is a space, %XX a byte when both
 * digits are hexadecimal, anything else itself) into out (size bytes). Returns the decoded
 * length, or size when it does not fit. */
static size_t decode(const char *in, size_t n, char *out, size_t size)
{
	size_t i = 0, o = 0;

	while (i < n) {
		int c = (unsigned char)in[i];
		if (o >= size)
			return size;
		if (c == '+') {
			c = ' ';
			i++;
		} else if (c == '%' && i + 2 < n && hexval(in[i + 1]) >= 0 && hexval(in[i + 2]) >= 0) {
			c = hexval(in[i + 1]) * 16 + hexval(in[i + 2]);
			i += 3;
		} else {
			i++;
		}
		out[o++] = (char)c;
	}
	return o;
}

/* 1 when name (n bytes) is a name the lifecycle accepts: 1..SCAN_NAME_MAX bytes of
 * [A-Za-z0-9_.-], not starting with a dot. */
static int name_ok(const char *name, size_t n)
{
	size_t i;

	if (n == 0 || n > SCAN_NAME_MAX || name[0] == '.')
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_' && name[i] != '.' && name[i] != '-')
			return 0;
	return 1;
}

/* The declared field called name (n bytes), or NULL. */
static const struct field *declared(const struct scan *s, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < s->nfields; i++)
		if (s->fields[i].name && strlen(s->fields[i].name) == n
		    && memcmp(s->fields[i].name, name, n) == 0)
			return &s->fields[i];
	return NULL;
}

/* Counts one field or part called name (n bytes; file: it carries a file). 0, or -1 when
 * the name, the count, a repetition or the file is not allowed. */
static int note(struct scan *s, const char *name, size_t n, int file)
{
	const struct field *f;
	unsigned h = 2166136261u;
	size_t i, at;

	if (!name_ok(name, n) || ++s->count > s->max)
		return -1;
	f = declared(s, name, n);
	if (file && (!s->files || !f || !(f->flags & FIELD_FILE)))
		return -1;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	for (at = h % (2 * SCAN_FIELDS_MAX);; at = (at + 1) % (2 * SCAN_FIELDS_MAX)) {
		unsigned short k = s->slot[at];
		if (k == 0)
			break;
		if (strlen(s->names[k - 1]) == n && memcmp(s->names[k - 1], name, n) == 0) {
			if (!f || !(f->flags & FIELD_MULTI) || s->uses[k - 1] >= SCAN_MULTI_MAX)
				return -1;
			s->uses[k - 1]++;
			return 0;
		}
	}
	memcpy(s->names[s->nnames], name, n);
	s->names[s->nnames][n] = '\0';
	s->uses[s->nnames] = 1;
	s->slot[at] = (unsigned short)++s->nnames;
	return 0;
}

/* The captured value slot for name (n bytes), or NULL when it is not one the lifecycle needs. */
static struct scan_value *captured(struct scan *s, const char *name, size_t n)
{
	if (n == 6 && memcmp(name, "action", 6) == 0)
		return &s->action;
	if (n == 4 && memcmp(name, "page", 4) == 0)
		return &s->page;
	if (n == 4 && memcmp(name, "csrf", 4) == 0)
		return &s->csrf;
	return NULL;
}

/* Keeps a captured value of n bytes (already decoded); usable when it fits without NUL. */
static void keep(struct scan_value *v, const char *text, size_t n)
{
	v->present = 1;
	v->usable = n <= SCAN_VALUE_MAX && !memchr(text, '\0', n);
	if (v->usable) {
		memcpy(v->text, text, n);
		v->text[n] = '\0';
	}
}

int scan_urlencoded(struct scan *s, const char *buf, size_t len)
{
	size_t pos = 0;

	if (memchr(buf, '\0', len))
		return -1;
	while (pos < len) {
		const char *amp, *eq;
		char name[SCAN_NAME_MAX + 1], value[SCAN_VALUE_MAX + 1];
		struct scan_value *v;
		size_t end, n;

		if (buf[pos] == '&') {		/* an empty piece, skipped as ClearSilver does */
			pos++;
			continue;
		}
		amp = memchr(buf + pos, '&', len - pos);
		end = amp ? (size_t)(amp - buf) : len;
		eq = memchr(buf + pos, '=', end - pos);
		n = decode(buf + pos, eq ? (size_t)(eq - buf) - pos : end - pos, name, sizeof(name));
		if (note(s, name, n, 0) != 0)
			return -1;
		v = captured(s, name, n);
		if (v) {
			size_t from = eq ? (size_t)(eq - buf) + 1 : end;
			keep(v, value, decode(buf + from, end - from, value, sizeof(value)));
		}
		pos = end + 1;
	}
	return 0;
}

/* The kind of delimiter line at c for boundary b: 1 when a part follows, 2 the closing
 * one, 0 none; *next is set to the byte after it. */
static int delimiter(const char *buf, size_t len, size_t c, const char *b, size_t blen, size_t *next)
{
	size_t p = c + 2 + blen;
	int kind = 1;

	if (len - c < blen + 3 || buf[c] != '-' || buf[c + 1] != '-' || memcmp(buf + c + 2, b, blen) != 0)
		return 0;
	if (p + 1 < len && buf[p] == '-' && buf[p + 1] == '-') {
		kind = 2;
		p += 2;
	}
	if (p < len && buf[p] == '\r')
		p++;
	if (p >= len || buf[p] != '\n')
		return 0;
	*next = p + 1;
	return kind;
}

/* The first delimiter line at or after from, where ClearSilver's reader starts a line:
 * after a newline, or at a multiple of its line size into a longer line. Returns its
 * position and sets *kind and *next, or returns len when there is none. Searches SCAN_STEP
 * bytes at a time, telling s->passed what lies behind. */
static size_t find_delimiter(const struct scan *s, const char *buf, size_t len, size_t from,
    const char *b, size_t blen, int *kind, size_t *next)
{
	char needle[2 + 70];
	size_t line = from, seen = from;
	const char *hit, *nl;

	needle[0] = needle[1] = '-';
	memcpy(needle + 2, b, blen);
	while (from < len) {
		size_t lim = len - from > SCAN_STEP ? from + SCAN_STEP : len, c;
		if (!(hit = memmem(buf + from, lim - from, needle, blen + 2))) {
			if (lim == len)
				break;
			/* a needle across lim starts after lim - (blen + 2) */
			from = lim - (blen + 1);
			if ((nl = memrchr(buf + seen, '\n', from - seen)))
				line = (size_t)(nl - buf) + 1;
			seen = from;
			if (s->passed)
				s->passed(s->passed_ctx, line);
			continue;
		}
		c = (size_t)(hit - buf);
		if ((nl = memrchr(buf + seen, '\n', c - seen)))
			line = (size_t)(nl - buf) + 1;
		seen = c;
		if ((c - line) % CS_LINE_MAX == 0 && (*kind = delimiter(buf, len, c, b, blen, next)) != 0)
			return c;
		from = c + 1;
	}
	return len;
}

/* 1 when the n bytes at p are word, ignoring case. */
static int word_is(const char *p, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(p, word, n) == 0;
}

/* Reads a Content-Disposition value [p, e): "form-data" and ;-separated key=value
 * parameters, each value quoted or a plain token, no key twice. Sets *name (and *nlen) and
 * *file (a filename parameter is present, even empty). 0, or -1 when malformed. */
static int disposition(const char *p, const char *e, const char **name, size_t *nlen, int *file)
{
	const char *semi;
	int have_name = 0;

	while (p < e && isspace((unsigned char)*p))
		p++;
	semi = memchr(p, ';', (size_t)(e - p));
	if (!semi || !word_is(p, (size_t)(semi - p), "form-data"))
		return -1;
	p = semi;
	while (p < e) {
		const char *key, *val;
		size_t klen, vlen;
		if (*p++ != ';')
			return -1;
		while (p < e && isspace((unsigned char)*p))
			p++;
		for (key = p; p < e && !isspace((unsigned char)*p) && *p != ';' && *p != '=' && *p != '"'; p++)
			;
		klen = (size_t)(p - key);
		if (klen == 0 || p >= e || *p++ != '=')
			return -1;
		if (p < e && *p == '"') {
			val = ++p;
			p = memchr(p, '"', (size_t)(e - p));
			if (!p)
				return -1;
			vlen = (size_t)(p++ - val);
		} else {
			for (val = p; p < e && !isspace((unsigned char)*p) && *p != ';' && *p != '"'; p++)
				;
			vlen = (size_t)(p - val);
			if (vlen == 0)
				return -1;
		}
		if (p < e && *p != ';')
			return -1;
		if (word_is(key, klen, "name")) {
			if (have_name++)
				return -1;
			*name = val;
			*nlen = vlen;
		} else if (word_is(key, klen, "filename")) {
			if ((*file)++)
				return -1;
		}
	}
	return have_name ? 0 : -1;
}

/* Reads the header lines of a part from *pos up to and including the empty line that ends
 * them; sets the part's name and whether it carries a file. 0, or -1 when malformed. */
static int part_headers(const char *buf, size_t len, size_t *pos, const char **name, size_t *nlen,
    int *file)
{
	int lines = 0, seen_disposition = 0, seen_type = 0, seen_encoding = 0;

	*file = 0;
	for (;;) {
		size_t p = *pos, e;
		const char *nl, *colon;
		if (p >= len)
			return -1;
		nl = memchr(buf + p, '\n', len - p < SCAN_HEADER_MAX ? len - p : SCAN_HEADER_MAX);
		if (!nl)
			return -1;
		*pos = (size_t)(nl - buf) + 1;
		if (buf[p] == ' ' || buf[p] == '\t')
			return -1;
		if (isspace((unsigned char)buf[p]))
			break;
		if (++lines > SCAN_PART_HEADERS)
			return -1;
		for (e = *pos; e > p && isspace((unsigned char)buf[e - 1]); e--)
			;
		if (memchr(buf + p, '\0', e - p) || !(colon = memchr(buf + p, ':', e - p)))
			return -1;
		if (word_is(buf + p, (size_t)(colon - buf) - p, "content-disposition")) {
			if (seen_disposition++ || disposition(colon + 1, buf + e, name, nlen, file) != 0)
				return -1;
		} else if (word_is(buf + p, (size_t)(colon - buf) - p, "content-type")) {
			if (seen_type++)
				return -1;	/* ClearSilver would leak the first one's value */
		} else if (word_is(buf + p, (size_t)(colon - buf) - p, "content-encoding")) {
			const char *v = colon + 1, *end;
			if (seen_encoding++)
				return -1;
			while (v < buf + e && isspace((unsigned char)*v))
				v++;
			for (end = v; end < buf + e && !isspace((unsigned char)*end) && *end != ';'; end++)
				;
			if (end > v && !(end - v == 4 && (memcmp(v, "7bit", 4) == 0 || memcmp(v, "8bit", 4) == 0))
			    && !(end - v == 6 && memcmp(v, "binary", 6) == 0))
				return -1;
		}
	}
	return seen_disposition ? 0 : -1;
}

int scan_multipart(struct scan *s, const char *boundary, const char *buf, size_t len)
{
	size_t blen = strlen(boundary), pos, next;
	int kind;

	if (blen == 0 || blen > 70)
		return -1;
	kind = delimiter(buf, len, 0, boundary, blen, &pos);
	s->ndelim = 0;
	s->delim[s->ndelim++] = 0;
	while (kind == 1) {
		const char *name = NULL;
		size_t nlen = 0, data, end;
		struct scan_value *v;
		int file;

		if (part_headers(buf, len, &pos, &name, &nlen, &file) != 0)
			return -1;
		data = pos;
		end = find_delimiter(s, buf, len, data, boundary, blen, &kind, &next);
		if (end == len || note(s, name, nlen, file) != 0)
			return -1;
		s->delim[s->ndelim++] = end;
		v = file ? NULL : captured(s, name, nlen);
		if (v) {
			while (end > data && isspace((unsigned char)buf[end - 1]))
				end--;
			keep(v, buf + data, end - data);
		}
		pos = next;
	}
	return kind == 2 ? 0 : -1;
}

size_t scan_rebound_len(const struct scan *s, size_t len, size_t blen, const char *nb)
{
	return len - s->ndelim * blen + s->ndelim * strlen(nb);
}

void scan_reader_init(struct scan_reader *rd, const struct scan *s, const char *buf, size_t len,
    size_t blen, const char *nb)
{
	memset(rd, 0, sizeof(*rd));
	rd->s = s;
	rd->buf = buf;
	rd->len = len;
	rd->blen = blen;
	rd->delim[0] = rd->delim[1] = '-';
	rd->dlen = 2 + strlen(nb);
	memcpy(rd->delim + 2, nb, rd->dlen - 2);
}

size_t scan_reader_read(struct scan_reader *rd, char *out, size_t n)
{
	size_t o = 0;

	while (o < n) {
		size_t k, stop = rd->i < rd->s->ndelim ? rd->s->delim[rd->i] : rd->len;
		if (rd->dpos) {
			/* the rest of a new delimiter */
			k = rd->dlen - rd->dpos < n - o ? rd->dlen - rd->dpos : n - o;
			memcpy(out + o, rd->delim + rd->dpos, k);
			rd->dpos = (rd->dpos + k) % rd->dlen;
		} else if (rd->from < stop) {
			k = stop - rd->from < n - o ? stop - rd->from : n - o;
			memcpy(out + o, rd->buf + rd->from, k);
			rd->from += k;
		} else if (rd->i < rd->s->ndelim) {
			/* a delimiter: "--" and the old boundary become "--" and the new one */
			k = rd->dlen < n - o ? rd->dlen : n - o;
			memcpy(out + o, rd->delim, k);
			rd->dpos = k % rd->dlen;
			rd->from = stop + 2 + rd->blen;
			rd->i++;
		} else {
			break;
		}
		o += k;
	}
	if (rd->s->passed && rd->from - rd->passed >= SCAN_STEP) {
		rd->passed = rd->from;
		rd->s->passed(rd->s->passed_ctx, rd->from);
	}
	return o;
}
