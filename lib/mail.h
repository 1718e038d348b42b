/* lib/mail.h: e-mail: an RFC 5322/MIME message with UTF-8 headers and attachments, sent by libcurl's SMTP to Mail.SMTP. */
#ifndef CERTDESK_MAIL_H
#define CERTDESK_MAIL_H
#include <stddef.h>
#include <stdint.h>

/* The most attachment bytes one message may carry (all its files together). */
#define MAIL_MAX_ATTACH (20L * 1024 * 1024)

/* A file to attach: its absolute path, the name the recipient sees (UTF-8, at most 255
 * bytes) and its MIME type ("application/pdf"). */
struct mail_file {
	const char *path;
	const char *name;
	const char *ctype;
};

/* Builds a complete message with CRLF line ends: Date (now_s in Site.TimeZone), Message-ID
 * (random, at from's domain), From (from_name, when not NULL or empty, as the display
 * name), To, Subject (RFC 2047 UTF-8 encoded words, folded, when not plain ASCII),
 * MIME-Version. Without files the body is text as text/plain UTF-8 in base64; with files a
 * multipart/mixed of text then each file in base64 with its name as RFC 2231 filename* and
 * an RFC 2047 filename for older readers. Bare LF or CR in text become CRLF. Returns the
 * malloc'd message, or NULL when an address is not a valid e-mail address, a header value
 * or name is not single-line UTF-8 (so no header can be injected), text is not UTF-8, a
 * type is not type/subtype, or a file is missing, empty, unreadable or beyond
 * MAIL_MAX_ATTACH. */
char *mail_build(const char *from, const char *from_name, const char *to, const char *subject,
		 const char *text, const struct mail_file *files, size_t nfiles, int64_t now_s);

/* Sends message (as mail_build makes it) to one recipient through Mail.SMTP, a libcurl URL:
 * smtp://host:port upgrades with STARTTLS when the server offers it, smtps://host:port is
 * TLS from the start; certificates are always verified, with Mail.CAFile (relative to
 * Data.Dir) as the CA bundle when set (libcurl keeps its CA directory, on Debian the
 * system's /etc/ssl/certs, so public CAs stay trusted). MAIL FROM is Mail.From. With
 * Mail.User set it authenticates with Mail.User and Mail.Password and then requires TLS,
 * so no credential is ever sent in clear. 10 s to connect, 60 s in all. Returns 0, or -1 with a short reason (never the
 * password) in err. */
int mail_send(const char *to, const char *message, char *err, size_t errsize);

/* Builds a message from Mail.From, with Site.Name as its display name, to to, dated now,
 * and sends it with mail_send: the outbox's e-mail driver. Returns 0, or -1 with a reason
 * in err (Mail.SMTP or Mail.From not set, a message that cannot be built, or the SMTP
 * failure). */
int mail_deliver(const char *to, const char *subject, const char *text, const struct mail_file *files,
		 size_t nfiles, char *err, size_t errsize);
#endif
