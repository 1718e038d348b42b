/* tests/unit/t_plan.c: every list, queue, search and lookup the library prepares (the daily reminders, digest and retention purge included) is served by an index at a million orders: the planner is given statistics as at scale, the real functions run with each filter combination, and EXPLAIN QUERY PLAN of every statement they prepared must not scan a large table; the trigram search index follows order_save. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "tsite.h"
#include "tnotify.h"
#include "audit.h"
#include "dashboard.h"
#include "delivery.h"
#include "digest.h"
#include "doc.h"
#include "export.h"
#include "invoice.h"
#include "order.h"
#include "outbox.h"
#include "payment.h"
#include "purge.h"
#include "reminder.h"
#include "price.h"
#include "refusal.h"
#include "review.h"
#include "role.h"

static char dir[] = "/tmp/t_plan.XXXXXX";

/* ------------------------------------------------------------ statements prepared */

#define MAX_SQL 600
static char *seen[MAX_SQL];
static int nseen;

/* db_on_prepare hook: keeps each SQL text once. */
static void record(const char *sql)
{
	int i;

	for (i = 0; i < nseen; i++)
		if (strcmp(seen[i], sql) == 0)
			return;
	if (nseen < MAX_SQL)
		seen[nseen++] = strdup(sql);
}

/* ------------------------------------------------------------ statistics at scale */

/* The large tables and their row counts at the scale of the issue (1,000,000 orders,
 * 100,000 users, 250,000 invoices). */
static const struct { const char *table; long long rows; } scale[] = {
	{ "orders", 1000000 }, { "invoices", 250000 }, { "payments", 800000 },
	{ "documents", 8000000 }, { "audit", 5000000 }, { "order_history", 5000000 },
	{ "order_changes", 2000000 }, { "order_notes", 100000 }, { "alipay_trades", 600000 },
	{ "alipay_notifications", 600000 }, { "outbox", 3000000 }, { "outbox_files", 250000 },
	{ "invoice_titles", 150000 }, { "users", 100000 }, { "sessions", 200000 },
	{ "refusals", 1000000 },
};

/* Distinct values of a column at scale (of the table's rows n); 0 for "nearly unique". */
static long long distinct(const char *table, const char *col, long long n)
{
	static const struct { const char *col; long long values; } few[] = {
		{ "status", 8 }, { "pay_status", 4 }, { "kind", 3 }, { "subject", 2 }, { "method", 2 },
		{ "source", 4 }, { "type", 2 }, { "title_kind", 2 }, { "realm", 2 }, { "outcome", 3 },
		{ "action", 60 }, { "slot", 12 }, { "current", 2 }, { "is_default", 2 }, { "state", 4 },
		{ "purpose", 3 }, { "actor", 5000 }, { "addr", 20000 }, { "name", 200000 },
		{ "agent_name", 200000 }, { "legal_name", 200000 }, { "item", 30 },
	};
	size_t i;

	if (!col)
		return 0;
	if (strcmp(col, "user_id") == 0)
		return 100000;
	if (strcmp(col, "order_id") == 0)
		return strcmp(table, "documents") == 0 || strcmp(table, "order_history") == 0
		    || strcmp(table, "order_changes") == 0 || strcmp(table, "audit") == 0 ? n / 5 : 0;
	for (i = 0; i < sizeof(few) / sizeof(few[0]); i++)
		if (strcmp(few[i].col, col) == 0)
			return few[i].values;
	return 0;
}

/* Rewrites sqlite_stat1 as it would read at scale, and has the planner load it. */
static int scale_stats(void)
{
	sqlite3 *h = db_handle();
	sqlite3_stmt *st, *cols;
	char stat[200], q[300];
	size_t t;
	int rc = 0;

	if (sqlite3_exec(h, "ANALYZE", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	for (t = 0; t < sizeof(scale) / sizeof(scale[0]); t++) {
		long long n = scale[t].rows;
		if (sqlite3_prepare_v2(h, "SELECT name, sql LIKE '% WHERE %' FROM sqlite_schema WHERE type = 'index'"
		    " AND tbl_name = ?",
		    -1, &st, NULL) != SQLITE_OK)
			return -1;
		sqlite3_bind_text(st, 1, scale[t].table, -1, SQLITE_STATIC);
		db_exec("DELETE FROM sqlite_stat1 WHERE tbl = ?", "t", scale[t].table);
		snprintf(stat, sizeof(stat), "%lld", n);
		db_exec("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, NULL, ?)", "tt", scale[t].table, stat);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *idx = (const char *)sqlite3_column_text(st, 0);
			long long keys = 1;
			size_t len;
			/* a partial index holds a small part of the table */
			n = sqlite3_column_int(st, 1) ? scale[t].rows / 100 : scale[t].rows;
			snprintf(stat, sizeof(stat), "%lld", n);
			snprintf(q, sizeof(q), "SELECT name FROM pragma_index_info(?)");
			if (sqlite3_prepare_v2(h, q, -1, &cols, NULL) != SQLITE_OK) {
				rc = -1;
				break;
			}
			sqlite3_bind_text(cols, 1, idx, -1, SQLITE_TRANSIENT);
			while (sqlite3_step(cols) == SQLITE_ROW) {
				long long d = distinct(scale[t].table, (const char *)sqlite3_column_text(cols, 0), n);
				keys = d == 0 || keys * d >= n ? n : keys * d;
				len = strlen(stat);
				snprintf(stat + len, sizeof(stat) - len, " %lld", (n + keys - 1) / keys);
			}
			sqlite3_finalize(cols);
			if (db_exec("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", "ttt", scale[t].table,
			    idx, stat) != 1)
				rc = -1;
		}
		sqlite3_finalize(st);
	}
	/* ANALYZE sqlite_schema reloads the statistics without recomputing them. */
	if (sqlite3_exec(h, "ANALYZE sqlite_schema", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	return rc;
}

/* ------------------------------------------------------------ the plans */

static const char *const large[] = { "orders", "invoices", "payments", "documents", "audit",
	"alipay_notifications", "alipay_trades", "order_history", "order_changes", "outbox", "refusals", NULL };

/* 1 when name (as a plan names a table: itself or its alias) stands for a large table in sql. */
static int is_large(const char *sql, const char *name)
{
	char pat[100];
	size_t i, n;
	const char *p;

	for (i = 0; large[i]; i++) {
		if (strcmp(large[i], name) == 0)
			return 1;
		snprintf(pat, sizeof(pat), "%s %s", large[i], name);
		n = strlen(pat);
		for (p = strstr(sql, pat); p; p = strstr(p + 1, pat))
			if ((p == sql || p[-1] == ' ') && (p[n] == ' ' || p[n] == ',' || p[n] == ')' || !p[n]))
				return 1;
	}
	return 0;
}

/* EXPLAIN QUERY PLAN of sql into plan (size bytes, one "#   " line per step): 1 when it
 * scans a large table, unless that scan is a walk in the order asked (an ORDER BY served
 * without a temporary B-tree) that a LIMIT stops: the newest of a list, or a capped count
 * of them; 0 when not, -1 when sql does not compile. */
static int plan_scans(const char *sql, char *plan, size_t size)
{
	sqlite3_stmt *st;
	char eqp[8000];
	size_t n = 0;
	int sorted = 0, bad = 0, limited = strstr(sql, " ORDER BY ") && strstr(sql, " LIMIT ");

	plan[0] = '\0';
	snprintf(eqp, sizeof(eqp), "EXPLAIN QUERY PLAN %s", sql);
	if (sqlite3_prepare_v2(db_handle(), eqp, -1, &st, NULL) != SQLITE_OK) {
		snprintf(plan, size, "# %s\n", sqlite3_errmsg(db_handle()));
		return -1;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);
		char name[64];
		if (!d)
			continue;
		if (n < size)
			n += (size_t)snprintf(plan + n, size - n, "#   %s\n", d);
		if (strstr(d, "TEMP B-TREE FOR ORDER BY") || strstr(d, "TEMP B-TREE FOR LAST TERM OF ORDER BY"))
			sorted = 1;
		if (sscanf(d, "SCAN %63s", name) == 1 && !strstr(d, "VIRTUAL TABLE") && is_large(sql, name))
			bad = 1;
	}
	sqlite3_finalize(st);
	return bad && !(limited && !sorted);
}

/* One TAP line: sql does not scan a large table (its plan shown when it does). */
static void check_plan(const char *sql)
{
	char plan[4000];

	if (!ok(plan_scans(sql, plan, sizeof(plan)) == 0, sql))
		printf("%s", plan);
	else if (getenv("T_PLAN_VERBOSE"))
		printf("%s", plan);
}

/* The check itself, proven on statements it must refuse (the queue and search as they were
 * before schema/0008) and one it must accept. */
static void test_checker(void)
{
	char plan[4000];

	ok(plan_scans("SELECT count(*) FROM orders o WHERE o.status <> 'draft' AND (?1 IS NULL OR o.status = ?1)",
	    plan, sizeof(plan)) == 1, "the check refuses a catch-all count over orders");
	ok(plan_scans("SELECT o.id FROM orders o WHERE o.org_name LIKE ?1 OR o.name LIKE ?1"
	    " ORDER BY ifnull(o.submitted_ms, o.created_ms), o.id LIMIT 20", plan, sizeof(plan)) == 1,
	    "and a LIKE search sorted after a full scan");
	ok(plan_scans("SELECT id FROM invoices WHERE type = ?1", plan, sizeof(plan)) == 1,
	    "and a scan of invoices");
	ok(plan_scans("SELECT id, status FROM invoices WHERE order_id = ? ORDER BY id DESC LIMIT 1", plan,
	    sizeof(plan)) == 0, "but accepts the invoice state of an order through invoices_order");
}

/* ------------------------------------------------------------ driving the library */

static void no_list_row(void *ctx, const struct order_list_row *row) { (void)ctx; (void)row; }
static void no_completed(void *ctx, const struct order_row *row, const char *s, const char *e)
{ (void)ctx; (void)row; (void)s; (void)e; }
static void no_invoice(void *ctx, const struct invoice_row *i) { (void)ctx; (void)i; }
static void no_payment(void *ctx, const struct payment_row *p) { (void)ctx; (void)p; }
static void no_delivery(void *ctx, const struct delivery_row *d) { (void)ctx; (void)d; }
static void no_audit(void *ctx, const struct audit_row *a) { (void)ctx; (void)a; }
static void no_refusal(void *ctx, const struct refusal_row *f) { (void)ctx; (void)f; }
static void no_event(void *ctx, const struct order_event *e) { (void)ctx; (void)e; }
static void no_item(void *ctx, const char *item) { (void)ctx; (void)item; }
static void no_title(void *ctx, const struct invoice_title *t) { (void)ctx; (void)t; }
static void no_note(void *ctx, int64_t at, const char *login, const char *body)
{ (void)ctx; (void)at; (void)login; (void)body; }
static int no_csv(void *ctx, const void *buf, size_t n) { (void)ctx; (void)buf; (void)n; return 0; }

/* The admin's views: the dashboard's figures, a year's CSV exports, a price change. */
static void run_platform(void)
{
	struct dashboard_day days[DASHBOARD_DAYS];
	struct dashboard_month months[DASHBOARD_MONTHS];
	struct dashboard_review rv;
	int64_t fen;
	int per_year;
	size_t i;

	dashboard_days(days);
	for (i = 0; dashboard_statuses[i]; i++)
		dashboard_status_count(dashboard_statuses[i]);
	dashboard_months(months);
	dashboard_review_times(&rv);
	export_csv("orders", 0, 4102444800000LL, no_csv, NULL);
	export_csv("payments", 0, 4102444800000LL, no_csv, NULL);
	export_csv("invoices", 0, 4102444800000LL, no_csv, NULL);
	price_change("enterprise", "new", "bidding", 40000, 1, &fen, &per_year);
}

/* The order test_search saves through order_save (it has a USCC: the open-application
 * lookups run for it). */
static int64_t saved;

/* Counts the rows of a staff list and remembers whether want was among them. */
struct found { int n; int64_t want; int seen; };
static void count_review(void *ctx, const struct review_row *row)
{
	struct found *f = ctx;
	f->n++;
	f->seen |= row->order.id == f->want;
}

/* 1 when the staff search q (no other filter) lists order. */
static int search_finds(const char *q, int64_t order)
{
	struct review_filter f;
	struct found got = { 0, 0, 0 };

	memset(&f, 0, sizeof(f));
	f.q = q;
	got.want = order;
	review_list(&f, 0, 20, count_review, &got);
	return got.seen;
}

/* The form of an order_save: name=value pairs. */
static const char *const *form;
static const char *form_get(void *ctx, const char *name)
{
	const char *const *p;
	(void)ctx;
	for (p = form; *p; p += 2)
		if (strcmp(p[0], name) == 0)
			return p[1];
	return NULL;
}

static void test_search(int64_t user)
{
	static const char *const first[] = { "project", "bidding", "years", "1", "org_name", "福州甲乙丙科技有限公司",
		"uscc", "91350100M000100Y43", "agent_name", "林小明", NULL };
	static const char *const second[] = { "project", "bidding", "years", "1", "org_name", "厦门丁戊己贸易有限公司",
		"uscc", "91350100M000100Y43", "agent_name", "林小明", NULL };
	int64_t id = 0, other = 0, plain = tsite_add_order(user, "pending", "unpaid", 40000);

	form = first;
	ok(order_save(user, &id, "enterprise", "new", form_get, NULL, &other) == ORDER_OK, "order_save makes a draft");
	form = second;
	ok(order_save(user, &id, "enterprise", "new", form_get, NULL, &other) == ORDER_OK, "and changes its name");
	db_exec("UPDATE orders SET status = 'pending', submitted_ms = created_ms WHERE id = ?", "i", id);
	saved = id;
	ok(search_finds("丁戊己", id), "search by a name's middle three characters (trigram index) finds it");
	ok(!search_finds("甲乙丙", id), "and its former name no longer does (order_save keeps the index)");
	ok(search_finds("厦门丁戊己贸易有限公司", id), "the whole name: its rarest trigram's rows, each checked for the whole text");
	ok(!search_finds("丁戊己贸易无限", id), "a text whose rare trigram the order holds but not the whole text");
	ok(!search_finds("丁戊己贸_有限", id) && !search_finds("丁戊己%有限", id),
	    "LIKE's wildcards in the text are plain characters");
	ok(search_finds("林小", id), "two characters: the start of a name (the agent's)");
	ok(!search_finds("小明", id), "but not its middle");
	ok(search_finds("91350100m000100y43", id), "USCC, in either case");
	ok(!search_finds("测试单位", plain), "an order written around order_save is not in the index");
	ok(order_search_rebuild() == 0 && search_finds("试单位", plain), "until order_search_rebuild");
	{
		struct review_filter f;
		int i, total;

		for (i = 0; i < 70; i++)
			db_exec("UPDATE orders SET org_name = '闽侯县某某工程有限公司' WHERE id = ?", "i",
			    tsite_add_order(user, "pending", "unpaid", 40000));
		order_search_rebuild();
		memset(&f, 0, sizeof(f));
		f.q = "工程有限公司";
		total = review_list(&f, 0, 0, count_review, NULL);
		ok(total == 70, "a text of common trigrams only goes through the whole phrase (all 70 found)");
		ok(search_finds("丁戊己贸易有限公司", id), "a rare trigram drives even when the rest is common");
	}
	{
		char num[24];
		snprintf(num, sizeof(num), "%lld", (long long)plain);
		ok(search_finds(num, plain), "the order number");
	}
	ok(search_finds("13800138000", plain), "the agent's mobile");
	ok(search_finds("", plain), "no text: every submitted order");
}

/* Every list, queue, search and lookup, with each filter combination. */
/* The order's life and its money, as the programs drive them: submission, the life
 * table's moves (review, production, delivery, receipt), claims and finance's decisions, an
 * Alipay notification judged against the order's trade, the invoice rule. Most are refused
 * in the states the test leaves; their statements are prepared all the same. */
static void decide_and_pay(int64_t user, int64_t order)
{
	struct tnotify n = { NULL, "2026120722001400000000000001", "TRADE_SUCCESS", "400.00", NULL, NULL };
	int64_t staff = db_int("SELECT id FROM staff WHERE login = 'shen'", 0, ""), rev, inv;
	const char *verdict;
	struct order_row row;
	char trade[40], *body;

	rev = db_int("SELECT rev FROM orders WHERE id = ?", 0, "i", order);
	order_submit(user, saved);
	review_approve(order, staff, "shen", rev + 1);
	review_reject(order, staff, "shen", rev + 1, "扫描件不清晰", "license");
	review_cancel(order, staff, "shen", "测试");
	payment_transfer_claim(order, user, "福州某某公司", "2026-01-05", 0);
	payment_claim_waiting(order);
	payment_claim_cause(order);
	payment_confirm(order, staff, "shen");
	payment_decline(order, staff, "shen", "未到账");
	payment_refund(order, staff, "shen", "原路退回");
	delivery_produce(order, staff, "0A1B2C3D4E5F", "2099-01-01");
	delivery_ship(order, staff, "sf", "SF1234567890");
	delivery_ready(order, staff);
	delivery_complete(order, staff);
	delivery_receive(order, user);
	if (order_get(order, user, &row))
		invoice_allowed(&row);
	invoice_received_fen(order);
	invoice_request(user, order, "normal", 1, &inv);
	snprintf(trade, sizeof(trade), "%lld_9", (long long)order);
	db_exec("INSERT OR IGNORE INTO alipay_trades (out_trade_no, order_id, amount_fen, state, created_ms, expires_ms)"
	    " VALUES (?, ?, 40000, 'open', 0, 9999999999999)", "ti", trade, order);
	n.out_trade_no = trade;
	body = tnotify_body(&n, 0, NULL, NULL, NULL);
	verdict = NULL;
	if (body)
		payment_notify(body, strlen(body), "127.0.0.1", &verdict);
	free(body);
	ok(verdict && strcmp(verdict, "applied") == 0 ? 1 : verdict && strcmp(verdict, "duplicate") == 0,
	    "the notification was verified and judged against the order's trade (its queries prepared)");
}

/* certdesk-admin's daily reminders and digest, and the retention purge (a dry run, then its
 * writes on order rolled back). */
static void operations(int64_t order)
{
	struct purge_stats ps;
	char subject[256], body[4096];

	reminder_run(NULL, NULL);
	digest_compose("shen", ROLE_ANY, 1, subject, sizeof(subject), body, sizeof(body));
	purge_run(4102444800000LL, 1, NULL, NULL, &ps);
	if (db_begin() == 0) {
		doc_purge_order(order, 1, NULL, NULL);
		order_purge_personal(order, 1);
		db_rollback();
	}
	doc_remove_unused("ab/abababababababababababababababababababababababababababababababab.png");
}

static void drive(int64_t user, int64_t order)
{
	static const char *const statuses[] = { NULL, "pending", "completed" };
	static const char *const kinds[] = { NULL, "renew" };
	static const char *const subjects[] = { NULL, "personal" };
	static const char *const qs[] = { NULL, "7000000000000000001", "13800138000", "91350100M000100Y43",
		"11010519491231002X", "E12345678", "110105491231002", "林", "测试", "测试单位", "有\"限", NULL };
	static const char *const inv[] = { NULL, "pending", "issued", "rejected" };
	static const char *const pay[] = { NULL, "claimed", "received", "duplicate" };
	struct review_filter f;
	struct found got = { 0, 0, 0 };
	struct order_row row;
	struct delivery_info di;
	int failed;
	size_t a, b, c, d, e;
	int64_t id;
	char who[40], missing[600];
	struct doc_meta meta;

	for (a = 0; a < 3; a++)
		for (b = 0; b < 2; b++)
			for (c = 0; c < 2; c++)
				for (d = 0; d < 2; d++)
					for (e = 0; e < sizeof(qs) / sizeof(qs[0]); e++) {
						memset(&f, 0, sizeof(f));
						f.status = statuses[a];
						f.kind = kinds[b];
						f.subject = subjects[c];
						f.from_ms = d ? 1000 : 0;
						f.to_ms = d ? 4102444800000LL : 0;
						f.q = qs[e];
						review_list(&f, 20, 20, count_review, &got);
					}
	order_list(user, NULL, 0, 0, 10, no_list_row, NULL);
	order_list(user, "pending", 0, 10, 10, no_list_row, NULL);
	order_list(user, NULL, order, 0, 10, no_list_row, NULL);
	order_list(user, "pending", order, 0, 10, no_list_row, NULL);
	order_list_completed(user, no_completed, NULL);
	order_get(order, user, &row);
	order_open_mine(user, order);
	order_history_each(order, no_event, NULL);
	invoice_state_of_order(order, &id, NULL, 0);
	invoice_each_of_order(order, no_invoice, NULL);
	for (a = 0; a < sizeof(inv) / sizeof(inv[0]); a++)
		invoice_list(inv[a], 20, 20, no_invoice, NULL);
	for (a = 0; a < sizeof(pay) / sizeof(pay[0]); a++)
		payment_list(pay[a], 20, 20, no_payment, NULL);
	payment_list_to_refund(0, 20, no_payment, NULL);
	payment_each_of_order(order, no_payment, NULL);
	delivery_list("producing", 0, 20, no_delivery, NULL);
	delivery_list("shipped", 0, 20, no_delivery, NULL);
	delivery_list("ready", 0, 20, no_delivery, NULL);
	delivery_get(order, &di);
	audit_each(NULL, 200, no_audit, NULL);
	audit_each("login", 200, no_audit, NULL);
	audit_each("7000000000000000001", 200, no_audit, NULL);
	refusal_note("203.0.113.9", "login", "refused: address limit");
	refusal_each(NULL, 100, no_refusal, NULL);
	refusal_each("203.0.113.9", 100, no_refusal, NULL);
	outbox_next_due("sms");
	outbox_send_due("mail", 1, &failed);
	review_claimant(order, who, sizeof(who));
	review_notes(order, no_note, NULL);
	order_open_mine(user, saved);
	order_changes_since_reject(saved, no_item, NULL);
	order_missing(saved, missing, sizeof(missing));
	doc_current(saved, "license", &meta);
	doc_missing(saved, "enterprise", missing, sizeof(missing));
	invoice_title_each(user, no_title, NULL);
	payment_refundable(order);
	decide_and_pay(user, order);
	operations(order);
	run_platform();
}

int main(void)
{
	int64_t user, order;
	int i;

	if (tsite_open(dir) != 0) {
		printf("Bail out! cannot make the site\n");
		return 1;
	}
	{
		char extra[1024];
		snprintf(extra, sizeof(extra), "Alipay.AppId = %s\nAlipay.SellerId = %s\nAlipay.PublicKeyFile = %s\n",
		    TNOTIFY_APP_ID, TNOTIFY_SELLER_ID, tsite_key("alipay_public.pem"));
		if (tsite_configure(dir, extra) != 0)
			printf("# could not configure Alipay's key\n");
	}
	db_on_prepare(record);	/* from the start: order_save's statements too */
	user = tsite_add_user("13912345678");
	tsite_add_staff("shen", "reviewer");
	order = tsite_add_order(user, "pending", "unpaid", 40000);
	{
		/* A certificate that expires in ten days: the reminders send (and prepare) everything. */
		char day[32];
		clock_format(clock_now_ms() + 10 * 86400000LL, day, sizeof(day));
		day[10] = '\0';
		db_exec("UPDATE orders SET issued_serial = 'ABCDEF0123', issued_expires = ? WHERE id = ?", "ti", day,
		    tsite_add_order(user, "completed", "paid", 40000));
	}
	test_search(user);
	/* First as a freshly migrated database is, before any PRAGMA optimize: no statistics. */
	ok(db_int("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'", -1, "") == 0,
	    "no statistics yet");
	drive(user, order);
	db_on_prepare(NULL);
	ok(nseen > 40, "without statistics, the library prepared its list, queue, search and lookup statements");
	for (i = 0; i < nseen; i++) {
		check_plan(seen[i]);
		free(seen[i]);
	}
	nseen = 0;
	ok(scale_stats() == 0, "statistics as at 1,000,000 orders");
	db_close();	/* a fresh connection: nothing prepared, the statistics read at open */
	if (db_open() != 0) {
		printf("Bail out! cannot reopen the database\n");
		return 1;
	}
	ok(db_int("SELECT stat FROM sqlite_stat1 WHERE idx = 'orders_user'", 0, "") == 1000000,
	    "the statistics survive closing (PRAGMA optimize does not redo them)");
	test_checker();
	db_on_prepare(record);
	drive(user, order);
	db_on_prepare(NULL);
	ok(nseen > 40, "with them, the library prepared its list, queue, search and lookup statements");
	for (i = 0; i < nseen; i++)
		check_plan(seen[i]);
	for (i = 0; i < nseen; i++)
		free(seen[i]);
	tsite_close(dir);
	return done_testing();
}
