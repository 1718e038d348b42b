/* lib/review.h: the staff side of orders: the review queue and search, claims, approval and rejection (with the agent's SMS), internal notes. */
#ifndef CERTDESK_REVIEW_H
#define CERTDESK_REVIEW_H

/* The most characters a staff reason (reject, cancel, a finance decision) may have. */
#define REVIEW_REASON_CHARS 500
#include <stdint.h>
#include "order.h"

/* One row of a staff list. */
struct review_row {
	struct order_row order;
	char name[128];		/* the organisation, or the person */
	char claimed_by[40];	/* the login of the staff member who claimed it, or "" */
};

/* What a staff list shows: each member NULL (or 0) for any. */
struct review_filter {
	const char *status;	/* an order status (never draft) */
	const char *kind;	/* new, renew, reissue */
	const char *subject;	/* enterprise, personal */
	const char *q;		/* order number, USCC, a name (substring), a mobile, an ID number */
	int64_t from_ms, to_ms;	/* submitted within [from_ms, to_ms) */
};

/* Calls fn for the submitted orders the filter selects, oldest submission first: q matches
 * the order number (digits), a mobile (11 digits), a USCC or an ID number (18 characters;
 * ID numbers exactly, through their blind index), another ID number (letters and digits),
 * or an organisation or person name: a substring through the trigram index from three
 * characters on, the start of the name below that. Every filter combination is served by
 * an index (see lib/review.c). Skips offset rows, at most limit (0: only counts); returns
 * the count matching, capped at 1001 (shown as "1000+"). */
int review_list(const struct review_filter *f, int offset, int limit,
    void (*fn)(void *ctx, const struct review_row *row), void *ctx);

enum review_result {
	REVIEW_OK,
	REVIEW_NOT_FOUND,
	REVIEW_STATE,		/* the order is no longer pending (a stale or double action) */
	REVIEW_CLAIMED,		/* another reviewer has claimed it */
	REVIEW_STALE,		/* the applicant changed it since the revision the reviewer saw */
	REVIEW_ERROR
};

/* Claims a pending order for staff (so two reviewers do not work on the same one; the life
 * table's "claim" rule, REVIEW_STATE when it does not allow it), or releases it (release
 * set; only its claimant or an admin). REVIEW_CLAIMED when another reviewer has it. */
enum review_result review_claim(int64_t order, int64_t staff, int release, int is_admin);

/* Approves revision rev (orders.rev, as the reviewer's page showed it) of a pending order
 * through the life table's "approve": approved, or producing when it is already paid;
 * claims it when nobody had; the history and the SMS to the agent (personal orders: the
 * applicant), all in one transaction with conditional updates, so a stale or double
 * approval applies once. REVIEW_STATE when the table refuses (no longer pending, or not
 * the staff member's role), REVIEW_CLAIMED when another reviewer claimed it, REVIEW_STALE
 * (nothing changed) when rev is no longer the order's revision, REVIEW_NOT_FOUND. login is
 * unused (the history names the staff member from the database). */
enum review_result review_approve(int64_t order, int64_t staff, const char *login, int64_t rev);

/* Rejects revision rev of a pending order with reason and items (comma-separated slot or
 * field names, may be empty), as review_approve does; the SMS names the reason and the
 * items. */
enum review_result review_reject(int64_t order, int64_t staff, const char *login, int64_t rev,
    const char *reason, const char *items);

/* Cancels a submitted order that is not finished (not completed or cancelled) as staff
 * member staff, with reason, through the life table's "cancel": conditional update,
 * history, a pending invoice request rejected, and an SMS to the agent naming the reason,
 * in one transaction (REVIEW_STATE when the table refuses). Money already
 * received stays recorded, for finance to refund. */
enum review_result review_cancel(int64_t order, int64_t staff, const char *login, const char *reason);
/* Adds an internal note (never shown to the applicant). Returns 0 or -1. */
int review_note(int64_t order, int64_t staff, const char *body);

/* Calls fn for each note of the order, oldest first. */
void review_notes(int64_t order, void (*fn)(void *ctx, int64_t at_ms, const char *login,
    const char *body), void *ctx);

/* The login of the staff member who claimed the order into out ("" when none). */
void review_claimant(int64_t order, char *out, size_t size);
#endif
