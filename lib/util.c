/* lib/util.c: small helpers every module shares (checked string copy, masked display, fen to yuan). */
#include <inttypes.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "util.h"

/* The length of the longest prefix of the n bytes at s that is at most max bytes and ends
 * between UTF-8 characters (never after a lead byte or inside a sequence). */
static size_t char_boundary(const char *s, size_t n, size_t max)
{
	size_t cut;

	if (n <= max)
		return n;
	cut = max;
	while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
		cut--;
	return cut;
}

/* A NULL src copies as the empty string. */
int util_copy(char *dst, size_t size, const char *src)
{
	size_t n;

	if (size == 0)
		return -1;
	if (src == NULL)
		src = "";
	n = strlen(src);
	if (n >= size) {
		n = char_boundary(src, n, size - 1);
		memcpy(dst, src, n);
		dst[n] = '\0';
		return -1;
	}
	memcpy(dst, src, n + 1);
	return 0;
}

int util_append(char *dst, size_t size, const char *src)
{
	size_t len = strnlen(dst, size);

	if (len >= size)
		return -1;
	return util_copy(dst + len, size - len, src);
}

/* 1 when every byte of s is printable ASCII (so masking by bytes never splits a character). */
static int printable_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x21 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* Writes s into out keeping its first `head` and last `tail` bytes and starring the rest;
 * with head + tail == 0 every byte is starred. Truncates to size, always NUL-terminated. */
static void mask(const char *s, size_t head, size_t tail, char *out, size_t size)
{
	size_t n = strlen(s), i, o = 0;

	if (size == 0)
		return;
	for (i = 0; i < n && o + 1 < size; i++)
		out[o++] = (i < head || i >= n - tail) ? s[i] : '*';
	out[o] = '\0';
}

/* A mobile of 11 printable ASCII characters keeps 3 + 4; anything else (NULL included)
 * is starred byte for byte, so the output is always plain ASCII. */
void util_mask_mobile(const char *mobile, char *out, size_t size)
{
	if (mobile == NULL)
		mobile = "";
	if (strlen(mobile) == 11 && printable_ascii(mobile))
		mask(mobile, 3, 4, out, size);
	else
		mask(mobile, 0, 0, out, size);
}

/* Keeps the first 3 and last 4 characters only when at least 4 are hidden (11 or more
 * printable ASCII characters: ID cards, most passports); shorter or non-ASCII values,
 * where the kept part would give most of the number away, are fully starred. */
void util_mask_id(const char *id, char *out, size_t size)
{
	if (id == NULL)
		id = "";
	if (strlen(id) >= 11 && printable_ascii(id))
		mask(id, 3, 4, out, size);
	else
		mask(id, 0, 0, out, size);
}

void util_fen_to_yuan(int64_t fen, char *out, size_t size)
{
	/* The magnitude in unsigned arithmetic, so INT64_MIN needs no special case. */
	uint64_t mag = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	snprintf(out, size, "%s%" PRIu64 ".%02u", fen < 0 ? "-" : "", mag / 100, (unsigned)(mag % 100));
}

int util_present(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* The browser named in a User-Agent, with its major version when it has one. */
static void agent_browser(const char *ua, char *out, size_t size)
{
	static const struct { const char *token, *name; } browsers[] = {
		{ "MicroMessenger/", "微信" }, { "QQBrowser/", "QQ浏览器" }, { "360SE", "360浏览器" },
		{ "Edg/", "Edge" }, { "Firefox/", "Firefox" }, { "HeadlessChrome/", "Chrome" },
		{ "Chrome/", "Chrome" }, { "Version/", "Safari" }, { "MSIE ", "IE" }, { "Trident/", "IE" },
	};
	size_t i;

	for (i = 0; i < sizeof(browsers) / sizeof(browsers[0]); i++) {
		const char *p = strstr(ua, browsers[i].token);
		if (!p)
			continue;
		p += strlen(browsers[i].token);
		if (strcmp(browsers[i].name, "Safari") != 0 && *p >= '0' && *p <= '9')
			snprintf(out, size, "%s %.*s", browsers[i].name, (int)strspn(p, "0123456789"), p);
		else
			snprintf(out, size, "%s", browsers[i].name);
		return;
	}
	snprintf(out, size, "未知浏览器");
}

/* The system named in a User-Agent. */
static const char *agent_system(const char *ua)
{
	static const struct { const char *token, *name; } systems[] = {
		{ "iPhone", "iPhone" }, { "iPad", "iPad" }, { "Android", "Android" },
		{ "HarmonyOS", "鸿蒙" }, { "Windows", "Windows" }, { "Mac OS X", "macOS" },
		{ "Linux", "Linux" },
	};
	size_t i;

	for (i = 0; i < sizeof(systems) / sizeof(systems[0]); i++)
		if (strstr(ua, systems[i].token))
			return systems[i].name;
	return "未知系统";
}

void util_agent_label(const char *ua, char *out, size_t size)
{
	char browser[64];

	if (!ua)
		ua = "";
	agent_browser(ua, browser, sizeof(browser));
	snprintf(out, size, "%s · %s", browser, agent_system(ua));
}

int util_read_file(const char *path, long max, unsigned char **buf, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	int rc = -1;

	*buf = NULL;
	*len = 0;
	if (!fp)
		return -1;
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size <= max
	    && (*buf = malloc((size_t)st.st_size)) != NULL
	    && fread(*buf, 1, (size_t)st.st_size, fp) == (size_t)st.st_size) {
		*len = (size_t)st.st_size;
		rc = 0;
	}
	fclose(fp);
	if (rc != 0) {
		free(*buf);
		*buf = NULL;
		*len = 0;
	}
	return rc;
}

int util_word_in(const char *list, const char *word, const char *seps)
{
	size_t n = strlen(word);

	list += strspn(list, seps);
	while (*list) {
		size_t len = strcspn(list, seps);
		if (len == n && strncmp(list, word, n) == 0)
			return 1;
		list += len;
		list += strspn(list, seps);
	}
	return 0;
}

int util_write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int util_yuan_to_fen(const char *s, int64_t *fen)
{
	int64_t v = 0;
	int digits = 0;

	if (!s)
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 13)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (digits == 0)
		return -1;
	v *= 100;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		v += (*s++ - '0') * 10;
		if (*s >= '0' && *s <= '9')
			v += *s++ - '0';
	}
	if (*s)
		return -1;
	*fen = v;
	return 0;
}
