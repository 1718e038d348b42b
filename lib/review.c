/* lib/review.c: the review queue and search, claims, approval and rejection with the agent's SMS in the same transaction, internal notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "review.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "invoice.h"
#include "lifecycle.h"
#include "role.h"
#include "staff.h"
#include "util.h"

#define LIST_COLUMNS "o.id, o.user_id, ifnull(o.amount_fen, -1), o.created_ms, ifnull(o.submitted_ms, 0)," \
	" ifnull(o.prev_order, 0), o.subject, o.kind, o.project, o.status, o.pay_status, o.delivery, o.years," \
	" o.cert_count, ifnull(o.org_name, o.name), ifnull(s.login, '')"

int review_list(const struct review_filter *f, int offset, int limit,
    void (*fn)(void *ctx, const struct review_row *row), void *ctx)
{
	const char *q = f->q;
	char like[300], idx[65] = "", upper[64];
	int64_t number = 0;
	sqlite3_stmt *st;
	struct review_row row;
	int total;
	size_t i, n = 0;

	if (q && *q) {
		/* A substring match with LIKE's own characters taken literally. */
		like[n++] = '%';
		for (i = 0; q[i] && n < sizeof(like) - 3; i++) {
			if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
				like[n++] = '\\';
			like[n++] = q[i];
		}
		like[n++] = '%';
		like[n] = '\0';
		if (strlen(q) <= 19 && strspn(q, "0123456789") == strlen(q))
			number = strtoll(q, NULL, 10);
		util_copy(upper, sizeof(upper), q);
		for (i = 0; upper[i]; i++)
			if (upper[i] >= 'a' && upper[i] <= 'z')
				upper[i] = (char)(upper[i] - 'a' + 'A');
		if (crypto_blind_index(upper, idx) != 0)
			idx[0] = '\0';
	} else {
		q = NULL;
	}
#define LIST_WHERE " WHERE o.status <> 'draft' AND (?1 IS NULL OR o.status = ?1)" \
	" AND (?8 IS NULL OR o.kind = ?8) AND (?9 IS NULL OR o.subject = ?9)" \
	" AND (?10 = 0 OR o.submitted_ms >= ?10) AND (?11 = 0 OR o.submitted_ms < ?11) AND (?2 IS NULL" \
	" OR o.id = ?3 OR o.uscc = upper(?2) OR o.mobile = ?2 OR o.agent_mobile = ?2" \
	" OR o.org_name LIKE ?4 ESCAPE '\\' OR o.name LIKE ?4 ESCAPE '\\'" \
	" OR o.agent_name LIKE ?4 ESCAPE '\\' OR o.legal_name LIKE ?4 ESCAPE '\\'" \
	" OR o.id_index = ?5 OR o.agent_id_index = ?5 OR o.legal_id_index = ?5)"
	total = (int)db_int("SELECT count(*) FROM orders o" LIST_WHERE, 0, "ttittiittii", f->status, q,
	    number, q ? like : NULL, idx, (int64_t)0, (int64_t)0, f->kind, f->subject, f->from_ms, f->to_ms);
	st = db_prepare("SELECT " LIST_COLUMNS " FROM orders o LEFT JOIN staff s ON s.id = o.claimed_by"
	    LIST_WHERE " ORDER BY ifnull(o.submitted_ms, o.created_ms), o.id LIMIT ?6 OFFSET ?7");
	if (!st || db_bindv(st, "ttittiittii", f->status, q, number, q ? like : NULL, idx, (int64_t)limit,
	    (int64_t)offset, f->kind, f->subject, f->from_ms, f->to_ms) != 0)
		return total;
	while (sqlite3_step(st) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		row.order.id = sqlite3_column_int64(st, 0);
		row.order.user_id = sqlite3_column_int64(st, 1);
		row.order.amount_fen = sqlite3_column_int64(st, 2);
		row.order.created_ms = sqlite3_column_int64(st, 3);
		row.order.submitted_ms = sqlite3_column_int64(st, 4);
		row.order.prev_order = sqlite3_column_int64(st, 5);
		db_col_text(st, 6, row.order.subject, sizeof(row.order.subject));
		db_col_text(st, 7, row.order.kind, sizeof(row.order.kind));
		db_col_text(st, 8, row.order.project, sizeof(row.order.project));
		db_col_text(st, 9, row.order.status, sizeof(row.order.status));
		db_col_text(st, 10, row.order.pay_status, sizeof(row.order.pay_status));
		db_col_text(st, 11, row.order.delivery, sizeof(row.order.delivery));
		row.order.years = sqlite3_column_int(st, 12);
		row.order.cert_count = sqlite3_column_int(st, 13);
		db_col_text(st, 14, row.name, sizeof(row.name));
		db_col_text(st, 15, row.claimed_by, sizeof(row.claimed_by));
		fn(ctx, &row);
	}
	sqlite3_reset(st);
	return total;
}

/* The result of life_apply as a review result. */
static enum review_result life_review(enum life_result rc)
{
	return rc == LIFE_OK ? REVIEW_OK : rc == LIFE_NOT_FOUND ? REVIEW_NOT_FOUND
	    : rc == LIFE_REFUSED ? REVIEW_STATE : REVIEW_ERROR;
}

/* Ends the caller's transaction: commits on REVIEW_OK, else rolls back. Returns rc (or
 * REVIEW_ERROR when the commit fails). */
static enum review_result finish(enum review_result rc)
{
	if (rc != REVIEW_OK) {
		db_rollback();
		return rc;
	}
	return db_commit() == 0 ? REVIEW_OK : REVIEW_ERROR;
}

/* Claims order for staff in the caller's transaction, through the life table's "claim". */
static enum review_result claim(int64_t order, int64_t staff)
{
	struct life_actor who = { LIFE_STAFF, 0, NULL };
	enum review_result rc;
	int changed;

	who.id = staff;
	rc = life_review(life_apply(order, "claim", &who, NULL, NULL, NULL));
	if (rc != REVIEW_OK)
		return rc;
	changed = db_exec("UPDATE orders SET claimed_by = ?, claimed_ms = ? WHERE id = ?"
	    " AND (claimed_by IS NULL OR claimed_by = ?)", "iiii", staff, clock_now_ms(), order, staff);
	return changed < 0 ? REVIEW_ERROR : changed == 0 ? REVIEW_CLAIMED : REVIEW_OK;
}

enum review_result review_claim(int64_t order, int64_t staff, int release, int is_admin)
{
	struct order_row row;
	int rc;

	if (!release) {
		if (db_begin() != 0)
			return REVIEW_ERROR;
		return finish(claim(order, staff));
	}
	if (!order_get(order, 0, &row) || strcmp(row.status, "draft") == 0)
		return REVIEW_NOT_FOUND;
	rc = db_exec("UPDATE orders SET claimed_by = NULL, claimed_ms = NULL WHERE id = ?"
	    " AND claimed_by IS NOT NULL AND (claimed_by = ? OR ? = 1)", "iii", order, staff,
	    (int64_t)(is_admin ? 1 : 0));
	return rc < 0 ? REVIEW_ERROR : rc == 1 ? REVIEW_OK : REVIEW_CLAIMED;
}

/* Writes the Chinese labels of the comma-separated items into out, joined by "、". */
static void item_labels(const char *items, char *out, size_t size)
{
	char name[40];
	size_t n = 0;

	out[0] = '\0';
	while (items && *items) {
		size_t len = strcspn(items, ", ");
		if (len > 0 && len < sizeof(name)) {
			const char *label;
			memcpy(name, items, len);
			name[len] = '\0';
			label = order_item_label(name);
			n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%s", n ? "、" : "",
			    label ? label : name);
			if (n >= size)
				break;
		}
		items += len;
		items += strspn(items, ", ");
	}
}

/* Removes trailing sentence punctuation (。；;.，,) and spaces from s. */
static void trim_stop(char *s)
{
	static const char *const stops[] = { "。", "；", "，", ";", ".", ",", " ", NULL };
	size_t n = strlen(s), i;
	int cut = 1;

	while (cut && n > 0) {
		cut = 0;
		for (i = 0; stops[i]; i++) {
			size_t k = strlen(stops[i]);
			if (n >= k && memcmp(s + n - k, stops[i], k) == 0) {
				n -= k;
				s[n] = '\0';
				cut = 1;
			}
		}
	}
}

/* Records the decision (action "approve" or "reject") on the revision rev of an order in
 * the caller's transaction: the life table decides whether staff may take it now; another
 * reviewer's claim refuses it, an unclaimed order is claimed; a revision that is no longer
 * current refuses it (REVIEW_STALE); then the review columns, and life_apply writes the
 * status, the history and the SMS (with the reason and the items' labels). */
static enum review_result decide(int64_t order, int64_t staff, const char *action, int64_t rev,
    const char *reason, const char *items)
{
	struct life_actor who = { LIFE_STAFF, 0, NULL };
	struct order_row row;
	struct life_state state;
	char labels[600], said[700];
	const char *vars[6];
	int64_t now = clock_now_ms(), claimant;
	int changed;

	who.id = staff;
	if (!order_get(order, 0, &row) || strcmp(row.status, "draft") == 0)
		return REVIEW_NOT_FOUND;
	state = life_state_of(&row);
	if (!life_find(action, LIFE_STAFF, (unsigned)staff_roles(staff), &state))
		return REVIEW_STATE;
	claimant = db_int("SELECT ifnull(claimed_by, 0) FROM orders WHERE id = ?", 0, "i", order);
	if (claimant != 0 && claimant != staff)
		return REVIEW_CLAIMED;
	if (rev != row.rev)
		return REVIEW_STALE;
	changed = db_exec("UPDATE orders SET review_reason = ?1, review_items = ?2, reviewed_by = ?3,"
	    " reviewed_ms = ?4, claimed_by = ifnull(claimed_by, ?3), claimed_ms = ifnull(claimed_ms, ?4)"
	    " WHERE id = ?5 AND rev = ?6 AND (claimed_by IS NULL OR claimed_by = ?3)", "ttiiii", reason,
	    items, staff, now, order, rev);
	if (changed != 1)
		return changed < 0 ? REVIEW_ERROR : REVIEW_STALE;
	item_labels(items, labels, sizeof(labels));
	/* The template adds its own punctuation after the reason. */
	util_copy(said, sizeof(said), reason ? reason : "");
	trim_stop(said);
	vars[0] = "reason";
	vars[1] = said;
	vars[2] = "items";
	vars[3] = labels[0] ? labels : "无";
	vars[4] = NULL;
	return life_review(life_apply(order, action, &who, reason, vars, NULL));
}

enum review_result review_approve(int64_t order, int64_t staff, const char *login, int64_t rev)
{
	(void)login;	/* the history names the staff member from the database */
	if (db_begin() != 0)
		return REVIEW_ERROR;
	return finish(decide(order, staff, "approve", rev, NULL, NULL));
}

enum review_result review_reject(int64_t order, int64_t staff, const char *login, int64_t rev,
    const char *reason, const char *items)
{
	(void)login;
	if (db_begin() != 0)
		return REVIEW_ERROR;
	return finish(decide(order, staff, "reject", rev, reason, items && *items ? items : NULL));
}

int review_cancellable(const char *status)
{
	struct life_state state = { NULL, "", "", 0 };

	state.status = status;
	return life_find("cancel", LIFE_STAFF, ROLE_REVIEWER | ROLE_ADMIN, &state) != NULL;
}

/* Cancels in the caller's transaction (see review_cancel), through the life table. */
static enum review_result cancel(int64_t order, int64_t staff, const char *reason)
{
	struct life_actor who = { LIFE_STAFF, 0, NULL };
	enum review_result rc;
	char said[700];
	const char *vars[4];

	who.id = staff;
	util_copy(said, sizeof(said), reason);
	trim_stop(said);
	vars[0] = "reason";
	vars[1] = said;
	vars[2] = NULL;
	rc = life_review(life_apply(order, "cancel", &who, reason, vars, NULL));
	if (rc == REVIEW_OK && invoice_withdraw(order, staff, "业务单已取消，不再开具发票") < 0)
		return REVIEW_ERROR;
	return rc;
}

enum review_result review_cancel(int64_t order, int64_t staff, const char *login, const char *reason)
{
	(void)login;
	if (db_begin() != 0)
		return REVIEW_ERROR;
	return finish(cancel(order, staff, reason));
}

int review_note(int64_t order, int64_t staff, const char *body)
{
	return db_exec("INSERT INTO order_notes (order_id, staff_id, at_ms, body) VALUES (?, ?, ?, ?)",
	    "iiit", order, staff, clock_now_ms(), body) == 1 ? 0 : -1;
}

void review_notes(int64_t order, void (*fn)(void *ctx, int64_t at_ms, const char *login,
    const char *body), void *ctx)
{
	sqlite3_stmt *st = db_prepare("SELECT n.at_ms, s.login, n.body FROM order_notes n JOIN staff s"
	    " ON s.id = n.staff_id WHERE n.order_id = ? ORDER BY n.at_ms, n.id");

	if (!st || db_bindv(st, "i", order) != 0)
		return;
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
	sqlite3_reset(st);
}

void review_claimant(int64_t order, char *out, size_t size)
{
	sqlite3_stmt *st = db_prepare("SELECT s.login FROM orders o JOIN staff s ON s.id = o.claimed_by"
	    " WHERE o.id = ?");

	out[0] = '\0';
	if (st && db_bindv(st, "i", order) == 0 && sqlite3_step(st) == SQLITE_ROW)
		db_col_text(st, 0, out, size);
	if (st)
		sqlite3_reset(st);
}
