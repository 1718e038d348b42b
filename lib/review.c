/* lib/review.c: the review queue and search, claims, approval and rejection with the agent's SMS in the same transaction, internal notes. */
#include <stdint.h>
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

/* The sort key of the staff lists: the submission time (a cancelled draft has none and
 * sorts by its creation), as indexed by orders_queue and orders_queue_all. */
#define SK "ifnull(o.submitted_ms, o.created_ms)"

/* Parameters of every statement below: ?1 status, ?2 kind, ?3 subject, ?4 and ?5 the
 * range of SK ([from, to), 0 and INT64_MAX when not given), ?6 the search text in the form
 * its kind needs, ?7 the order number (or for a prefix search, the text's upper bound),
 * ?8 limit, ?9 offset, ?10 1 when a date was given (then only submitted orders), ?11 the
 * blind index of an ID number, ?12 the cap of the count. The filters the driving index
 * does not serve are kept as residual conditions on the rows it finds. */
#define RESIDUAL " AND (?2 IS NULL OR o.kind = ?2) AND (?3 IS NULL OR o.subject = ?3)" \
	" AND " SK " >= ?4 AND " SK " < ?5 AND (?10 = 0 OR o.submitted_ms IS NOT NULL)"
/* A search's residual conditions: its text drives, so no other filter may (not even the
 * dates, kept in a form no index serves). */
#define ANY_STATUS " AND (?1 IS NULL OR o.status = ?1) AND (?2 IS NULL OR o.kind = ?2)" \
	" AND (?3 IS NULL OR o.subject = ?3) AND (?10 = 0 OR (o.submitted_ms >= ?4 AND o.submitted_ms < ?5))"
#define BY_IDNO "o.id_index = ?11 OR o.agent_id_index = ?11 OR o.legal_id_index = ?11"

/* One list statement and its capped count, for one driving condition w. */
#define QUERY(w) { "SELECT " LIST_COLUMNS " FROM orders o LEFT JOIN staff s ON s.id = o.claimed_by" w \
	" ORDER BY " SK ", o.id LIMIT ?8 OFFSET ?9", "SELECT count(*) FROM (SELECT 1 FROM orders o" w " LIMIT ?12)" }

/* What drives a staff list: a status, or nothing (every submitted order), or the kind of
 * search text q is (decided in C by its shape, see search_kind). */
enum drive { DRIVE_STATUS, DRIVE_STATUS_ONLY, DRIVE_ALL, DRIVE_NUMBER, DRIVE_MOBILE, DRIVE_CODE, DRIVE_IDNO,
	DRIVE_PREFIX, DRIVE_NAME, DRIVE_NAME_RARE, DRIVE__MAX };

static const struct { const char *list, *count; } drives[DRIVE__MAX] = {
	/* orders_queue: the status, then the submission range in order */
	[DRIVE_STATUS] = QUERY(" WHERE o.status = ?1 AND o.status <> 'draft'" RESIDUAL),
	/* the same with no other filter (a queue as it opens): nothing to check row by row,
	 * which is most of the cost of counting a thousand of them */
	[DRIVE_STATUS_ONLY] = QUERY(" WHERE o.status = ?1 AND o.status <> 'draft'"),
	/* orders_queue_all: the submission range in order */
	[DRIVE_ALL] = QUERY(" WHERE o.status <> 'draft'" RESIDUAL),
	/* the primary key */
	[DRIVE_NUMBER] = QUERY(" WHERE o.id = ?7 AND o.status <> 'draft'" ANY_STATUS),
	/* orders_mobile, orders_agent_mobile (and the primary key: 11 digits) */
	[DRIVE_MOBILE] = QUERY(" WHERE (o.id = ?7 OR o.mobile = ?6 OR o.agent_mobile = ?6)"
	    " AND o.status <> 'draft'" ANY_STATUS),
	/* 18 characters: orders_uscc and the three blind indexes (an ID number can look like a USCC) */
	[DRIVE_CODE] = QUERY(" WHERE (o.id = ?7 OR o.uscc = ?6 OR " BY_IDNO ")"
	    " AND o.status <> 'draft'" ANY_STATUS),
	/* other ID numbers (passports, permits, 15-digit cards): the blind indexes */
	[DRIVE_IDNO] = QUERY(" WHERE (o.id = ?7 OR " BY_IDNO ") AND o.status <> 'draft'" ANY_STATUS),
	/* names of one or two characters: exact or prefix, on orders_org_name, orders_name,
	 * orders_agent_name, orders_legal_name */
	[DRIVE_PREFIX] = QUERY(" WHERE o.id IN (SELECT id FROM orders WHERE org_name >= ?6 AND org_name < ?7"
	    " UNION ALL SELECT id FROM orders WHERE name >= ?6 AND name < ?7"
	    " UNION ALL SELECT id FROM orders WHERE agent_name >= ?6 AND agent_name < ?7"
	    " UNION ALL SELECT id FROM orders WHERE legal_name >= ?6 AND legal_name < ?7)"
	    " AND o.status <> 'draft'" ANY_STATUS),
	/* names of three characters or more: the trigram index orders_fts */
	[DRIVE_NAME] = QUERY(" WHERE o.id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?6)"
	    " AND o.status <> 'draft'" ANY_STATUS),
	/* longer names holding a rare trigram: the few rows with that trigram (orders_fts),
	 * each checked for the whole text (?7, a LIKE pattern: case-blind for ASCII letters,
	 * as the trigram index is) */
	[DRIVE_NAME_RARE] = QUERY(" WHERE o.id IN (SELECT rowid FROM orders_fts WHERE orders_fts MATCH ?6)"
	    " AND (o.org_name LIKE ?7 ESCAPE '\\' OR o.name LIKE ?7 ESCAPE '\\'"
	    " OR o.agent_name LIKE ?7 ESCAPE '\\' OR o.legal_name LIKE ?7 ESCAPE '\\')"
	    " AND o.status <> 'draft'" ANY_STATUS),
};

/* A name search whose text has a trigram held by fewer rows than this reads those rows
 * and checks each for the whole text (DRIVE_NAME_RARE), instead of letting FTS5 step the
 * rows of every trigram of the text in lockstep: the common ones (有限公司, 工程有) are
 * each in half the table, which made a search by a whole organisation name cost a
 * millisecond at a million orders and grow with the table. */
#define RARE_TRIGRAM 32
/* How many of a text's trigrams are probed for a rare one (see probe_order). */
#define TRIGRAM_PROBES 6

/* The most a staff list counts; the pages show more as "1000+". */
#define COUNT_CAP 1001

/* The kind of search text q is: 11 digits a mobile, 18 characters of letters and digits a
 * USCC or an ID number, other digits an order number, letters and digits with a digit
 * (5 to 20 of them) another ID number; anything else a name, by prefix when shorter than
 * a trigram (three characters). */
static enum drive search_kind(const char *q)
{
	size_t len = strlen(q), digits = strspn(q, "0123456789"), alnum = 0, chars = 0, i;
	int has_digit = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)q[i];
		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
			alnum++;
		has_digit |= c >= '0' && c <= '9';
		chars += (c & 0xC0) != 0x80;
	}
	if (digits == len && len == 11)
		return DRIVE_MOBILE;
	if (alnum == len && len == 18)
		return DRIVE_CODE;
	if (digits == len && len <= 19)
		return len == 15 ? DRIVE_IDNO : DRIVE_NUMBER;
	if (alnum == len && has_digit && len >= 5 && len <= 20)
		return DRIVE_IDNO;
	return chars >= 3 ? DRIVE_NAME : DRIVE_PREFIX;
}

/* Binds the parameters of a staff list statement (see RESIDUAL); those st does not use are skipped. */
static int bind_list(sqlite3_stmt *st, const struct review_filter *f, const char *text,
    const char *text2, int64_t number, const char *idx, int offset, int limit)
{
	int i, n = sqlite3_bind_parameter_count(st), rc = SQLITE_OK;
	int64_t to = f->to_ms > 0 ? f->to_ms : INT64_MAX;

	for (i = 1; i <= n && rc == SQLITE_OK; i++) {
		const char *s = NULL;
		int64_t v = 0;
		int is_text = 1;
		switch (i) {
		case 1: s = f->status; break;
		case 2: s = f->kind; break;
		case 3: s = f->subject; break;
		case 4: v = f->from_ms; is_text = 0; break;
		case 5: v = to; is_text = 0; break;
		case 6: s = text; break;
		case 7: if (text2) s = text2; else { v = number; is_text = 0; } break;
		case 8: v = limit; is_text = 0; break;
		case 9: v = offset; is_text = 0; break;
		case 10: v = f->from_ms > 0 || f->to_ms > 0; is_text = 0; break;
		case 11: s = idx; break;
		case 12: v = COUNT_CAP; is_text = 0; break;
		}
		if (is_text)
			rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
		else
			rc = sqlite3_bind_int64(st, i, v);
	}
	return rc == SQLITE_OK ? 0 : -1;
}

/* Writes the FTS5 phrase of the n bytes at s into out: the text in double quotes, its own
 * quotes doubled (cut, between characters, to fit). */
static void fts_phrase(const char *s, size_t n, char *out, size_t size)
{
	size_t i, o = 0;

	out[o++] = '"';
	for (i = 0; i < n && o + 4 < size; i++) {
		if ((s[i] & 0xC0) != 0x80 && o + 4 + 4 >= size)
			break;
		if (s[i] == '"')
			out[o++] = '"';
		out[o++] = s[i];
	}
	out[o++] = '"';
	out[o] = '\0';
}

/* Writes into out the LIKE pattern (ESCAPE '\\') of the rows holding q anywhere. */
static void like_pattern(const char *q, char *out, size_t size)
{
	size_t o = 0;

	out[o++] = '%';
	for (; *q && o + 4 < size; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			out[o++] = '\\';
		out[o++] = *q;
	}
	out[o++] = '%';
	out[o] = '\0';
}

/* The order in which a name's trigrams are probed: an organisation's name opens with its
 * region (福建省, 厦门市, 上海), whose trigrams many names share, and its trade name follows,
 * so the probes start at the third character and come back to the first two last. */
static const size_t probe_order[TRIGRAM_PROBES] = { 2, 3, 4, 1, 5, 0 };

/* Probes up to TRIGRAM_PROBES trigrams of q (of two or more), in probe_order, for one that
 * fewer than RARE_TRIGRAM rows hold, counting each on orders_fts no further than that;
 * writes the first rare one's FTS5 phrase into out and returns 0, or -1 when q has a
 * single trigram or none of those probed is rare. */
static int rare_trigram(const char *q, char *out, size_t size)
{
	size_t starts[TRIGRAM_PROBES + 3], n = 0, i;
	char phrase[40];

	for (i = 0; q[i] && n < TRIGRAM_PROBES + 3; i++)
		if (((unsigned char)q[i] & 0xC0) != 0x80)
			starts[n++] = i;
	if (n < TRIGRAM_PROBES + 3)
		starts[n] = strlen(q);
	if (n < 4)
		return -1;
	for (i = 0; i < TRIGRAM_PROBES; i++) {
		size_t t = probe_order[i];
		if (t + 3 > n)
			continue;
		fts_phrase(q + starts[t], starts[t + 3] - starts[t], phrase, sizeof(phrase));
		/* each probe costs about as much as reading a dozen rows: the first rare one drives */
		if (db_int("SELECT count(*) FROM (SELECT 1 FROM orders_fts WHERE orders_fts MATCH ?"
		    " LIMIT ?)", RARE_TRIGRAM, "ti", phrase, (int64_t)RARE_TRIGRAM) < RARE_TRIGRAM) {
			util_copy(out, size, phrase);
			return 0;
		}
	}
	return -1;
}

int review_list(const struct review_filter *f, int offset, int limit,
    void (*fn)(void *ctx, const struct review_row *row), void *ctx)
{
	const char *q = f->q && *f->q ? f->q : NULL, *text = NULL, *text2 = NULL;
	char buf[300], hi[300], idx[65] = "", upper[64], upper2[620];
	enum drive d = q ? search_kind(q) : f->status ? DRIVE_STATUS : DRIVE_ALL;
	int64_t number = 0;
	sqlite3_stmt *st;
	struct review_row row;
	int total = 0;
	size_t i, n = 0;

	if (d == DRIVE_STATUS && !f->kind && !f->subject && f->from_ms <= 0 && f->to_ms <= 0)
		d = DRIVE_STATUS_ONLY;
	if (q && strspn(q, "0123456789") == strlen(q) && strlen(q) <= 19)
		number = strtoll(q, NULL, 10);
	if (d == DRIVE_MOBILE) {
		text = q;
	} else if (d == DRIVE_CODE || d == DRIVE_IDNO) {
		util_copy(upper, sizeof(upper), q);
		for (i = 0; upper[i]; i++)
			if (upper[i] >= 'a' && upper[i] <= 'z')
				upper[i] = (char)(upper[i] - 'a' + 'A');
		if (crypto_blind_index(upper, idx) != 0)
			idx[0] = '\0';
		text = upper;
	} else if (d == DRIVE_PREFIX) {
		/* [q, q + 0xFF): every text that starts with q (0xFF never occurs in UTF-8). */
		util_copy(hi, sizeof(hi) - 1, q);
		n = strlen(hi);
		hi[n] = '\xff';
		hi[n + 1] = '\0';
		text = q;
		text2 = hi;
	} else if (d == DRIVE_NAME) {
		fts_phrase(q, strlen(q), buf, sizeof(buf));
		text = buf;
		if (rare_trigram(q, hi, sizeof(hi)) == 0) {
			like_pattern(q, upper2, sizeof(upper2));
			d = DRIVE_NAME_RARE;
			text = hi;
			text2 = upper2;
		}
	}
	st = db_prepare(drives[d].count);
	if (st && bind_list(st, f, text, text2, number, idx, offset, limit) == 0 && sqlite3_step(st) == SQLITE_ROW)
		total = sqlite3_column_int(st, 0);
	if (st)
		sqlite3_reset(st);
	if (limit <= 0)
		return total;
	st = db_prepare(drives[d].list);
	if (!st || bind_list(st, f, text, text2, number, idx, offset, limit) != 0)
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

	out[0] = '\0';
	while (items && *items) {
		size_t len = strcspn(items, ", ");
		if (len > 0 && len < sizeof(name)) {
			const char *label;
			memcpy(name, items, len);
			name[len] = '\0';
			label = order_item_label(name);
			if ((out[0] && util_append(out, size, "、") != 0)
			    || util_append(out, size, label ? label : name) != 0)
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
	char labels[600], said[UTF8_BYTES(REVIEW_REASON_CHARS)];
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

/* Cancels in the caller's transaction (see review_cancel), through the life table. */
static enum review_result cancel(int64_t order, int64_t staff, const char *reason)
{
	struct life_actor who = { LIFE_STAFF, 0, NULL };
	enum review_result rc;
	char said[UTF8_BYTES(REVIEW_REASON_CHARS)];
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
