/* lib/outbox.c: queuing outside messages (SMS, e-mail with attachments) with the change that causes them, and waking the sender; sending is lib/outbox_send.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "outbox.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "sender.h"
#include "util.h"


const char *const outbox_kinds[OUTBOX_KINDS + 1] = { "sms", "mail", NULL };
/* Bit i set: kinds[i] was queued by this process since the last outbox_wake. */
static unsigned queued_kinds;

int64_t outbox_sms(const char *mobile, const char *text)
{
	int64_t now = clock_now_ms();

	if (db_exec("INSERT INTO outbox (kind, recipient, body, created_ms, due_ms)"
	    " VALUES ('sms', ?, ?, ?, ?)", "ttii", mobile, text, now, now) != 1)
		return -1;
	queued_kinds |= 1u << 0;
	return sqlite3_last_insert_rowid(db_handle());
}

int64_t outbox_mail(const char *to, const char *subject, const char *body)
{
	int64_t now = clock_now_ms();

	if (db_exec("INSERT INTO outbox (kind, recipient, subject, body, created_ms, due_ms)"
	    " VALUES ('mail', ?, ?, ?, ?, ?)", "tttii", to, subject, body, now, now) != 1)
		return -1;
	queued_kinds |= 1u << 1;
	return sqlite3_last_insert_rowid(db_handle());
}

int outbox_attach(int64_t id, const char *path, const char *name, const char *ctype)
{
	return db_exec("INSERT INTO outbox_files (outbox_id, path, name, ctype) VALUES (?, ?, ?, ?)",
	    "ittt", id, path, name, ctype) == 1 ? 0 : -1;
}

void outbox_wake(void)
{
	size_t i;

	for (i = 0; outbox_kinds[i]; i++)
		if (queued_kinds & (1u << i))
			sender_wake(outbox_kinds[i]);
	queued_kinds = 0;
}

void outbox_counts(int64_t *queued, int64_t *sent)
{
	*queued = db_int("SELECT count(*) FROM outbox WHERE sent_ms IS NULL", 0, "");
	*sent = db_int("SELECT count(*) FROM outbox WHERE sent_ms IS NOT NULL", 0, "");
}
