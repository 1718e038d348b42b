/* lib/outbox_send.c: sending the outbox: each due message claimed, sent by its driver (SMS gateway, SMTP), retried with back-off; linked by the sender and certdesk-admin, never by a web program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "outbox.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "sms.h"
#include "util.h"

#define CLAIM_MS (120 * 1000LL)
#define MAX_BACKOFF_MS (3600 * 1000LL)

/* The delay before retry number attempts (1-based): 30 s doubling, at most an hour. */
static int64_t backoff_ms(int64_t attempts)
{
	int64_t d = 30000;

	while (--attempts > 0 && d < MAX_BACKOFF_MS)
		d *= 2;
	return d < MAX_BACKOFF_MS ? d : MAX_BACKOFF_MS;
}

/* One due message, claimed for this runner. */
struct msg {
	int64_t id, attempts;
	char kind[8];
	char *to, *subject, *body;
};

/* Claims the oldest due message of kind into m; 1 when one was claimed, 0 when none is due. */
static int claim(const char *kind, struct msg *m)
{
	sqlite3_stmt *st;
	int64_t now = clock_now_ms();
	int found = 0;

	memset(m, 0, sizeof(*m));
	if (db_begin() != 0)
		return 0;
	st = db_prepare("SELECT id, kind, recipient, subject, body, attempts FROM outbox"
	    " WHERE kind = ? AND sent_ms IS NULL AND due_ms <= ? AND claimed_until_ms <= ? ORDER BY due_ms LIMIT 1");
	if (st && db_bindv(st, "tii", kind, now, now) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 3);
		m->id = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, m->kind, sizeof(m->kind));
		m->to = strdup((const char *)sqlite3_column_text(st, 2));
		m->subject = s ? strdup(s) : NULL;
		m->body = strdup((const char *)sqlite3_column_text(st, 4));
		m->attempts = sqlite3_column_int64(st, 5);
		found = m->to && m->body;
	}
	if (st)
		sqlite3_reset(st);
	if (found && db_exec("UPDATE outbox SET claimed_until_ms = ? WHERE id = ?", "ii",
	    now + CLAIM_MS, m->id) != 1)
		found = 0;
	if (db_commit() != 0)
		found = 0;
	return found;
}

/* Frees the n attachments of files, strings and array. */
static void free_files(struct mail_file *files, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((char *)files[i].path);
		free((char *)files[i].name);
		free((char *)files[i].ctype);
	}
	free(files);
}

/* Appends the attachment of st's current row (path made absolute under Data.Dir) to the
 * *n of *files; 0 or -1 (the entry, when added, may then hold NULLs: free_files copes). */
static int add_file(sqlite3_stmt *st, struct mail_file **files, size_t *n)
{
	struct mail_file *more = realloc(*files, (*n + 1) * sizeof(**files)), *f;
	char path[1024];

	if (!more)
		return -1;
	*files = more;
	if (cfg_data_path((const char *)sqlite3_column_text(st, 0), path, sizeof(path)) != 0)
		return -1;
	f = &more[(*n)++];
	f->path = strdup(path);
	f->name = strdup((const char *)sqlite3_column_text(st, 1));
	f->ctype = strdup((const char *)sqlite3_column_text(st, 2));
	return f->path && f->name && f->ctype ? 0 : -1;
}

/* Loads the attachments of queued e-mail id, in the order attached, into the malloc'd
 * *files and their count into *n; 0, or -1 with nothing left allocated. */
static int load_files(int64_t id, struct mail_file **files, size_t *n)
{
	sqlite3_stmt *st = db_prepare("SELECT path, name, ctype FROM outbox_files WHERE outbox_id = ? ORDER BY id");
	int rc = st && db_bindv(st, "i", id) == 0 ? 0 : -1, step = SQLITE_DONE;

	*files = NULL;
	*n = 0;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = add_file(st, files, n);
	if (st)
		sqlite3_reset(st);
	if (rc != 0 || step != SQLITE_DONE) {
		free_files(*files, *n);
		*files = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Sends m by its kind's driver (the schema allows only 'sms' and 'mail'); 0 on success,
 * else -1 with err set. */
static int deliver(const struct msg *m, char *err, size_t errsize)
{
	struct mail_file *files;
	size_t n;
	int rc;

	if (strcmp(m->kind, "sms") == 0)
		return sms_deliver(m->to, m->body, err, errsize);
	if (load_files(m->id, &files, &n) != 0) {
		snprintf(err, errsize, "cannot load the attachments");
		return -1;
	}
	rc = mail_deliver(m->to, m->subject ? m->subject : "", m->body, files, n, err, errsize);
	free_files(files, n);
	return rc;
}

int outbox_send_due(const char *kind, int max, int *failed)
{
	struct msg m;
	char err[256];
	int sent = 0;

	*failed = 0;
	while (sent < max && !*failed && claim(kind, &m)) {
		if (deliver(&m, err, sizeof(err)) == 0) {
			db_exec("UPDATE outbox SET sent_ms = ?, attempts = attempts + 1, last_error = NULL,"
			    " claimed_until_ms = 0 WHERE id = ?", "ii", clock_now_ms(), m.id);
			sent++;
		} else {
			log_warn("outbox %lld (%s) not sent: %s", (long long)m.id, m.kind, err);
			db_exec("UPDATE outbox SET attempts = attempts + 1, last_error = ?, due_ms = ?,"
			    " claimed_until_ms = 0 WHERE id = ?", "tii", err,
			    clock_now_ms() + backoff_ms(m.attempts + 1), m.id);
			*failed = 1;
		}
		free(m.to);
		free(m.subject);
		free(m.body);
	}
	return sent;
}

int outbox_run(int max)
{
	size_t i;
	int sent = 0, failed;

	for (i = 0; outbox_kinds[i] && sent < max; i++)
		sent += outbox_send_due(outbox_kinds[i], max - sent, &failed);
	return sent;
}

int64_t outbox_next_due(const char *kind)
{
	return db_int("SELECT ifnull(min(due_ms), 9223372036854775807) FROM outbox"
	    " WHERE kind = ? AND sent_ms IS NULL", INT64_MAX, "t", kind);
}
