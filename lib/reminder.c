/* lib/reminder.c: the expiry reminders: completed orders whose certificate expires within 60 days, found through orders_expiry, each threshold's SMS queued once with its row in reminders_sent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reminder.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "lifecycle.h"
#include "log.h"
#include "order.h"

#define DAY_MS 86400000LL
#define FIRST 60	/* the earliest reminder, in days before expiry */

/* The thresholds, most urgent first. */
static const int thresholds[] = { 7, 30, FIRST };

int reminder_due(int days_left)
{
	size_t i;

	if (days_left < 0)
		return 0;
	for (i = 0; i < sizeof(thresholds) / sizeof(thresholds[0]); i++)
		if (days_left <= thresholds[i])
			return thresholds[i];
	return 0;
}

int reminder_link(int64_t order, char *out, size_t size)
{
	const char *base = cfg_str("Site.BaseURL", "");
	size_t blen = strlen(base);
	int n;

	while (blen && base[blen - 1] == '/')
		blen--;
	n = snprintf(out, size, "%.*s/cgi-bin/renew.fcgi?prev_order=%lld", (int)blen, base, (long long)order);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* The start of today in Site.TimeZone (ms), with today's date into day (size >= 32). */
static int64_t today(char *day, size_t size)
{
	clock_format(clock_now_ms(), day, size);
	day[10] = '\0';
	return clock_day_start(day);
}

/* One certificate to look at. */
struct due {
	int64_t order;
	char expires[11];
};

/* The completed, unrenewed, unpurged orders whose certificate expires from first to last
 * (YYYY-MM-DD), soonest first, into a malloc'd array (*n of them). Returns it, or NULL with
 * *n 0 (none) or -1 (error). */
static struct due *candidates(const char *first, const char *last, long *n)
{
	/* INDEXED BY: with statistics of an ANALYZE's sample the planner preferred walking every
	 * completed order through orders_queue and sorting them (1.7 s at a million orders,
	 * 0.16 s this way, in order). */
	sqlite3_stmt *st = db_prepare("SELECT o.id, o.issued_expires FROM orders o INDEXED BY orders_expiry"
	    " WHERE o.status = 'completed'"
	    " AND o.issued_expires IS NOT NULL AND o.issued_expires BETWEEN ?1 AND ?2 AND o.purged_ms IS NULL"
	    " AND NOT EXISTS (SELECT 1 FROM orders n WHERE n.prev_order = o.id AND n.submitted_ms IS NOT NULL"
	    " AND n.status <> 'cancelled') ORDER BY o.issued_expires, o.id");
	struct due *all = NULL, *grown;
	long cap = 0;
	int rc;

	*n = 0;
	if (!st || db_bindv(st, "tt", first, last) != 0) {
		*n = -1;
		return NULL;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(all, (size_t)cap * sizeof(*all));
			if (!grown)
				break;
			all = grown;
		}
		all[*n].order = sqlite3_column_int64(st, 0);
		db_col_text(st, 1, all[*n].expires, sizeof(all[*n].expires));
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_error("reminders: reading the certificates that expire failed");
		free(all);
		*n = -1;
		return NULL;
	}
	return all;
}

/* Queues the reminder of threshold days for d (days_left to go) in one transaction, unless
 * it or a more urgent one was sent. 1 when queued, 0 when not due, -1 on error. */
static int send_one(const struct due *d, int days, int days_left)
{
	char left[16], serial[48], link[600];
	const char *vars[] = { "days", left, "expires", d->expires, "serial", serial, "link", link, NULL };

	snprintf(left, sizeof(left), "%d", days_left);
	if (order_issued_serial(d->order, serial, sizeof(serial)) != 0 || reminder_link(d->order, link, sizeof(link)) != 0)
		return -1;
	if (db_begin() != 0)
		return -1;
	if (db_int("SELECT count(*) FROM reminders_sent WHERE order_id = ? AND days <= ?", 0, "ii", d->order,
	    (int64_t)days) > 0) {
		db_rollback();
		return 0;
	}
	if (db_exec("INSERT INTO reminders_sent (order_id, days, sent_ms) VALUES (?, ?, ?)", "iii", d->order,
	    (int64_t)days, clock_now_ms()) != 1 || life_sms(d->order, "cert_expiring", vars) != 0) {
		db_rollback();
		return -1;
	}
	return db_commit() == 0 ? 1 : -1;
}

int reminder_run(void (*fn)(void *ctx, int64_t order, int days, const char *expires), void *ctx)
{
	char day[32], last[32];
	int64_t start = today(day, sizeof(day));
	struct due *all;
	long n, i;
	int queued = 0, failed = 0;

	if (start < 0)
		return -1;
	clock_format(start + FIRST * DAY_MS + DAY_MS / 2, last, sizeof(last));
	last[10] = '\0';
	all = candidates(day, last, &n);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		int64_t end = clock_day_start(all[i].expires);
		int left = end < 0 ? -1 : (int)((end - start + DAY_MS / 2) / DAY_MS);
		int days = reminder_due(left), rc;

		if (!days)
			continue;
		rc = send_one(&all[i], days, left);
		if (rc < 0) {
			log_error("reminders: order %lld: the %d-day reminder could not be queued", (long long)all[i].order, days);
			failed = 1;
		} else if (rc == 1) {
			queued++;
			if (fn)
				fn(ctx, all[i].order, days, all[i].expires);
		}
	}
	free(all);
	return failed ? -1 : queued;
}
