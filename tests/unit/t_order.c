/* tests/unit/t_order.c: prices and fees for every row, the order state rules, saving with sealed ID numbers, one open application per USCC/ID among submitted orders (drafts reserve nothing), submission and cancellation, revisions (fields and documents) and review on the revision seen, the renewal list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "tap.h"
#include "tsite.h"
#include "cfg.h"
#include "crypto.h"
#include "db.h"
#include "order.h"
#include "price.h"
#include "workday.h"
#include "valid.h"
#include "clock.h"
#include "doc.h"
#include "review.h"
#include "lifecycle.h"

static char dir[] = "/tmp/t_order.XXXXXX";

/* A form of name=value pairs for order_save's getter. */
struct form {
	const char *const *pairs;
};

static const char *get(void *ctx, const char *name)
{
	const struct form *f = ctx;
	const char *const *p;

	for (p = f->pairs; p[0]; p += 2)
		if (strcmp(p[0], name) == 0)
			return p[1];
	return NULL;
}

static void test_prices(void)
{
	static const struct { const char *subject, *kind, *project; long long yuan; int per_year; } want[] = {
		{ "enterprise", "new", "bidding", 400, 1 }, { "enterprise", "new", "procurement", 400, 1 },
		{ "enterprise", "new", "other", 400, 1 }, { "enterprise", "new", "both", 650, 1 },
		{ "enterprise", "renew", "bidding", 400, 1 }, { "enterprise", "renew", "procurement", 400, 1 },
		{ "enterprise", "renew", "other", 400, 1 }, { "enterprise", "renew", "both", 650, 1 },
		{ "enterprise", "reissue", "bidding", 150, 0 }, { "enterprise", "reissue", "procurement", 150, 0 },
		{ "enterprise", "reissue", "other", 150, 0 }, { "enterprise", "reissue", "both", 150, 0 },
		{ "personal", "new", "bidding", 250, 1 }, { "personal", "new", "procurement", 250, 1 },
		{ "personal", "new", "other", 250, 1 }, { "personal", "new", "both", 250, 1 },
		{ "personal", "renew", "bidding", 250, 1 }, { "personal", "renew", "procurement", 250, 1 },
		{ "personal", "renew", "other", 250, 1 }, { "personal", "renew", "both", 250, 1 },
		{ "personal", "reissue", "bidding", 150, 0 }, { "personal", "reissue", "procurement", 150, 0 },
		{ "personal", "reissue", "other", 150, 0 }, { "personal", "reissue", "both", 150, 0 },
	};
	char name[160];
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int64_t fen;
		int per_year, years, count;
		ok(price_get(want[i].subject, want[i].kind, want[i].project, &fen, &per_year) == 0,
		    "a default price row exists");
		snprintf(name, sizeof(name), "%s %s %s costs %lld 元 %s", want[i].subject, want[i].kind,
		    want[i].project, want[i].yuan, want[i].per_year ? "a year" : "flat");
		ok(fen == want[i].yuan * 100 && per_year == want[i].per_year, name);
		for (years = 1; years <= 5; years += 2)
			for (count = 1; count <= 20; count += 19) {
				snprintf(name, sizeof(name), "%s %s %s × %d certificates × %d years", want[i].subject,
				    want[i].kind, want[i].project, count, years);
				is_int(price_amount(want[i].subject, want[i].kind, want[i].project, years, count),
				    want[i].yuan * 100 * count * (want[i].per_year ? years : 1), name);
			}
	}
	is_int(order_quote("enterprise", "new", "both", 1, 1), 65000, "one enterprise certificate-year of both is 650 元");
	is_int(order_quote("personal", "new", "bidding", 2, 7), 50000, "a personal order counts one certificate");
	is_int(price_amount("enterprise", "new", "both", 0, 1), -1, "0 years has no price");
	is_int(price_amount("enterprise", "new", "both", 6, 1), -1, "6 years has no price");
	is_int(price_amount("enterprise", "new", "both", 1, 21), -1, "21 certificates have no price");
	is_int(price_amount("company", "new", "both", 1, 1), -1, "an unknown subject has no price");
	ok(price_set("enterprise", "new", "both", 70000, 1) == 0
	    && price_amount("enterprise", "new", "both", 2, 1) == 140000, "an edited price is used");
	ok(price_set("enterprise", "new", "both", -1, 1) != 0, "a negative price is refused");
	ok(price_set("enterprise", "new", "galaxy", 1, 1) != 0, "an unknown project is refused");
	price_set("enterprise", "new", "both", 65000, 1);
}

static void test_states(void)
{
	static const struct { const char *status, *pay; int edit, cancel; } rules[] = {
		{ "draft", "unpaid", 1, 1 }, { "pending", "unpaid", 1, 1 }, { "rejected", "unpaid", 1, 1 },
		{ "pending", "claimed", 1, 0 }, { "pending", "paid", 1, 0 }, { "approved", "unpaid", 0, 0 },
		{ "approved", "paid", 0, 0 }, { "producing", "paid", 0, 0 }, { "shipped", "paid", 0, 0 },
		{ "ready", "paid", 0, 0 }, { "completed", "paid", 0, 0 }, { "cancelled", "unpaid", 0, 0 },
		{ "cancelled", "refunded", 0, 0 },
	};
	char name[96];
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		snprintf(name, sizeof(name), "%s/%s %s editable", rules[i].status, rules[i].pay,
		    rules[i].edit ? "is" : "is not");
		is_int(order_editable(rules[i].status), rules[i].edit, name);
		snprintf(name, sizeof(name), "%s/%s %s cancellable", rules[i].status, rules[i].pay,
		    rules[i].cancel ? "is" : "is not");
		is_int(order_cancellable(rules[i].status, rules[i].pay), rules[i].cancel, name);
	}
	ok(!order_amount_locked("unpaid"), "unpaid: the amount fields are editable");
	ok(order_amount_locked("claimed") && order_amount_locked("paid"), "claimed or paid: they are read-only");
}

static void test_save(void)
{
	static const char *const ent[] = { "project", "both", "years", "1", "cert_count", "1",
		"org_name", "福州某某科技有限公司", "org_nature", "private", "uscc", "91350100M000100Y43",
		"legal_name", "张三", "legal_id_no", "11010519491231002x", "agent_name", "李四",
		"agent_mobile", "13800138000", "agent_email", "a@example.com", "agent_id_type", "id_card",
		"agent_id_no", "11010519491231002X", "agent_address", "福州市", "delivery", "pickup",
		"agree", "1", "consent", "1", NULL };
	static const char *const per[] = { "project", "bidding", "years", "2", "name", "王五",
		"id_no", "11010519491231002X", "mobile", "13900139000", "email", "w@example.com",
		"address", "厦门市", NULL };
	struct form fe = { ent }, fp = { per };
	struct order_row row;
	int64_t user, id = 0, id2 = 0, id3 = 0, other = -1, pid = 0;
	char missing[512], *sealed;
	HDF *hdf;
	NEOERR *err;

	db_exec("INSERT INTO users (mobile, pw_hash, created_ms) VALUES ('13912345678', 'x', 0)", "");
	user = db_int("SELECT id FROM users", 0, "");
	db_exec("INSERT INTO users (mobile, pw_hash, created_ms) VALUES ('13912345679', 'x', 0)", "");
	is_int(order_save(user, &id, "enterprise", "new", get, &fe, &other), ORDER_OK, "an enterprise order is saved");
	ok(id > 1000000000000000000LL, "with a 19-digit number");
	ok(order_get(id, user, &row) && strcmp(row.status, "draft") == 0, "as a draft");
	ok(!order_get(id, user + 1, &row), "another applicant does not see it");
	sealed = NULL;
	{
		sqlite3_stmt *st = db_prepare("SELECT legal_id_sealed FROM orders WHERE id = ?");
		db_bindv(st, "i", id);
		if (sqlite3_step(st) == SQLITE_ROW)
			sealed = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
	}
	ok(sealed && !strstr(sealed, "11010519491231002"), "the ID number is not stored in clear");
	free(sealed);
	is_int(db_int("SELECT count(*) FROM orders WHERE legal_id_index = agent_id_index", 0, ""), 1,
	    "the blind index matches the same number whatever its letter case");
	err = hdf_init(&hdf);
	nerr_ignore(&err);
	order_to_hdf(id, hdf, "O", 0);
	is_str(hdf_get_value(hdf, "O.legal_id_no", NULL), "110***********002X", "masked in the order's data");
	is_str(hdf_get_value(hdf, "O.OrgCode", NULL), "M000100Y-4", "the organisation code is derived from the USCC");
	is_str(hdf_get_value(hdf, "O.AmountYuan", NULL), "650.00", "a draft shows what it would cost");
	hdf_destroy(&hdf);
	err = hdf_init(&hdf);
	nerr_ignore(&err);
	order_to_hdf(id, hdf, "O", 1);
	is_str(hdf_get_value(hdf, "O.legal_id_no", NULL), "11010519491231002X", "in full where asked (its owner's form)");
	hdf_destroy(&hdf);

	/* Drafts reserve nothing (SPEC §2): the rule is checked at submission (test_open). */
	is_int(order_save(user, &id2, "enterprise", "new", get, &fe, &other), ORDER_OK,
	    "a second draft of the same USCC and kind is saved: drafts reserve nothing");
	ok(other == 0 && id2 != 0 && id2 != id, "as an order of its own");
	id3 = 0;
	is_int(order_save(user + 1, &id3, "enterprise", "new", get, &fe, &other), ORDER_OK,
	    "also another applicant's draft of the same USCC");
	id2 = 0;
	is_int(order_save(user, &id2, "enterprise", "renew", get, &fe, &other), ORDER_OK,
	    "a renewal of the same organisation is another kind");
	is_int(order_save(user, &pid, "personal", "new", get, &fp, &other), ORDER_OK, "a personal order is saved");
	id2 = 0;
	is_int(order_save(user, &id2, "personal", "new", get, &fp, &other), ORDER_OK,
	    "a second personal draft of the same ID number is saved too");
	db_exec("UPDATE orders SET status = 'cancelled' WHERE id IN (?, ?)", "ii", id2, id3);
	db_exec("UPDATE orders SET status = 'cancelled' WHERE user_id = ? AND id <> ? AND id <> ?"
	    " AND kind = 'new'", "iii", user, id, pid);
	ok(order_missing(pid, missing, sizeof(missing)) > 0 && strstr(missing, "agree")
	    && strstr(missing, "consent") && strstr(missing, "id_front"), "a personal draft lacks agree, consent and documents");
	is_int(order_submit(user, pid), ORDER_INCOMPLETE, "and cannot be submitted");
	ok(order_get(pid, user, &row) && strcmp(row.status, "draft") == 0 && row.amount_fen < 0,
	    "it stays a draft with no amount fixed");
	ok(order_missing(id, missing, sizeof(missing)) > 0 && !strstr(missing, "org_name")
	    && strstr(missing, "license") && strstr(missing, "seal"), "an enterprise draft lacks only its documents");
	is_int(order_submit(user + 1, id), ORDER_NOT_FOUND, "another applicant cannot submit it");
	is_int(order_cancel(user + 1, id), ORDER_NOT_FOUND, "nor cancel it");
	is_int(order_cancel(user, id), ORDER_OK, "its owner cancels it");
	ok(order_get(id, user, &row) && strcmp(row.status, "cancelled") == 0, "it is cancelled");
	is_int(db_int("SELECT count(*) FROM order_history WHERE order_id = ? AND to_status = 'cancelled'", 0,
	    "i", id), 1, "with a history row");
	is_int(order_cancel(user, id), ORDER_LOCKED, "a cancelled order cannot be cancelled again");
	id2 = 0;
	is_int(order_save(user, &id2, "enterprise", "new", get, &fe, &other), ORDER_OK,
	    "once cancelled, the organisation may apply again");
	is_int(order_save(user, &id, "enterprise", "new", get, &fe, &other), ORDER_LOCKED,
	    "a cancelled order can no longer be edited");
	db_exec("UPDATE orders SET status = 'pending', pay_status = 'paid', amount_fen = 65000 WHERE id = ?", "i", id2);
	{
		static const char *const more[] = { "project", "bidding", "years", "3", "org_name", "改名",
			"uscc", "91350100M000100Y43", NULL };
		struct form fm = { more };
		is_int(order_save(user, &id2, NULL, NULL, get, &fm, &other), ORDER_OK, "a paid pending order can still be edited");
		ok(order_get(id2, user, &row) && strcmp(row.project, "both") == 0 && row.years == 1,
		    "but the fields that decide the amount keep their values");
	}
	is_int(order_cancel(user, id2), ORDER_LOCKED, "a paid order cannot be cancelled by the applicant");
}

/* Milliseconds of noon, Beijing time, on day ("YYYY-MM-DD"). */
static int64_t noon(const char *day)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 4;	/* 12:00 in Asia/Shanghai */
	return (int64_t)timegm(&tm) * 1000;
}

static void test_workdays(void)
{
	char out[64], iso[11];

	is_int(workday_is("2026-11-27"), 1, "a Friday is a working day");
	is_int(workday_is("2026-11-28"), 0, "a Saturday is not");
	is_int(workday_is("2026-02-30"), -1, "30 February is no date");
	ok(workday_add(noon("2026-11-25"), 3, out, sizeof(out), iso) == 0 && strcmp(iso, "2026-11-30") == 0,
	    "three working days after Wednesday 25 November is Monday 30 November");
	is_str(out, "2026年11月30日（星期一）", "written in Chinese with the weekday");
	ok(workday_set("2026-11-27", "off") == 0, "a Friday is marked a holiday");
	ok(workday_add(noon("2026-11-25"), 3, out, sizeof(out), iso) == 0 && strcmp(iso, "2026-12-01") == 0,
	    "the holiday moves the date to Tuesday");
	ok(workday_set("2026-11-28", "work") == 0, "a Saturday is marked a make-up working day");
	ok(workday_add(noon("2026-11-25"), 3, out, sizeof(out), iso) == 0 && strcmp(iso, "2026-11-30") == 0,
	    "the make-up Saturday counts");
	ok(workday_set("2026-13-01", "off") != 0 && workday_set("2026-11-28", "maybe") != 0,
	    "a bad date or kind is refused");
	ok(workday_add(noon("2026-11-25"), 0, out, sizeof(out), iso) == 0 && strcmp(iso, "2026-11-25") == 0,
	    "zero working days is the same day");
	is_int(clock_day_start("2026-11-25"), noon("2026-11-25") - 12 * 3600 * 1000LL,
	    "a day starts at 00:00 Beijing time");
	is_int(clock_day_start("2026-02-30"), -1, "30 February does not start");
	ok(valid_date("2026-02-30") == NULL && valid_date("2026-13-01") != NULL && valid_date("26-01-01") != NULL
	    && valid_date("2026-1-01") != NULL && valid_date("1999-01-01") != NULL, "valid_date checks the form");
}


/* A complete enterprise application (fields only; add_docs adds its documents). */
static const char *const full_ent[] = { "project", "bidding", "years", "1", "cert_count", "1",
	"org_name", "厦门某某贸易有限公司", "org_nature", "private", "uscc", "914403001922038216",
	"legal_name", "张三", "legal_id_no", "11010519491231002X", "agent_name", "李四",
	"agent_mobile", "13800138000", "agent_email", "a@example.com", "agent_id_type", "id_card",
	"agent_id_no", "11010519491231002X", "agent_address", "福州市", "delivery", "pickup",
	"agree", "1", "consent", "1", NULL };

/* Gives order every enterprise document (rows only, as if uploaded). */
static void add_docs(int64_t order)
{
	const struct doc_slot *s;

	for (s = doc_slots; s->name; s++)
		db_exec("INSERT INTO documents (order_id, slot, sha256, path, ctype, size, created_ms, current)"
		    " VALUES (?, ?, 'x', 'x', 'image/png', 1, 0, 1)", "it", order, s->name);
}

static int64_t count_rows(const char *sql, int64_t order)
{
	return db_int(sql, -1, "i", order);
}

/* Appends "serial expires;" of a completed order to the string ctx. */
static void list_completed(void *ctx, const struct order_row *row, const char *serial, const char *expires)
{
	(void)row;
	strcat(ctx, serial ? serial : "-");
	strcat(ctx, " ");
	strcat(ctx, expires ? expires : "-");
	strcat(ctx, ";");
}

/* Appends item and a comma to the string ctx (order_changes_since_reject's callback). */
static void collect(void *ctx, const char *item)
{
	strcat(ctx, item);
	strcat(ctx, ",");
}

/* Waits a few milliseconds, so that rows written next are later than those before. */
static void tick(void)
{
	struct timespec ts = { 0, 5 * 1000000L };

	nanosleep(&ts, NULL);
}

/* Drafts reserve nothing: two applicants keep drafts of the same USCC; the first to submit
 * wins; the second's submission is refused without naming the other's order. */
static void test_open(void)
{
	struct form f = { full_ent };
	struct order_row row;
	int64_t a = tsite_add_user("13700000001"), b = tsite_add_user("13700000002");
	int64_t oa = 0, ob = 0, ob2 = 0, other = -1;

	is_int(order_save(a, &oa, "enterprise", "new", get, &f, &other), ORDER_OK, "open: A saves a draft");
	is_int(order_save(b, &ob, "enterprise", "new", get, &f, &other), ORDER_OK,
	    "open: B saves a draft with the same USCC (the draft-blocking attack fails)");
	add_docs(oa);
	add_docs(ob);
	is_int(order_save(a, &oa, NULL, NULL, get, &f, &other), ORDER_OK, "open: A saves the draft again");
	is_int(order_submit(b, ob), ORDER_OK, "open: B submits first and wins");
	is_int(order_submit(a, oa), ORDER_OPEN_EXISTS, "open: A's submission is refused");
	is_int(order_open_mine(a, oa), 0, "open: without naming B's order to A");
	ok(order_get(oa, a, &row) && strcmp(row.status, "draft") == 0, "open: A's order stays a draft");
	is_int(order_save(b, &ob2, "enterprise", "new", get, &f, &other), ORDER_OK, "open: B saves a second draft");
	add_docs(ob2);
	is_int(order_submit(b, ob2), ORDER_OPEN_EXISTS, "open: B's second submission is refused");
	ok(order_open_mine(b, ob2) == ob, "open: naming B's own open order to B");
	is_int(order_cancel(b, ob2), ORDER_OK, "open: B cancels the second draft");
	is_int(order_cancel(b, ob), ORDER_OK, "open: B cancels the submitted order");
	is_int(order_submit(a, oa), ORDER_OK, "open: then A may submit");
	is_int(order_cancel(a, oa), ORDER_OK, "open: (A cancels, for the next tests)");
}

/* Every applicant change raises the revision; the reviewer decides on the revision seen. */
static void test_revisions(void)
{
	static const char *const changed[] = { "project", "bidding", "years", "1", "cert_count", "1",
		"org_name", "厦门某某贸易有限公司", "org_nature", "private", "uscc", "914403001922038216",
		"legal_name", "张三", "legal_id_no", "11010519491231002X", "agent_name", "李四",
		"agent_mobile", "13800138001", "agent_email", "a@example.com", "agent_id_type", "id_card",
		"agent_id_no", "11010519491231002X", "agent_address", "福州市", "delivery", "pickup",
		"agree", "1", "consent", "1", NULL };
	struct form f = { full_ent }, fc = { changed };
	struct order_row row;
	struct doc_info info;
	const char *err = NULL;
	int64_t u = tsite_add_user("13700000003"), o = 0, other, rev0, hist, outbox;
	int64_t staff = tsite_add_staff("shen", "reviewer"), other_staff = tsite_add_staff("wang", "reviewer");
	FILE *fp;

	is_int(order_save(u, &o, "enterprise", "new", get, &f, &other), ORDER_OK, "rev: a draft");
	add_docs(o);
	is_int(order_submit(u, o), ORDER_OK, "rev: submitted");
	ok(order_get(o, u, &row) && strcmp(row.status, "pending") == 0, "rev: pending");
	rev0 = row.rev;
	hist = count_rows("SELECT count(*) FROM order_history WHERE order_id = ?", o);
	is_int(order_save(u, &o, NULL, NULL, get, &f, &other), ORDER_OK, "rev: saved with nothing changed");
	ok(order_get(o, u, &row) && row.rev == rev0, "rev: the revision stays");
	is_int(count_rows("SELECT count(*) FROM order_history WHERE order_id = ?", o), hist, "rev: and no timeline entry");
	is_int(order_save(u, &o, NULL, NULL, get, &fc, &other), ORDER_OK, "rev: the agent's mobile is changed");
	ok(order_get(o, u, &row) && row.rev == rev0 + 1 && strcmp(row.status, "pending") == 0,
	    "rev: raised by the save, and the order stays pending");
	is_int(db_int("SELECT count(*) FROM order_changes WHERE order_id = ? AND rev = ? AND item = 'agent_mobile'",
	    -1, "ii", o, rev0 + 1), 1, "rev: the changed field is recorded");
	is_int(db_int("SELECT count(*) FROM order_changes WHERE order_id = ? AND rev = ?", -1, "ii", o, rev0 + 1),
	    1, "rev: and only it");
	is_int(db_int("SELECT count(*) FROM order_history WHERE order_id = ? AND from_status = 'pending'"
	    " AND to_status = 'pending' AND reason LIKE '已修改%经办人手机%'", -1, "i", o), 1,
	    "rev: the timeline says 已修改 with the field");

	fp = tmpfile();
	fputs("not really a png, doc_store trusts the sniffed info", fp);
	fflush(fp);
	memset(&info, 0, sizeof(info));
	info.type = DOC_PNG;
	info.size = ftell(fp);
	info.width = info.height = 10;
	rewind(fp);
	is_int(doc_store(o, doc_slot("license"), fp, &info, "a.png", &err), 0, "rev: a document is stored");
	ok(order_get(o, u, &row) && row.rev == rev0 + 2, "rev: raised by the document");
	is_int(db_int("SELECT count(*) FROM order_changes WHERE order_id = ? AND rev = ? AND item = 'license'",
	    -1, "ii", o, rev0 + 2), 1, "rev: the replaced slot is recorded");

	hist = count_rows("SELECT count(*) FROM order_history WHERE order_id = ?", o);
	outbox = db_int("SELECT count(*) FROM outbox", -1, "");
	is_int(review_approve(o, staff, "shen", rev0), REVIEW_STALE, "review: approving a revision no longer current is stale");
	is_int(review_reject(o, staff, "shen", rev0 + 1, "扫描件不清晰", "license"), REVIEW_STALE,
	    "review: so is rejecting one");
	ok(order_get(o, u, &row) && strcmp(row.status, "pending") == 0, "review: the order stays pending");
	is_int(count_rows("SELECT count(*) FROM order_history WHERE order_id = ?", o), hist, "review: no history written");
	is_int(db_int("SELECT count(*) FROM outbox", -1, ""), outbox, "review: no SMS queued");
	is_int(count_rows("SELECT count(*) FROM orders WHERE id = ? AND claimed_by IS NULL AND review_reason IS NULL", o), 1,
	    "review: neither claimed nor a reason stored");
	is_int(review_claim(o, other_staff, 0, 0), REVIEW_OK, "review: another reviewer claims it");
	is_int(review_approve(o, staff, "shen", rev0 + 2), REVIEW_CLAIMED, "review: then the first may not approve it");
	is_int(review_claim(o, other_staff, 1, 0), REVIEW_OK, "review: the claim is released");
	tick();
	is_int(review_reject(o, staff, "shen", rev0 + 2, "扫描件不清晰。", "license,agent_mobile"), REVIEW_OK,
	    "review: rejecting the current revision");
	ok(order_get(o, u, &row) && strcmp(row.status, "rejected") == 0, "review: rejected");
	is_int(count_rows("SELECT count(*) FROM orders WHERE id = ? AND claimed_by = reviewed_by", o), 1,
	    "review: and claimed by its reviewer");
	is_int(db_int("SELECT count(*) FROM outbox WHERE body LIKE '%扫描件不清晰；需补正%' AND recipient = '13800138001'",
	    -1, ""), 1, "review: the SMS names the reason and goes to the agent's mobile");
	is_int(review_approve(o, staff, "shen", rev0 + 2), REVIEW_STATE, "review: a rejected order cannot be approved");
	tick();
	is_int(order_save(u, &o, NULL, NULL, get, &f, &other), ORDER_OK, "since: the applicant corrects the mobile");
	ok(order_get(o, u, &row) && strcmp(row.status, "rejected") == 0 && row.rev == rev0 + 3,
	    "since: a new revision, still rejected until resubmitted");
	{
		char seen[200] = "";
		is_int(order_changes_since_reject(o, collect, seen), 1, "since: one item changed since the rejection");
		is_str(seen, "agent_mobile,", "since: the mobile, not the licence replaced before it");
	}
	is_int(order_submit(u, o), ORDER_OK, "since: resubmitted");
	ok(order_get(o, u, &row) && strcmp(row.status, "pending") == 0, "since: pending again");
	is_int(review_approve(o, staff, "shen", row.rev), REVIEW_OK, "review: approving the current revision");
	ok(order_get(o, u, &row) && strcmp(row.status, "approved") == 0, "review: approved");
}

/* The renewal list: the applicant's completed orders with their certificate, and the life
 * table's "renew" rule. */
static void test_renewals(void)
{
	int64_t u = tsite_add_user("13700000004"), v = tsite_add_user("13700000005");
	int64_t done = tsite_add_order(u, "completed", "paid", 40000), early = tsite_add_order(u, "completed", "paid", 40000);
	int64_t open = tsite_add_order(u, "pending", "unpaid", 40000), theirs = tsite_add_order(v, "completed", "paid", 40000);
	struct order_row row;
	struct life_state st;
	char seen[400] = "";

	(void)open;
	(void)theirs;
	db_exec("UPDATE orders SET issued_serial = '1A2B3C', issued_expires = '2027-12-31' WHERE id = ?", "i", done);
	db_exec("UPDATE orders SET issued_serial = '0F0F', issued_expires = '2027-01-31' WHERE id = ?", "i", early);
	is_int(order_list_completed(u, list_completed, seen), 2, "renew: two completed orders are listed");
	is_str(seen, "0F0F 2027-01-31;1A2B3C 2027-12-31;", "renew: with serial and expiry, soonest expiry first");
	ok(order_get(done, u, &row), "renew: the completed order");
	st = life_state_of(&row);
	ok(life_find("renew", LIFE_USER, 0, &st) != NULL, "renew: the table lets its owner renew it");
	ok(order_get(open, u, &row), "renew: a pending order");
	st = life_state_of(&row);
	ok(life_find("renew", LIFE_USER, 0, &st) == NULL, "renew: cannot be renewed");
}

int main(void)
{
	if (tsite_open(dir) != 0)
		return 1;
	test_prices();
	test_states();
	test_save();
	test_open();
	test_revisions();
	test_renewals();
	test_workdays();
	tsite_close(dir);
	return done_testing();
}
