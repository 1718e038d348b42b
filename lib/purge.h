/* lib/purge.h: retention (SECURITY.md 24, PIPL): the scans and personal data of orders completed or cancelled long ago are removed, the accounting record (order number, amounts, payments, invoices, history, audit log) kept. */
#ifndef CERTDESK_PURGE_H
#define CERTDESK_PURGE_H
#include <stdint.h>
#include "cs.h"

/* The start of the day years years before today in Site.TimeZone (ms; 28 February for a
 * 29 February that year lacks), or -1 for years outside 1-100. */
int64_t purge_cutoff(int years);

/* One order the purge removes (or, in a dry run, would remove) the personal data of. */
struct purge_item {
	int64_t order;
	int64_t closed_ms;	/* when it was completed or cancelled */
	const char *status;	/* completed or cancelled */
	int documents;		/* its document rows purged (would be, in a dry run) */
};

/* The totals of a run. */
struct purge_stats {
	int orders, documents;
	int files;		/* stored files removed (none in a dry run) */
	int refunds;		/* orders left alone: money still to refund (they stay until refunded) */
};

/* Purges every order completed or cancelled (by its history row into that status) before
 * before_ms and not purged yet, oldest first, except those with money still to refund:
 * each in its own transaction, with an audit record (purge, the order, ok): its personal
 * data (order_purge_personal) and its application documents (doc_purge_order); then the
 * stored files no kept document names any more are removed (doc_remove_unused). The
 * order's row, amounts, certificate, payments (with their remittance slips), invoices,
 * history and the audit log stay. With dry_run nothing changes and fn sees what would go.
 * Calls fn (may be NULL) for each order; fills *st. Returns 0, or -1 on a database or file
 * error (what was done stays done; a rerun finishes it). */
int purge_run(int64_t before_ms, int dry_run, void (*fn)(void *ctx, const struct purge_item *it), void *ctx,
    struct purge_stats *st);

/* Sets key in hdf to the day (YYYY-MM-DD in Site.TimeZone) the personal data of order were
 * purged, for the order pages' notice (已按保存期限清除); leaves it unset when they were
 * not. Returns 1 when purged, else 0. */
int purge_to_hdf(int64_t order, HDF *hdf, const char *key);
#endif
