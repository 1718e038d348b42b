/* tests/unit/t_mail.c: TAP tests of lib/mail.c (messages decoded by Python's email package; SMTP with STARTTLS and AUTH through tests/fakes/smtp_server.py) and of the outbox's e-mail driver. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "mail.h"
#include "outbox.h"
#include "tap.h"
#include "tfake.h"
#include "tsite.h"

#define FROM "billing@certdesk.example"
#define TO "zhangsan@example.com"
#define SITE_NAME "福建省电子政务应用 CFCA数字证书在线受理平台"
#define SUBJECT "发票已开具：业务单 2128037641608757248 增值税普通发票"
#define TEXT "您好：\n\n您申请的增值税普通发票已开具，请查收附件。\n业务单号 2128037641608757248, line two.\n"
#define FILE_NAME "增值税普通发票_2128037641608757248.pdf"
#define USER "mailer"
#define PASSWORD "S3cret pass"
/* 2025-12-01 16:03:20 UTC: already Tuesday 2 December in Asia/Shanghai. */
#define NOW_S 1764605000LL

/* Decodes the message file argv[1] with Python's email package and prints what a reader
 * sees as JSON, with line statistics of the raw bytes. The display name is decoded with
 * email.header: Python 3.11's policy.default keeps the folding space between two encoded
 * words of a phrase, against RFC 2047 §6.2 (CPython gh-128110). */
static const char parser[] =
	"import email, email.header, email.policy, email.utils, hashlib, json, sys\n"
	"raw = open(sys.argv[1], 'rb').read()\n"
	"m = email.message_from_bytes(raw, policy=email.policy.default)\n"
	"head = raw.split(b'\\r\\n\\r\\n', 1)[0].split(b'\\r\\n')\n"
	"def header_lines(name):\n"
	"    out, on = [], False\n"
	"    for l in head:\n"
	"        on = l.startswith(name + b':') or (on and l[:1] == b' ')\n"
	"        if on: out.append(l)\n"
	"    return out\n"
	"raw_from = b''.join(header_lines(b'From')).decode('ascii')[5:]\n"
	"name = email.utils.parseaddr(str(email.header.make_header(email.header.decode_header(raw_from))))[0]\n"
	"body = m.get_body(('plain',))\n"
	"print(json.dumps({\n"
	"    'subject': str(m['subject']), 'from_name': name,\n"
	"    'from': m['from'].addresses[0].addr_spec, 'to': m['to'].addresses[0].addr_spec,\n"
	"    'date': m['date'].datetime.timestamp(), 'date_raw': str(header_lines(b'Date')[0], 'ascii'),\n"
	"    'message_id': str(m['message-id']), 'ctype': m.get_content_type(),\n"
	"    'text': body.get_content().replace('\\r\\n', '\\n') if body else None,\n"
	"    'files': [{'name': p.get_filename(), 'ctype': p.get_content_type(),\n"
	"               'sha256': hashlib.sha256(p.get_content()).hexdigest()} for p in m.iter_attachments()],\n"
	"    'ascii': raw.isascii(), 'bare_lf': raw.count(b'\\n') - raw.count(b'\\r\\n'),\n"
	"    'subject_lines': len(header_lines(b'Subject')),\n"
	"    'subject_max': max(len(l) for l in header_lines(b'Subject')),\n"
	"    'from_max': max(len(l) for l in header_lines(b'From')),\n"
	"    'long_lines': [str(l, 'ascii', 'replace') for l in raw.split(b'\\r\\n') if len(l) > 76],\n"
	"}, ensure_ascii=False))\n";

static char dir[] = "/tmp/t_mail.XXXXXX";
static char pdf[600], pdf_sha[65];

/* A running smtp_server.py and its message directory. */
struct fake {
	struct tfake f;
	char dir[600];
};
static struct fake tls_fake, plain_fake;

/* Configures Mail.* for fake with the extra lines given (CA file, user, password). */
static int configure_mail(const struct fake *fk, const char *extra)
{
	char lines[1024];

	snprintf(lines, sizeof(lines), "Mail.SMTP = smtp://127.0.0.1:%d\nMail.From = " FROM "\n%s", fk->f.port, extra);
	return tsite_configure(dir, lines);
}

/* Starts smtp_server.py with the options in opts (NULL-ended, at most 14), its messages in
 * dir/name and its standard error in dir/name.err; fills fk. Returns 0, or -1 (also when it
 * printed no CONTROL port). */
static int start_fake(struct fake *fk, const char *name, const char *const *opts)
{
	char errf[700];
	const char *argv[17];
	int n = 0;

	snprintf(fk->dir, sizeof(fk->dir), "%s/%s", dir, name);
	snprintf(errf, sizeof(errf), "%s/%s.err", dir, name);
	argv[n++] = "--dir";
	argv[n++] = fk->dir;
	while (*opts && n < 16)
		argv[n++] = *opts++;
	argv[n] = NULL;
	if (tfake_start(&fk->f, "smtp_server.py", argv, errf) != 0 || fk->f.control == fk->f.port)
		return -1;
	return 0;
}

/* The messages fk has stored (its /messages list; the caller json_decref's it). */
static json_t *stored(const struct fake *fk)
{
	json_t *list = NULL;

	tfake_call(&fk->f, 0, "/messages", &list);
	return list ? list : json_array();
}

/* The number of messages fk has stored. */
static long long stored_count(const struct fake *fk)
{
	json_t *list = stored(fk);
	long long n = (long long)json_array_size(list);

	json_decref(list);
	return n;
}

/* Decodes the message file path with the Python parser; the JSON (caller decref's), or NULL. */
static json_t *parse_file(const char *path)
{
	char script[600], cmd[1400];
	struct tfake_buf b = { NULL, 0 };
	char chunk[4096];
	size_t n;
	json_t *j;
	FILE *f;

	snprintf(script, sizeof(script), "%s/parse.py", dir);
	f = fopen(script, "w");
	if (!f || fputs(parser, f) < 0 || fclose(f) != 0)
		return NULL;
	snprintf(cmd, sizeof(cmd), "python3 '%s' '%s'", script, path);
	f = popen(cmd, "r");
	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		tfake_grow(chunk, 1, n, &b);
	pclose(f);
	j = b.data ? json_loads(b.data, 0, NULL) : NULL;
	free(b.data);
	return j;
}

/* Writes message to dir/name and decodes it (see parse_file). */
static json_t *parse_message(const char *message, const char *name)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fputs(message, f) < 0 || fclose(f) != 0)
		return NULL;
	return parse_file(path);
}

/* The string member name of j ("" when missing). */
static const char *jstr(const json_t *j, const char *name)
{
	const char *s = json_string_value(json_object_get(j, name));

	return s ? s : "";
}

/* Checks what a reader decodes from the message with the invoice attached (label names the tests). */
static void check_invoice(const json_t *j, const char *label)
{
	const json_t *file = json_array_get(json_object_get(j, "files"), 0);
	char name[160];

	snprintf(name, sizeof(name), "%s: parsed by Python's email package", label);
	if (!ok(j != NULL, name))
		return;
	snprintf(name, sizeof(name), "%s: subject decoded exactly", label);
	is_str(jstr(j, "subject"), SUBJECT, name);
	snprintf(name, sizeof(name), "%s: from address", label);
	is_str(jstr(j, "from"), FROM, name);
	snprintf(name, sizeof(name), "%s: to address", label);
	is_str(jstr(j, "to"), TO, name);
	snprintf(name, sizeof(name), "%s: text body decoded exactly", label);
	is_str(jstr(j, "text"), TEXT, name);
	snprintf(name, sizeof(name), "%s: multipart/mixed", label);
	is_str(jstr(j, "ctype"), "multipart/mixed", name);
	snprintf(name, sizeof(name), "%s: one attachment", label);
	is_int((long long)json_array_size(json_object_get(j, "files")), 1, name);
	snprintf(name, sizeof(name), "%s: attachment's Chinese file name", label);
	is_str(jstr(file, "name"), FILE_NAME, name);
	snprintf(name, sizeof(name), "%s: attachment's type", label);
	is_str(jstr(file, "ctype"), "application/pdf", name);
	snprintf(name, sizeof(name), "%s: attachment byte-identical", label);
	is_str(jstr(file, "sha256"), pdf_sha, name);
}

/* Writes the test PDF (every byte value, several base64 lines) to dir/uploads/invoice.pdf. */
static int write_pdf(void)
{
	FILE *f;
	int i;

	snprintf(pdf, sizeof(pdf), "%s/uploads/invoice.pdf", dir);
	f = fopen(pdf, "wb");
	if (!f)
		return -1;
	fputs("%PDF-1.4\n", f);
	for (i = 0; i < 5000; i++)
		fputc((i * 7 + i / 256) & 0xff, f);
	fputs("\n%%EOF\n", f);
	if (fclose(f) != 0)
		return -1;
	return crypto_sha256_file(pdf, pdf_sha);
}

static void test_build(void)
{
	struct mail_file file = { pdf, FILE_NAME, "application/pdf" };
	char *m = mail_build(FROM, SITE_NAME, TO, SUBJECT, TEXT, &file, 1, NOW_S);
	json_t *j = m ? parse_message(m, "built.eml") : NULL;
	const json_t *lines;
	size_t i;
	int long_ok = 1;

	ok(m != NULL, "build: a message with a Chinese subject and attachment");
	check_invoice(j, "build");
	is_str(jstr(j, "from_name"), SITE_NAME, "build: Chinese display name decoded exactly");
	is_str(jstr(j, "date_raw"), "Date: Tue, 02 Dec 2025 00:03:20 +0800", "build: Date in Asia/Shanghai");
	is_int((long long)json_real_value(json_object_get(j, "date")), NOW_S, "build: Date is now");
	ok(strlen(jstr(j, "message_id")) > 30 &&
	   strstr(jstr(j, "message_id"), "@certdesk.example>") != NULL, "build: Message-ID at From's domain");
	ok(json_is_true(json_object_get(j, "ascii")), "build: the message is 7-bit ASCII");
	is_int(json_integer_value(json_object_get(j, "bare_lf")), 0, "build: every line ends with CRLF");
	ok(json_integer_value(json_object_get(j, "subject_lines")) > 1, "build: the long subject is folded");
	ok(json_integer_value(json_object_get(j, "subject_max")) <= 76, "build: subject lines at most 76");
	ok(json_integer_value(json_object_get(j, "from_max")) <= 76, "build: From lines at most 76");
	lines = json_object_get(j, "long_lines");
	for (i = 0; i < json_array_size(lines); i++) {
		const char *l = json_string_value(json_array_get(lines, i));
		if (strncmp(l, " name=", 6) != 0 && strncmp(l, " filename", 9) != 0) {
			printf("# too long: %s\n", l);
			long_ok = 0;
		}
	}
	ok(long_ok, "build: only the file name parameters pass 76 characters");
	json_decref(j);
	free(m);

	m = mail_build(FROM, "", TO, "Hello", "plain\r\ntext\rmixed\n", NULL, 0, NOW_S);
	j = m ? parse_message(m, "plain.eml") : NULL;
	ok(m && strstr(m, "\r\nSubject: Hello\r\n") && strstr(m, "\r\nFrom: " FROM "\r\n"),
	   "build: ASCII subject and no display name as they are");
	is_str(jstr(j, "ctype"), "text/plain", "build: without files a text/plain message");
	is_str(jstr(j, "text"), "plain\ntext\nmixed\n", "build: line ends made CRLF");
	is_int(json_integer_value(json_object_get(j, "bare_lf")), 0, "build: ... no bare LF");
	json_decref(j);
	free(m);
}

static void test_refused(void)
{
	struct mail_file file = { pdf, FILE_NAME, "application/pdf" }, bad = file;
	char big[600];
	FILE *f;

	ok(!mail_build(FROM, NULL, TO, "发票\r\nBcc: evil@example.com", TEXT, NULL, 0, NOW_S), "inject: CRLF in the subject refused");
	ok(!mail_build(FROM, NULL, TO, "x\nBcc: evil@example.com", TEXT, NULL, 0, NOW_S), "inject: LF in the subject refused");
	ok(!mail_build(FROM, NULL, TO "\r\nBcc: evil@example.com", "x", TEXT, NULL, 0, NOW_S), "inject: CRLF in To refused");
	ok(!mail_build(FROM, "平台\r\nBcc: evil@example.com", TO, "x", TEXT, NULL, 0, NOW_S), "inject: CRLF in the display name refused");
	ok(!mail_build(FROM, NULL, "a@b.example>, <evil@example.com", "x", TEXT, NULL, 0, NOW_S), "inject: a list in To refused");
	bad.name = "a.pdf\r\nX-Evil: 1";
	ok(!mail_build(FROM, NULL, TO, "x", TEXT, &bad, 1, NOW_S), "inject: CRLF in a file name refused");
	bad = file;
	bad.ctype = "application/pdf\r\nX-Evil: 1";
	ok(!mail_build(FROM, NULL, TO, "x", TEXT, &bad, 1, NOW_S), "inject: CRLF in a type refused");
	bad.ctype = "application/pdf; charset=x";
	ok(!mail_build(FROM, NULL, TO, "x", TEXT, &bad, 1, NOW_S), "inject: parameters in a type refused");
	ok(!mail_build(FROM, NULL, TO, "\xff\xfe", TEXT, NULL, 0, NOW_S), "build: invalid UTF-8 subject refused");
	ok(!mail_build(FROM, NULL, TO, "x", "\x01", NULL, 0, NOW_S), "build: control characters in the text refused");
	bad = file;
	bad.path = "/nonexistent/invoice.pdf";
	ok(!mail_build(FROM, NULL, TO, "x", TEXT, &bad, 1, NOW_S), "build: a missing file refused");
	snprintf(big, sizeof(big), "%s/big.bin", dir);
	f = fopen(big, "w");
	if (f) {
		if (ftruncate(fileno(f), MAIL_MAX_ATTACH + 1) != 0)
			printf("# cannot grow %s\n", big);
		fclose(f);
	}
	bad.path = big;
	ok(!mail_build(FROM, NULL, TO, "x", TEXT, &bad, 1, NOW_S), "build: a file beyond MAIL_MAX_ATTACH refused");
	unlink(big);
}

/* The one message stored by fk, decoded (NULL unless exactly one is stored). */
static json_t *parse_stored(const struct fake *fk)
{
	json_t *list = stored(fk), *j = NULL;
	char path[800];

	if (json_array_size(list) == 1) {
		snprintf(path, sizeof(path), "%s/%s", fk->dir, jstr(json_array_get(list, 0), "file"));
		j = parse_file(path);
	}
	json_decref(list);
	return j;
}

static void test_send(void)
{
	struct mail_file file = { pdf, FILE_NAME, "application/pdf" };
	char err[256];
	json_t *list, *first, *j;

	tsite_configure(dir, "Mail.From = " FROM "\n");
	is_int(mail_deliver(TO, SUBJECT, TEXT, &file, 1, err, sizeof(err)), -1, "send: without Mail.SMTP fails");
	is_str(err, "Mail.SMTP is not set", "send: ... saying so");
	tsite_configure(dir, "Mail.SMTP = http://127.0.0.1:9/\nMail.From = " FROM "\n");
	is_int(mail_deliver(TO, SUBJECT, TEXT, &file, 1, err, sizeof(err)), -1, "send: an http:// Mail.SMTP fails");

	configure_mail(&tls_fake, "Mail.CAFile = ca.pem\nMail.User = " USER "\nMail.Password = " PASSWORD "\n");
	is_int(mail_deliver(TO, SUBJECT, TEXT, &file, 1, err, sizeof(err)), 0, "send: STARTTLS and AUTH");
	if (err[0])
		printf("# %s\n", err);
	list = stored(&tls_fake);
	first = json_array_get(list, 0);
	is_int((long long)json_array_size(list), 1, "send: the fake stored one message");
	is_str(jstr(first, "mail_from"), FROM, "send: MAIL FROM is Mail.From");
	is_str(json_string_value(json_array_get(json_object_get(first, "rcpt_to"), 0)), TO, "send: RCPT TO the recipient");
	is_int((long long)json_array_size(json_object_get(first, "rcpt_to")), 1, "send: ... only");
	ok(json_is_true(json_object_get(first, "tls")), "send: over TLS");
	is_str(jstr(first, "auth_user"), USER, "send: authenticated as Mail.User");
	json_decref(list);
	j = parse_stored(&tls_fake);
	check_invoice(j, "sent");
	is_str(jstr(j, "from_name"), SITE_NAME, "sent: Site.Name as the display name");
	json_decref(j);

	configure_mail(&tls_fake, "Mail.CAFile = ca.pem\nMail.User = " USER "\nMail.Password = wrong\n");
	is_int(mail_deliver(TO, SUBJECT, TEXT, &file, 1, err, sizeof(err)), -1, "send: a wrong password fails");
	ok(err[0] && !strstr(err, "wrong"), "send: ... with a reason that does not show the password");
	printf("# %s\n", err);
	configure_mail(&tls_fake, "Mail.User = " USER "\nMail.Password = " PASSWORD "\n");
	is_int(mail_deliver(TO, SUBJECT, TEXT, &file, 1, err, sizeof(err)), -1, "send: a certificate from an untrusted CA fails");
	printf("# %s\n", err);
	is_int(stored_count(&tls_fake), 1, "send: nothing more stored");

	configure_mail(&plain_fake, "Mail.User = " USER "\nMail.Password = " PASSWORD "\n");
	is_int(mail_deliver(TO, SUBJECT, TEXT, &file, 1, err, sizeof(err)), -1,
	       "send: a password is never sent to a server without STARTTLS");
	printf("# %s\n", err);
	is_int(stored_count(&plain_fake), 0, "send: ... nothing stored");
	configure_mail(&plain_fake, "");
	is_int(mail_deliver(TO, "Hello", "plain text", NULL, 0, err, sizeof(err)), 0,
	       "send: no credentials, no STARTTLS offered: sent in clear");
	list = stored(&plain_fake);
	first = json_array_get(list, 0);
	is_int((long long)json_array_size(list), 1, "send: ... stored");
	ok(json_is_false(json_object_get(first, "tls")), "send: ... without TLS");
	ok(json_is_null(json_object_get(first, "auth_user")), "send: ... without AUTH");
	json_decref(list);
}

/* The attempts and whether sent of outbox message id, as "attempts/sent". */
static const char *state(int64_t id)
{
	static char out[32];

	snprintf(out, sizeof(out), "%lld/%lld",
		 (long long)db_int("SELECT attempts FROM outbox WHERE id = ?", -1, "i", id),
		 (long long)db_int("SELECT sent_ms IS NOT NULL FROM outbox WHERE id = ?", -1, "i", id));
	return out;
}

static void test_outbox(void)
{
	int64_t id = -1;
	json_t *j;

	configure_mail(&tls_fake, "Mail.CAFile = ca.pem\nMail.User = " USER "\nMail.Password = " PASSWORD "\n");
	is_int(tfake_call(&tls_fake.f, 1, "/_control/reset", NULL), 200, "outbox: fake reset");
	if (db_begin() == 0) {
		id = outbox_mail(TO, SUBJECT, TEXT);
		ok(id > 0 && outbox_attach(id, "uploads/invoice.pdf", FILE_NAME, "application/pdf") == 0,
		   "outbox: mail queued with its attachment");
		db_commit();
	}
	is_int(tfake_call(&tls_fake.f, 1, "/_control/fail?count=1&code=451", NULL), 200, "outbox: the next DATA will be refused");
	is_int(outbox_run(10), 0, "outbox: the first run sends nothing");
	is_str(state(id), "1/0", "outbox: ... one attempt, still queued");
	ok(db_int("SELECT instr(last_error, '451') > 0 FROM outbox WHERE id = ?", 0, "i", id) == 1,
	   "outbox: ... the error names the server's 451");
	is_int(stored_count(&tls_fake), 0, "outbox: ... nothing stored");
	is_int(outbox_run(10), 0, "outbox: not due again before the back-off");
	is_str(state(id), "1/0", "outbox: ... still one attempt");
	tsite_move_clock(dir, 31000);
	is_int(outbox_run(10), 1, "outbox: after the back-off it is sent");
	is_str(state(id), "2/1", "outbox: ... two attempts, sent");
	is_int(outbox_run(10), 0, "outbox: a later run sends nothing");
	is_int(stored_count(&tls_fake), 1, "outbox: the fake stored it exactly once");
	j = parse_stored(&tls_fake);
	check_invoice(j, "outbox");
	json_decref(j);
	tsite_move_clock(dir, 0);
}

int main(void)
{
	char ca[600];
	const char *tls_opts[] = { "--tls", "--ca-out", ca, "--user", USER, "--password", PASSWORD, NULL };
	const char *plain_opts[] = { NULL };

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (tsite_open(dir) != 0 || write_pdf() != 0) {
		printf("Bail out! cannot make the site\n");
		return 1;
	}
	snprintf(ca, sizeof(ca), "%s/ca.pem", dir);
	if (start_fake(&tls_fake, "smtp-tls", tls_opts) != 0 || start_fake(&plain_fake, "smtp-plain", plain_opts) != 0) {
		printf("Bail out! cannot start tests/fakes/smtp_server.py\n");
		tfake_stop(&tls_fake.f);
		tfake_stop(&plain_fake.f);
		tsite_close(dir);
		return 1;
	}
	test_build();
	test_refused();
	test_send();
	test_outbox();
	tfake_stop(&tls_fake.f);
	tfake_stop(&plain_fake.f);
	tsite_close(dir);
	curl_global_cleanup();
	return done_testing();
}
