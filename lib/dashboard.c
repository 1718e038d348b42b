/* lib/dashboard.c: the admin dashboard's figures: orders per day and per status, revenue per month, review times, each counted through an index at a million orders. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "clock.h"
#include "dashboard.h"
#include "db.h"

const char *const dashboard_statuses[] = { "pending", "rejected", "approved", "producing", "shipped", "ready",
	"completed", "cancelled", NULL };

/* The calendar day delta days from day (both YYYY-MM-DD) into out (11 bytes); 0, or -1. */
static int day_shift(const char *day, int delta, char out[11])
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += delta;
	tm.tm_hour = 12;
	t = timegm(&tm);
	if (t == (time_t)-1 || !gmtime_r(&t, &tm))
		return -1;
	return strftime(out, 11, "%Y-%m-%d", &tm) == 10 ? 0 : -1;
}

/* Today in Site.TimeZone (YYYY-MM-DD) into out (11 bytes). */
static void today(char out[11])
{
	char now[32];

	clock_format(clock_now_ms(), now, sizeof(now));
	snprintf(out, 11, "%.10s", now);
}

/* The start (ms) of the first of the DASHBOARD_DAYS days and of the day after the last. */
static int day_window(int64_t *from, int64_t *to)
{
	char t[11], first[11], next[11];

	today(t);
	if (day_shift(t, 1 - DASHBOARD_DAYS, first) != 0 || day_shift(t, 1, next) != 0)
		return -1;
	*from = clock_day_start(first);
	*to = clock_day_start(next);
	return *from < 0 || *to < 0 ? -1 : 0;
}

/* Orders by the time of their latest submission, through orders_queue_all (cancelled
 * drafts, never submitted, are left out). */
#define SUBMITTED_IN "o.status <> 'draft' AND ifnull(o.submitted_ms, o.created_ms) >= ?" \
	" AND ifnull(o.submitted_ms, o.created_ms) < ? AND o.submitted_ms IS NOT NULL"

int dashboard_days(struct dashboard_day out[DASHBOARD_DAYS])
{
	char t[11], next[11];
	int64_t from, to;
	int i;

	today(t);
	for (i = 0; i < DASHBOARD_DAYS; i++) {
		if (day_shift(t, i + 1 - DASHBOARD_DAYS, out[i].day) != 0 || day_shift(out[i].day, 1, next) != 0)
			return -1;
		from = clock_day_start(out[i].day);
		to = clock_day_start(next);
		out[i].orders = db_int("SELECT count(*) FROM orders o WHERE " SUBMITTED_IN, -1, "ii", from, to);
		if (from < 0 || to < 0 || out[i].orders < 0)
			return -1;
	}
	return 0;
}

int64_t dashboard_status_count(const char *status)
{
	return db_int("SELECT count(*) FROM orders WHERE status = ?", -1, "t", status);
}

/* Adds the refunds made in [start[0], start[DASHBOARD_MONTHS]) to their months: one walk over
 * the refunded payments (payments_status_id), not one per month, as no index holds the time
 * of a refund. 0, or -1. */
static int add_refunds(struct dashboard_month out[DASHBOARD_MONTHS], const int64_t start[DASHBOARD_MONTHS + 1])
{
	sqlite3_stmt *st = db_prepare("SELECT refunded_ms, amount_fen FROM payments WHERE status = 'refunded'"
	    " AND refunded_ms >= ? AND refunded_ms < ?");
	int rc, i;

	if (!st || db_bindv(st, "ii", start[0], start[DASHBOARD_MONTHS]) != 0) {
		if (st)
			sqlite3_reset(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t at = sqlite3_column_int64(st, 0);
		for (i = DASHBOARD_MONTHS - 1; i > 0 && at < start[i]; i--)
			;
		out[i].refunded += sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int dashboard_months(struct dashboard_month out[DASHBOARD_MONTHS])
{
	char t[11], day[16];
	int64_t start[DASHBOARD_MONTHS + 1];
	int y, m, i;

	today(t);
	if (sscanf(t, "%4d-%2d", &y, &m) != 2)
		return -1;
	for (i = 0; i <= DASHBOARD_MONTHS; i++) {
		int k = y * 12 + (m - 1) - (DASHBOARD_MONTHS - 1) + i;
		snprintf(day, sizeof(day), "%04u-%02u-01", (unsigned)k / 12 % 10000, (unsigned)k % 12 + 1);
		if ((start[i] = clock_day_start(day)) < 0)
			return -1;
		if (i < DASHBOARD_MONTHS) {
			memset(&out[i], 0, sizeof(out[i]));
			snprintf(out[i].month, sizeof(out[i].month), "%.7s", day);
		}
	}
	for (i = 0; i < DASHBOARD_MONTHS; i++) {
		out[i].received = db_int("SELECT ifnull(sum(amount_fen), 0) FROM payments"
		    " WHERE status IN ('received', 'duplicate', 'refunded') AND created_ms >= ? AND created_ms < ?", -1,
		    "ii", start[i], start[i + 1]);
		if (out[i].received < 0)
			return -1;
	}
	if (add_refunds(out, start) != 0)
		return -1;
	for (i = 0; i < DASHBOARD_MONTHS; i++)
		out[i].net = out[i].received - out[i].refunded;
	return 0;
}

/* qsort order of int64_t values. */
static int by_value(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int dashboard_review_times(struct dashboard_review *out)
{
	sqlite3_stmt *st = db_prepare("SELECT o.submitted_ms, (SELECT min(h.at_ms) FROM order_history h"
	    " WHERE h.order_id = o.id AND h.at_ms >= o.submitted_ms AND h.to_status IN ('approved', 'rejected'))"
	    " FROM orders o WHERE " SUBMITTED_IN);
	int64_t from, to, *ms = NULL, sum = 0;
	size_t n = 0, cap = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (!st || day_window(&from, &to) != 0 || db_bindv(st, "ii", from, to) != 0) {
		if (st)
			sqlite3_reset(st);
		return -1;
	}
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
			out->waiting++;
			continue;
		}
		if (n == cap) {
			int64_t *more = realloc(ms, (cap = cap ? cap * 2 : 256) * sizeof(*ms));
			if (!more) {
				rc = -1;
				break;
			}
			ms = more;
		}
		ms[n] = sqlite3_column_int64(st, 1) - sqlite3_column_int64(st, 0);
		sum += ms[n++];
	}
	sqlite3_reset(st);
	if (rc == 0 && n > 0) {
		qsort(ms, n, sizeof(*ms), by_value);
		out->decided = (int64_t)n;
		out->avg_ms = sum / (int64_t)n;
		out->p90_ms = ms[(n * 9 + 9) / 10 - 1];
	}
	free(ms);
	return rc;
}
