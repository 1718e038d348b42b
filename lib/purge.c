/* lib/purge.c: the retention purge: orders found by their closing history row (order_history_closed), purged one transaction each (personal data, document rows, audit), then the files no kept document names removed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "purge.h"
#include "audit.h"
#include "clock.h"
#include "db.h"
#include "doc.h"
#include "log.h"
#include "order.h"
#include "payment.h"

int64_t purge_cutoff(int years)
{
	char now[32], day[48];
	int y, m, d;
	int64_t ms;

	if (years < 1 || years > 100)
		return -1;
	clock_format(clock_now_ms(), now, sizeof(now));
	if (sscanf(now, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	snprintf(day, sizeof(day), "%04d-%02d-%02d", y - years, m, d);
	ms = clock_day_start(day);
	if (ms < 0 && m == 2 && d == 29) {
		snprintf(day, sizeof(day), "%04d-02-28", y - years);
		ms = clock_day_start(day);
	}
	return ms;
}

/* One order found: its number, closing time and status. */
struct closed {
	int64_t order, at_ms;
	char status[12];
};

/* The orders completed or cancelled before before_ms and not purged, oldest first, into a
 * malloc'd array (*n; -1 on error). */
static struct closed *find(int64_t before_ms, long *n)
{
	/* INDEXED BY: with statistics of an ANALYZE's sample the planner preferred walking every
	 * completed and cancelled order through orders_queue (20 s at a million orders, 1 s this
	 * way). */
	sqlite3_stmt *st = db_prepare("SELECT h.order_id, h.at_ms, o.status FROM order_history h"
	    " INDEXED BY order_history_closed JOIN orders o ON o.id = h.order_id WHERE h.to_status IN ('completed', 'cancelled') AND h.at_ms < ?1"
	    " AND o.status = h.to_status AND o.purged_ms IS NULL ORDER BY h.at_ms, h.order_id");
	struct closed *all = NULL, *grown;
	long cap = 0;
	int rc;

	*n = 0;
	if (!st || db_bindv(st, "i", before_ms) != 0) {
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
		all[*n].at_ms = sqlite3_column_int64(st, 1);
		db_col_text(st, 2, all[*n].status, sizeof(all[*n].status));
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		log_error("purge: reading the closed orders failed");
		free(all);
		*n = -1;
		return NULL;
	}
	return all;
}

/* The stored paths one order's documents named, to remove once its transaction is done. */
struct paths {
	char **p;
	size_t n, cap;
	int failed;
};

/* doc_purge_order's callback: keeps a copy of path. */
static void keep_path(void *ctx, const char *path)
{
	struct paths *ps = ctx;
	char **grown;

	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 16;
		grown = realloc(ps->p, ps->cap * sizeof(*ps->p));
		if (!grown) {
			ps->failed = 1;
			return;
		}
		ps->p = grown;
	}
	if (!(ps->p[ps->n] = strdup(path ? path : "")))
		ps->failed = 1;
	else
		ps->n++;
}

/* Purges one order in its own transaction; its stored paths into ps. The number of its
 * document rows purged, -2 when it has money to refund (left alone), -1 on error. */
static int purge_one(const struct closed *c, struct paths *ps)
{
	char detail[64];
	int docs;

	if (db_begin() != 0)
		return -1;
	if (payment_refundable(c->order)) {
		db_rollback();
		return -2;
	}
	docs = doc_purge_order(c->order, clock_now_ms(), keep_path, ps);
	snprintf(detail, sizeof(detail), "retention: %s, %d documents", c->status, docs);
	if (docs < 0 || ps->failed || order_purge_personal(c->order, clock_now_ms()) != 1) {
		db_rollback();
		return -1;
	}
	audit_log("system", "certdesk-admin", "", "purge", c->order, "ok", detail);
	return db_commit() == 0 ? docs : -1;
}

int purge_run(int64_t before_ms, int dry_run, void (*fn)(void *ctx, const struct purge_item *it), void *ctx,
    struct purge_stats *st)
{
	struct purge_item it;
	struct closed *all;
	struct paths ps;
	long n, i;
	size_t k;
	int failed = 0, docs;

	memset(st, 0, sizeof(*st));
	all = find(before_ms, &n);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		memset(&ps, 0, sizeof(ps));
		if (payment_refundable(all[i].order)) {
			st->refunds++;
			continue;
		}
		docs = dry_run ? doc_purge_order(all[i].order, 0, NULL, NULL) : purge_one(&all[i], &ps);
		if (docs == -2) {
			st->refunds++;
		} else if (docs < 0) {
			log_error("purge: order %lld could not be purged", (long long)all[i].order);
			failed = 1;
		} else {
			st->orders++;
			st->documents += docs;
			it.order = all[i].order;
			it.closed_ms = all[i].at_ms;
			it.status = all[i].status;
			it.documents = docs;
			if (fn)
				fn(ctx, &it);
		}
		for (k = 0; k < ps.n; k++) {
			int rc = doc_remove_unused(ps.p[k]);
			if (rc < 0)
				failed = 1;
			else
				st->files += rc;
			free(ps.p[k]);
		}
		free(ps.p);
	}
	free(all);
	return failed ? -1 : 0;
}

int purge_to_hdf(int64_t order, HDF *hdf, const char *key)
{
	int64_t at = db_int("SELECT ifnull(purged_ms, 0) FROM orders WHERE id = ?", 0, "i", order);
	char day[32];

	if (at <= 0)
		return 0;
	clock_format(at, day, sizeof(day));
	day[10] = '\0';
	hdf_set_value(hdf, key, day);
	return 1;
}
