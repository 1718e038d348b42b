/* tests/unit/t_seed.c: seed-demo on a temp site: valid USCCs and ID numbers sealed as order_save seals them, history chains that follow lifecycle.c's table to each status, money and invoices consistent (SECURITY.md 29), documents on stored files, and the refusal of a database with real orders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "tsite.h"
#include "tinvariants.h"
#include "account.h"
#include "cfg.h"
#include "crypto.h"
#include "db.h"
#include "lifecycle.h"
#include "price.h"
#include "seed.h"
#include "review.h"
#include "snowflake.h"
#include "util.h"
#include "valid.h"

static char dir[] = "/tmp/t_seed.XXXXXX";
static char dir2[] = "/tmp/t_seed2.XXXXXX";


static int64_t count(const char *sql)
{
	return db_int(sql, -1, "");
}

/* The text of column i as a malloc'd string ("" for NULL). */
static char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return strdup(t ? (const char *)t : "");
}

/* What a seed decides, whatever the time it runs: each order's applicant, subject, kind,
 * project, term, delivery, organisation or person; a malloc'd string. */
static char *fingerprint(void)
{
	sqlite3_stmt *st = db_prepare("SELECT group_concat(x, ';') FROM (SELECT u.mobile || ' ' || o.subject || ' '"
	    " || o.kind || ' ' || o.project || ' ' || o.years || ' ' || o.delivery || ' ' || ifnull(o.uscc, '') || ' '"
	    " || ifnull(o.org_name, o.name) AS x FROM orders o JOIN users u ON u.id = o.user_id ORDER BY x)");
	char *s = NULL;

	if (st && sqlite3_step(st) == SQLITE_ROW)
		s = col(st, 0);
	if (st)
		sqlite3_reset(st);
	return s;
}

/* 1 when sealed opens to a number that check accepts and whose blind index is idx. */
static int id_ok(const char *sealed, const char *idx, const char *(*check)(const char *))
{
	char *plain = crypto_unseal(sealed), mine[65];
	int good = plain && check(plain) == NULL && crypto_blind_index(plain, mine) == 0
	    && strcmp(mine, idx) == 0;

	if (!good)
		printf("# bad ID number %s\n", plain ? plain : "(does not open)");
	free(plain);
	return good;
}

static void check_identities(void)
{
	sqlite3_stmt *st = db_prepare("SELECT subject, ifnull(uscc, ''), ifnull(legal_id_sealed, ''),"
	    " ifnull(legal_id_index, ''), ifnull(agent_id_type, ''), ifnull(agent_id_sealed, ''),"
	    " ifnull(agent_id_index, ''), ifnull(id_sealed, ''), ifnull(id_index, ''), ifnull(agent_mobile, ''),"
	    " ifnull(mobile, ''), ifnull(org_name, ''), ifnull(name, '') FROM orders");
	int n = 0, bad_uscc = 0, bad_ids = 0, bad_other = 0;

	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char *v[13], org[10];
		int i;

		for (i = 0; i < 13; i++)
			v[i] = col(st, i);
		n++;
		if (strcmp(v[0], "enterprise") == 0) {
			if (valid_uscc(v[1]) || valid_uscc_org_code(v[1], org, sizeof(org)) != 0) {
				bad_uscc++;
				printf("# bad USCC %s\n", v[1]);
			}
			bad_ids += !id_ok(v[2], v[3], valid_resident_id);
			bad_ids += !id_ok(v[5], v[6], strcmp(v[4], "id_card") == 0 ? valid_resident_id : valid_doc_no);
			bad_other += valid_mobile(v[9]) != NULL || !v[11][0] || valid_text(v[11]) != NULL;
		} else {
			bad_ids += !id_ok(v[7], v[8], valid_resident_id);
			bad_other += valid_mobile(v[10]) != NULL || !v[12][0];
		}
		for (i = 0; i < 13; i++)
			free(v[i]);
	}
	if (st)
		sqlite3_reset(st);
	ok(n == 2000 && bad_uscc == 0, "every USCC passes GB 32100 with its GB 11714 organisation code");
	ok(n == 2000 && bad_ids == 0, "every ID number opens, passes GB 11643 (or is a travel document) and matches its blind index");
	ok(bad_other == 0, "mobiles are valid and every order names its organisation or person");
}

/* 1 when some rule of lifecycle.c's table leads from from to to. */
static int life_allows(const char *from, const char *to)
{
	const struct life_rule *r;

	for (r = life_table; r->action; r++)
		if (r->to && strcmp(r->to, to) == 0 && util_word_in(r->from, from, " "))
			return 1;
	return 0;
}

static void check_history(void)
{
	sqlite3_stmt *st = db_prepare("SELECT DISTINCT from_status, to_status FROM order_history"
	    " WHERE from_status IS NOT NULL AND from_status <> to_status");
	int moves = 0, bad = 0;

	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char *from = col(st, 0), *to = col(st, 1);
		moves++;
		if (!life_allows(from, to)) {
			bad++;
			printf("# %s -> %s is no move of the life table\n", from, to);
		}
		free(from);
		free(to);
	}
	if (st)
		sqlite3_reset(st);
	ok(moves >= 10 && bad == 0, "every status change in the history is a move of lifecycle.c's table");
	ok(count("SELECT count(*) FROM orders o WHERE (SELECT h.from_status IS NULL AND h.to_status = 'draft'"
	    " FROM order_history h WHERE h.order_id = o.id ORDER BY h.id LIMIT 1) IS NOT 1") == 0,
	    "every history starts with the draft");
	ok(count("SELECT count(*) FROM (SELECT from_status, lag(to_status) OVER (PARTITION BY order_id ORDER BY id)"
	    " AS prev, at_ms, lag(at_ms) OVER (PARTITION BY order_id ORDER BY id) AS prev_at FROM order_history)"
	    " WHERE prev IS NOT NULL AND (from_status IS NOT prev OR at_ms < prev_at)") == 0,
	    "each history row starts where the one before ended, later in time");
	ok(count("SELECT count(*) FROM orders o WHERE o.status IS NOT (SELECT h.to_status FROM order_history h"
	    " WHERE h.order_id = o.id ORDER BY h.id DESC LIMIT 1)") == 0, "every history chain ends at the order's status");
	ok(count("SELECT count(DISTINCT status) FROM orders") == 9, "all nine statuses occur");
	ok(count("SELECT count(DISTINCT pay_status) FROM orders") >= 3, "and the pay statuses");
}

static void check_money(void)
{
	/* Beyond the shared invariants (tinvariants.h): what seeded data must also show. */
	static const struct tinvariant rules[] = {
		{ "an Alipay payment was made on a trade of the order for its amount",
		  "SELECT count(*) FROM payments p LEFT JOIN alipay_trades t ON t.out_trade_no = p.out_trade_no"
		  " WHERE p.method = 'alipay' AND (t.order_id IS NOT p.order_id OR t.amount_fen <> p.amount_fen"
		  " OR p.trade_no IS NULL)" },
		{ "a refunded order has a refunded payment and is cancelled",
		  "SELECT count(*) FROM orders o WHERE o.pay_status = 'refunded' AND (o.status <> 'cancelled'"
		  " OR NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.status = 'refunded'))" },
		{ "completed orders carry the certificate's serial (hex) and expiry",
		  "SELECT count(*) FROM orders WHERE status IN ('shipped', 'ready', 'completed') AND (issued_serial IS NULL"
		  " OR issued_serial GLOB '*[^0-9A-F]*' OR issued_expires NOT GLOB '20[0-9][0-9]-[01][0-9]-[0-3][0-9]')" },
		{ "shipped orders carry carrier and tracking number",
		  "SELECT count(*) FROM orders WHERE status = 'shipped' AND (carrier IS NULL OR tracking_no IS NULL"
		  " OR delivery <> 'mail')" },
		{ "submitted orders have a transfer code, drafts an amount of nothing",
		  "SELECT count(*) FROM orders WHERE (submitted_ms IS NULL) <> (transfer_code IS NULL)"
		  " OR (submitted_ms IS NULL) <> (amount_fen IS NULL)" },
		{ NULL, NULL }
	};
	sqlite3_stmt *st;
	size_t i;
	int bad = 0, n = 0;

	const struct tinvariant *const lists[] = { tinvariants, rules };
	size_t l;

	for (l = 0; l < 2; l++)
		for (i = 0; lists[l][i].name; i++) {
			int64_t c = count(lists[l][i].sql);
			if (!ok(c == 0, lists[l][i].name))
				printf("# %lld orders break it\n", (long long)c);
		}
	st = db_prepare("SELECT subject, kind, project, years, cert_count, amount_fen FROM orders"
	    " WHERE amount_fen IS NOT NULL");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char *s = col(st, 0), *k = col(st, 1), *p = col(st, 2);
		n++;
		bad += price_amount(s, k, p, sqlite3_column_int(st, 3), sqlite3_column_int(st, 4))
		    != sqlite3_column_int64(st, 5);
		free(s);
		free(k);
		free(p);
	}
	if (st)
		sqlite3_reset(st);
	ok(n > 1000 && bad == 0, "every amount is the price table's");
	n = (int)count("SELECT count(*) FROM orders WHERE pay_status = 'paid' AND status <> 'cancelled'");
	i = (size_t)count("SELECT count(DISTINCT order_id) FROM invoices");
	ok(i * 100 >= (size_t)n * 15 && i * 100 <= (size_t)n * 35, "about a quarter of the paid orders ask for an invoice");
	printf("# payments: %lld transfers, %lld refunded, %lld duplicates; %lld invoice states\n",
	    (long long)count("SELECT count(*) FROM payments WHERE method = 'transfer'"),
	    (long long)count("SELECT count(*) FROM payments WHERE status = 'refunded'"),
	    (long long)count("SELECT count(*) FROM payments WHERE refund_cause IS NOT NULL"),
	    (long long)count("SELECT count(DISTINCT status) FROM invoices"));
	ok(count("SELECT count(*) FROM payments WHERE method = 'transfer'") > 0
	    && count("SELECT count(*) FROM payments WHERE status = 'refunded'") > 0
	    && count("SELECT count(*) FROM payments WHERE status = 'duplicate'") + count("SELECT count(*) FROM payments"
	    " WHERE refund_cause IS NOT NULL") > 0
	    && count("SELECT count(DISTINCT status) FROM invoices WHERE status IN ('issued', 'rejected')") == 2,
	    "transfers, refunds, duplicates, issued and rejected invoices occur");
}

static void check_orders_and_users(void)
{
	sqlite3_stmt *st = db_prepare("SELECT id, created_ms FROM orders");
	int64_t now = clock_now_ms();
	int bad = 0;

	while (st && sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0), ms;
		int worker, seq;
		char digits[24];

		snow_parts(id, &ms, &worker, &seq);
		snprintf(digits, sizeof(digits), "%lld", (long long)id);
		if (strlen(digits) != 19 || ms != sqlite3_column_int64(st, 1) || ms > now || ms < now - 3 * 366 * 86400000LL)
			bad++;
	}
	if (st)
		sqlite3_reset(st);
	ok(bad == 0, "order numbers are 19-digit Snowflake ids of their creation time, within the last three years");
	ok(count("SELECT count(*) FROM users") == 200 && count("SELECT count(*) FROM users WHERE pw_hash <> '"
	    SEED_PW_MARK "'") == 0, "200 applicants, all marked as seeded");
	ok(count("SELECT min(c) >= 1 AND max(c) <= 50 FROM (SELECT count(o.id) AS c FROM users u LEFT JOIN orders o"
	    " ON o.user_id = u.id GROUP BY u.id)") == 1, "each applicant has 1 to 50 orders");
	ok(count("SELECT count(*) FROM (SELECT user_id, lag(user_id) OVER (ORDER BY id) AS prev FROM orders)"
	    " WHERE user_id = prev") < 200, "an applicant's orders are scattered through the table");
	ok(count("SELECT count(*) FROM users u WHERE created_ms > (SELECT min(created_ms) FROM orders o"
	    " WHERE o.user_id = u.id)") == 0, "applicants registered before their first order");
	ok(count("SELECT count(DISTINCT subject) || count(DISTINCT kind) || count(DISTINCT project)"
	    " || count(DISTINCT delivery) FROM orders") == 2342, "both subjects, every kind, project and delivery");
	{
		char mobile[16] = "";
		int64_t id = 0;
		int locked = 0;
		st = db_prepare("SELECT mobile FROM users LIMIT 1");
		if (st && sqlite3_step(st) == SQLITE_ROW)
			db_col_text(st, 0, mobile, sizeof(mobile));
		if (st)
			sqlite3_reset(st);
		ok(valid_mobile(mobile) == NULL && acct_login(mobile, SEED_PW_MARK, &id, &locked) == 0,
		    "a seeded applicant cannot sign in, whatever the password");
	}
}

static void check_documents(void)
{
	sqlite3_stmt *st = db_prepare("SELECT DISTINCT path, sha256 FROM documents UNION"
	    " SELECT DISTINCT file_path, file_sha256 FROM invoices WHERE file_path IS NOT NULL");
	int files = 0, bad = 0;

	while (st && sqlite3_step(st) == SQLITE_ROW) {
		char rel[200], sha[65], path[600], got[65];
		db_col_text(st, 0, rel, sizeof(rel));
		db_col_text(st, 1, sha, sizeof(sha));
		snprintf(path, sizeof(path), "%s/uploads/%s", dir, rel);
		files++;
		if (crypto_sha256_file(path, got) != 0 || strcmp(got, sha) != 0)
			bad++;
	}
	if (st)
		sqlite3_reset(st);
	ok(files >= 3 && files <= 4 && bad == 0, "documents and issued invoices point at a few stored files, by content hash");
	ok(count("SELECT count(*) FROM orders o WHERE o.submitted_ms IS NOT NULL AND (SELECT count(*) FROM documents d"
	    " WHERE d.order_id = o.id AND d.current = 1) <> CASE o.subject WHEN 'enterprise' THEN 9 ELSE 4 END") == 0,
	    "every submitted order has each required document");
	ok(count("SELECT count(*) FROM documents WHERE current = 0") > 0, "corrected documents keep their earlier version");
	ok(count("SELECT count(*) FROM orders o WHERE o.rev > 1") > 0 && count("SELECT count(*) FROM orders o WHERE o.rev"
	    " <> 1 + (SELECT count(DISTINCT c.rev) FROM order_changes c WHERE c.order_id = o.id)") == 0
	    && count("SELECT count(*) FROM orders o WHERE o.rev > 1 AND NOT EXISTS (SELECT 1 FROM order_history h"
	    " WHERE h.order_id = o.id AND h.from_status = 'rejected' AND h.to_status = 'rejected' AND h.reason LIKE"
	    " '已修改：%')") == 0, "each correction raises the revision, names its items and is on the timeline");
}

/* Counts the staff search's matches of q (review_list's own count). */
static void count_match(void *ctx, const struct review_row *row)
{
	(void)row;
	(*(int *)ctx)++;
}

/* Seeded names are found by the staff search (its trigram index is rebuilt after the load). */
static void check_search(void)
{
	struct review_filter f;
	char org[128];
	int seen = 0, total;
	sqlite3_stmt *q = db_prepare("SELECT org_name FROM orders WHERE subject = 'enterprise' AND status <> 'draft'"
	    " ORDER BY id LIMIT 1");

	org[0] = '\0';
	if (q && sqlite3_step(q) == SQLITE_ROW)
		db_col_text(q, 0, org, sizeof(org));
	if (q)
		sqlite3_reset(q);
	memset(&f, 0, sizeof(f));
	f.q = org;
	total = review_list(&f, 0, 10, count_match, &seen);
	ok(org[0] && total >= 1 && seen >= 1, "a seeded organisation is found by the staff search by its name");
}

int main(void)
{
	struct seed_opts o;
	struct seed_stats st;
	int64_t user, before;
	char *print1, *print2;

	if (tsite_open(dir) != 0) {
		printf("1..0 # SKIP no temp site\n");
		return 0;
	}
	memset(&o, 0, sizeof(o));
	o.users = 200;
	o.orders = 2000;
	o.seed = 20261207;
	o.batch = 300;
	ok(seed_demo(&o, &st) == 0, "seed-demo 200 applicants, 2,000 orders");
	ok(st.users == 200 && st.orders == 2000 && st.history == count("SELECT count(*) FROM order_history")
	    && st.payments == count("SELECT count(*) FROM payments") && st.invoices == count("SELECT count(*) FROM invoices")
	    && st.documents == count("SELECT count(*) FROM documents"), "its counts are what it wrote");
	ok(count("PRAGMA synchronous") == 2, "the connection is back at synchronous=FULL");
	check_orders_and_users();
	check_identities();
	check_history();
	check_money();
	check_documents();
	check_search();
	print1 = fingerprint();

	o.users = 10;
	o.orders = 501;
	ok(seed_demo(&o, &st) == 2, "more than 50 orders an applicant is refused");
	o.orders = 9;
	ok(seed_demo(&o, &st) == 2, "fewer orders than applicants is refused");
	o.orders = 50;
	o.seed = 1;
	o.demo_password = "Demo2026pw";
	ok(seed_demo(&o, &st) == 0 && count("SELECT count(*) FROM orders") == 2050
	    && count("SELECT count(*) FROM users") == 210, "a seeded database takes more");
	{
		int64_t id = 0;
		int locked = 0;
		ok(st.demo_orders == 41 && acct_login(st.demo_mobile, "Demo2026pw", &id, &locked) == 1 && id == st.demo_user
		    && count("SELECT count(*) FROM users WHERE pw_hash <> '" SEED_PW_MARK "'") == 1,
		    "the demo applicant, the busiest, signs in with its password");
		ok(seed_has_real_orders() == 0, "and its orders still count as seeded");
	}
	ok(count("SELECT count(*) FROM staff") == 7, "the demo staff are added once");

	user = tsite_add_user("13912345678");
	tsite_add_order(user, "pending", "unpaid", 40000);
	before = count("SELECT count(*) FROM orders");
	ok(seed_has_real_orders() == 1, "an applicant's own order is real");
	ok(seed_demo(&o, &st) == 1 && count("SELECT count(*) FROM orders") == before
	    && count("SELECT count(*) FROM users") == 211, "seed-demo refuses a database with a real order, writing nothing");
	tsite_close(dir);

	if (tsite_open(dir2) != 0) {
		printf("# no second site\n");
		return 1;
	}
	o.users = 200;
	o.orders = 2000;
	o.seed = 20261207;
	o.demo_password = NULL;
	ok(seed_demo(&o, &st) == 0, "the same seed on a new site");
	print2 = fingerprint();
	ok(print1 && print2 && strlen(print1) > 10000 && strcmp(print1, print2) == 0,
	    "makes the same applicants and orders");
	free(print1);
	free(print2);
	tsite_close(dir2);
	return done_testing();
}
