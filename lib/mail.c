/* lib/mail.c: composing MIME messages (RFC 5322, 2045, 2047, 2231) and sending them with libcurl's SMTP. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "mail.h"
#include "cfg.h"
#include "clock.h"
#include "crypto.h"
#include "util.h"
#include "valid.h"

/* The longest line written where folding is possible (RFC 2045 §6.8, RFC 2047 §2). */
#define LINE_LEN 76
/* "=?UTF-8?B?" and "?=" around the base64 of an encoded word. */
#define WORD_OVERHEAD 12
#define NAME_MAX_BYTES 255

/* 1 when s can stand in a header as it is: printable ASCII without '"', '\' or "=?" (which
 * a reader could take for the start of an encoded word). */
static int plain_ascii(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\' || (p[0] == '=' && p[1] == '?'))
			return 0;
	return 1;
}

/* The byte length of the UTF-8 character led by c (the text is known to be well-formed). */
static size_t utf8_char_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* Writes the RFC 2047 encoded word "=?UTF-8?B?...?=" of the n bytes at s; returns 0 or -1. */
static int put_word(FILE *f, const char *s, size_t n)
{
	char *b64 = crypto_base64(s, n);

	if (!b64)
		return -1;
	fprintf(f, "=?UTF-8?B?%s?=", b64);
	free(b64);
	return 0;
}

/* Writes s as encoded words of whole UTF-8 characters, folded so that no line passes
 * LINE_LEN characters, col (at most 40) of them being already used on the first line.
 * Returns the column after the last word, or -1. */
static long put_words(FILE *f, const char *s, size_t col)
{
	size_t i = 0, n = strlen(s);

	while (i < n) {
		size_t room = (LINE_LEN - col - WORD_OVERHEAD) / 4 * 3, take = 0;

		while (i + take < n && take + utf8_char_len((unsigned char)s[i + take]) <= room)
			take += utf8_char_len((unsigned char)s[i + take]);
		if (put_word(f, s + i, take) != 0)
			return -1;
		col += WORD_OVERHEAD + (take + 2) / 3 * 4;
		i += take;
		if (i < n) {
			fputs("\r\n ", f);
			col = 1;
		}
	}
	return (long)col;
}

/* Writes the n bytes at data in base64, lines of LINE_LEN characters; returns 0 or -1. */
static int put_base64(FILE *f, const void *data, size_t n)
{
	char *b64 = crypto_base64(data, n);
	size_t len, i;

	if (!b64)
		return -1;
	len = strlen(b64);
	for (i = 0; i < len; i += LINE_LEN)
		fprintf(f, "%.*s\r\n", (int)(len - i < LINE_LEN ? len - i : LINE_LEN), b64 + i);
	free(b64);
	return 0;
}

/* Writes the Date header of now_s in Site.TimeZone: the local time comes from clock_format,
 * the offset from its difference to UTC. */
static void put_date(FILE *f, int64_t now_s)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char local[32];
	struct tm tm;
	time_t t = (time_t)now_s;
	long off = 0;

	memset(&tm, 0, sizeof(tm));
	clock_format(now_s * 1000, local, sizeof(local));
	if (sscanf(local, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min) == 5) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		tm.tm_sec = (int)(now_s % 60);
		off = (long)(timegm(&tm) - t) / 60;
	} else {
		gmtime_r(&t, &tm);
	}
	fprintf(f, "Date: %s, %02d %s %d %02d:%02d:%02d %c%02ld%02ld\r\n", days[tm.tm_wday], tm.tm_mday,
		months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+',
		labs(off) / 60, labs(off) % 60);
}

/* Writes the From header: the address alone, or after name (quoted, or encoded words). */
static int put_from(FILE *f, const char *from, const char *name)
{
	long col;

	if (!util_present(name)) {
		fprintf(f, "From: %s\r\n", from);
		return 0;
	}
	if (plain_ascii(name)) {
		fprintf(f, "From: \"%s\" <%s>\r\n", name, from);
		return 0;
	}
	fputs("From: ", f);
	col = put_words(f, name, strlen("From: "));
	if (col < 0)
		return -1;
	fprintf(f, "%s<%s>\r\n", (size_t)col + strlen(from) + 3 > LINE_LEN ? "\r\n " : " ", from);
	return 0;
}

/* Writes the Subject header: as it is when short plain ASCII, else as encoded words. */
static int put_subject(FILE *f, const char *subject)
{
	if (plain_ascii(subject) && strlen("Subject: ") + strlen(subject) <= LINE_LEN) {
		fprintf(f, "Subject: %s\r\n", subject);
		return 0;
	}
	fputs("Subject: ", f);
	if (put_words(f, subject, strlen("Subject: ")) < 0)
		return -1;
	fputs("\r\n", f);
	return 0;
}

/* Writes the message's headers up to MIME-Version; returns 0 or -1. */
static int put_headers(FILE *f, const char *from, const char *from_name, const char *to,
		       const char *subject, int64_t now_s)
{
	char token[44];

	if (crypto_token(token) != 0)
		return -1;
	put_date(f, now_s);
	fprintf(f, "Message-ID: <%s@%s>\r\n", token, strchr(from, '@') + 1);
	if (put_from(f, from, from_name) != 0)
		return -1;
	fprintf(f, "To: %s\r\n", to);
	if (put_subject(f, subject) != 0)
		return -1;
	fputs("MIME-Version: 1.0\r\n", f);
	return 0;
}

/* text with every line end (LF, CR or CRLF) made CRLF, malloc'd, its length in *len. */
static char *crlf(const char *text, size_t *len)
{
	char *out = malloc(2 * strlen(text) + 1), *q = out;

	if (!out)
		return NULL;
	for (; *text; text++) {
		if (*text == '\r' && text[1] == '\n')
			continue;
		if (*text == '\r' || *text == '\n') {
			*q++ = '\r';
			*q++ = '\n';
		} else {
			*q++ = *text;
		}
	}
	*len = (size_t)(q - out);
	return out;
}

/* Writes the text part: its headers, a blank line and the text in base64. */
static int put_text(FILE *f, const char *text)
{
	size_t n;
	char *body = crlf(text, &n);
	int rc;

	if (!body)
		return -1;
	fputs("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n", f);
	rc = put_base64(f, body, n);
	free(body);
	return rc;
}

/* Writes name as a quoted parameter value for older readers: as it is when plain ASCII,
 * else one encoded word (RFC 2047 in a quoted string, as common clients read it). */
static int put_legacy_name(FILE *f, const char *name)
{
	int rc = 0;

	fputc('"', f);
	if (plain_ascii(name))
		fputs(name, f);
	else
		rc = put_word(f, name, strlen(name));
	fputc('"', f);
	return rc;
}

/* Writes the part of file: headers naming it, a blank line and its content in base64.
 * *budget is the number of bytes still allowed, reduced by the file's size. */
static int put_file(FILE *f, const struct mail_file *file, long *budget)
{
	unsigned char *data;
	size_t n;
	char *pct;
	int rc = -1;

	if (util_read_file(file->path, *budget, &data, &n) != 0)
		return -1;
	*budget -= (long)n;
	pct = curl_easy_escape(NULL, file->name, 0);
	if (pct) {
		fprintf(f, "Content-Type: %s;\r\n name=", file->ctype);
		rc = put_legacy_name(f, file->name);
		fputs("\r\nContent-Disposition: attachment;\r\n filename=", f);
		rc |= put_legacy_name(f, file->name);
		fprintf(f, ";\r\n filename*=UTF-8''%s\r\nContent-Transfer-Encoding: base64\r\n\r\n", pct);
		rc |= put_base64(f, data, n);
	}
	curl_free(pct);
	free(data);
	return rc;
}

/* Writes the MIME body: the text alone, or a multipart/mixed of the text and the files. */
static int put_body(FILE *f, const char *text, const struct mail_file *files, size_t nfiles)
{
	char token[44];
	long budget = MAIL_MAX_ATTACH;
	size_t i;
	int rc;

	if (nfiles == 0)
		return put_text(f, text);
	/* "=_" never occurs in base64, the only encoding of every part. */
	if (crypto_token(token) != 0)
		return -1;
	fprintf(f, "Content-Type: multipart/mixed;\r\n boundary=\"=_%s\"\r\n\r\n--=_%s\r\n", token, token);
	rc = put_text(f, text);
	for (i = 0; rc == 0 && i < nfiles; i++) {
		fprintf(f, "--=_%s\r\n", token);
		rc = put_file(f, &files[i], &budget);
	}
	fprintf(f, "--=_%s--\r\n", token);
	return rc;
}

/* 1 when t is a MIME type "type/subtype", each of RFC 6838's restricted name characters. */
static int mime_type_ok(const char *t)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&^_.+-";
	size_t a = strspn(t, chars), b;

	if (a == 0 || t[a] != '/')
		return 0;
	b = strspn(t + a + 1, chars);
	return b > 0 && t[a + 1 + b] == '\0';
}

/* 1 when every input of mail_build is acceptable (see its contract in mail.h). */
static int inputs_ok(const char *from, const char *from_name, const char *to, const char *subject,
		     const char *text, const struct mail_file *files, size_t nfiles)
{
	size_t i;

	if (!from || !to || !subject || !text || valid_email(from) || valid_email(to) ||
	    valid_utf8_len(subject, 0) < 0 || valid_utf8_len(text, 1) < 0 ||
	    (from_name && valid_utf8_len(from_name, 0) < 0))
		return 0;
	for (i = 0; i < nfiles; i++)
		if (!files[i].path || !files[i].name || !files[i].ctype || !files[i].name[0] ||
		    strlen(files[i].name) > NAME_MAX_BYTES || valid_utf8_len(files[i].name, 0) < 0 ||
		    !mime_type_ok(files[i].ctype))
			return 0;
	return 1;
}

char *mail_build(const char *from, const char *from_name, const char *to, const char *subject,
		 const char *text, const struct mail_file *files, size_t nfiles, int64_t now_s)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if (!inputs_ok(from, from_name, to, subject, text, files, nfiles) || !(f = open_memstream(&out, &len)))
		return NULL;
	rc = put_headers(f, from, from_name, to, subject, now_s);
	if (rc == 0)
		rc = put_body(f, text, files, nfiles);
	if (ferror(f))
		rc = -1;
	if (fclose(f) != 0 || rc != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* Reads Mail.SMTP (an smtp:// or smtps:// URL) and Mail.From (an e-mail address) into *url
 * and *from; 0, or -1 with the reason in err. */
static int mail_config(const char **url, const char **from, char *err, size_t errsize)
{
	*url = cfg_str("Mail.SMTP", NULL);
	*from = cfg_str("Mail.From", NULL);
	if (!*url || !*from) {
		snprintf(err, errsize, "%s is not set", !*url ? "Mail.SMTP" : "Mail.From");
		return -1;
	}
	if (strncasecmp(*url, "smtp://", 7) != 0 && strncasecmp(*url, "smtps://", 8) != 0) {
		snprintf(err, errsize, "Mail.SMTP is not an smtp:// or smtps:// URL");
		return -1;
	}
	if (valid_email(*from)) {
		snprintf(err, errsize, "Mail.From is not an e-mail address");
		return -1;
	}
	return 0;
}

/* The rest of a message being uploaded. */
struct upload {
	const char *data;
	size_t left;
};

/* libcurl read callback: the next bytes of the message. */
static size_t feed(char *buf, size_t size, size_t n, void *ctx)
{
	struct upload *u = ctx;
	size_t k = size * n < u->left ? size * n : u->left;

	memcpy(buf, u->data, k);
	u->data += k;
	u->left -= k;
	return k;
}

/* Sets c's TLS and login options from Mail.CAFile, Mail.User and Mail.Password; 0, or -1
 * with the reason in err. */
static int set_security(CURL *c, char *err, size_t errsize)
{
	const char *ca = cfg_str("Mail.CAFile", NULL), *user = cfg_str("Mail.User", NULL);
	char path[1024];

	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ca) {
		if (cfg_data_path(ca, path, sizeof(path)) != 0) {
			snprintf(err, errsize, "Mail.CAFile is too long");
			return -1;
		}
		curl_easy_setopt(c, CURLOPT_CAINFO, path);
	}
	/* Credentials only ever go over TLS: STARTTLS is then required, not just tried. */
	curl_easy_setopt(c, CURLOPT_USE_SSL, user ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
	if (user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, cfg_str("Mail.Password", ""));
	}
	return 0;
}

int mail_send(const char *to, const char *message, char *err, size_t errsize)
{
	const char *url, *from;
	char sender[300], rcpt[300], detail[CURL_ERROR_SIZE] = "";
	struct upload up = { message, strlen(message) };
	struct curl_slist *rcpts = NULL;
	CURL *c;
	CURLcode rc;

	err[0] = '\0';
	if (mail_config(&url, &from, err, errsize) != 0)
		return -1;
	if (valid_email(to)) {
		snprintf(err, errsize, "the recipient is not an e-mail address");
		return -1;
	}
	snprintf(sender, sizeof(sender), "<%s>", from);
	snprintf(rcpt, sizeof(rcpt), "<%s>", to);
	c = curl_easy_init();
	rcpts = curl_slist_append(NULL, rcpt);
	if (!c || !rcpts || set_security(c, err, errsize) != 0) {
		if (!err[0])
			snprintf(err, errsize, "out of memory");
		curl_slist_free_all(rcpts);
		curl_easy_cleanup(c);
		return -1;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, sender);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, feed);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)up.left);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK) {
		long code = 0;
		char reply[32] = "";
		if (curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK && code >= 400)
			snprintf(reply, sizeof(reply), " (server: %ld)", code);
		snprintf(err, errsize, "%s%s%s%s", curl_easy_strerror(rc), detail[0] ? ": " : "", detail, reply);
	}
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? 0 : -1;
}

int mail_deliver(const char *to, const char *subject, const char *text, const struct mail_file *files,
		 size_t nfiles, char *err, size_t errsize)
{
	const char *url, *from;
	char *message;
	int rc;

	err[0] = '\0';
	if (mail_config(&url, &from, err, errsize) != 0)
		return -1;
	message = mail_build(from, cfg_str("Site.Name", NULL), to, subject, text, files, nfiles, clock_now());
	if (!message) {
		snprintf(err, errsize, "cannot build the message (a bad address or header, or an unreadable attachment)");
		return -1;
	}
	rc = mail_send(to, message, err, errsize);
	free(message);
	return rc;
}
