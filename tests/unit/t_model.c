/* tests/unit/t_model.c: model-based randomized test of the order's life and its money: seeded random steps of applicants, Alipay (late, repeated and stale notifications, wrong amounts) and staff through the library, with SECURITY.md 29's invariants checked against the database after every step. T_MODEL_SEED and T_MODEL_STEPS (default 10000) choose the run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tap.h"
#include "tfake.h"
#include "tsite.h"
#include "tnotify.h"
#include "tinvariants.h"
#include "db.h"
#include "delivery.h"
#include "doc.h"
#include "invoice.h"
#include "order.h"
#include "payment.h"
#include "review.h"

#define USERS 3
#define ORDERS_MAX 150
#define IDS 40			/* ID numbers the applicants choose from: conflicts happen */

static char dir[] = "/tmp/t_model.XXXXXX";
static struct tfake gw;
static uint64_t rng;
static int64_t users[USERS], titles[USERS], reviewer, finance, producer;
static int64_t orders[ORDERS_MAX];
static int64_t seen_rev[ORDERS_MAX];	/* the revision the reviewer last looked at (0: never) */
static int model_broken;		/* a step answered otherwise than the model expects */
static int norders;
static char ids[IDS][19];
static char png_path[600], pdf_path[600];

/* The next pseudo-random number (xorshift64*): the run is reproducible from its seed. */
static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

/* A pseudo-random integer in [0, n). */
static int pick(int n)
{
	return (int)(next() % (uint64_t)n);
}

/* Makes a resident ID number (GB 11643) with sequence seq into out[19]. */
static void make_id(int seq, char out[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int i, sum = 0;

	snprintf(out, 19, "35010219900101%03d", seq % 1000);
	for (i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = check[sum % 11];
	out[18] = '\0';
}

/* The form getter: a NULL-ended name/value list. */
static const char *get(void *ctx, const char *name)
{
	const char *const *p;

	for (p = ctx; p[0]; p += 2)
		if (strcmp(p[0], name) == 0)
			return p[1] && *p[1] ? p[1] : NULL;
	return NULL;
}

/* Saves order *id (0: a new draft) of user u with random values that decide the amount. */
static enum order_result save(int u, int64_t *id)
{
	static const char *const projects[] = { "bidding", "procurement", "both", "other" };
	char years[2] = { (char)('1' + pick(5)), '\0' };
	int mail = pick(2);
	const char *form[] = { "project", projects[pick(4)], "years", years, "delivery", mail ? "mail" : "pickup",
		"mail_name", mail ? "张三" : NULL, "mail_mobile", mail ? "13900139000" : NULL,
		"mail_address", mail ? "福建省福州市鼓楼区五四路1号" : NULL, "agree", "1", "consent", "1",
		"name", "张三", "id_no", ids[pick(IDS)], "mobile", "13900139000", "email", "zs@example.cn",
		"address", "福建省福州市鼓楼区五四路1号", NULL, NULL };
	int64_t other;

	return order_save(users[u], id, "personal", "new", get, (void *)form, &other);
}

/* Stores the documents a personal order needs (tiny but valid files). */
static void store_docs(int64_t order)
{
	static const char *const slots[] = { "id_front", "id_back", "agreement", "form", NULL };
	struct doc_info info;
	const char *err;
	size_t i;

	for (i = 0; slots[i]; i++) {
		FILE *f = fopen(strcmp(slots[i], "agreement") == 0 ? pdf_path : png_path, "rb");
		if (!f || doc_sniff(f, &info) != 0 || doc_store(order, doc_slot(slots[i]), f, &info, NULL, &err) != 0)
			printf("# could not store %s of %lld\n", slots[i], (long long)order);
		if (f)
			fclose(f);
	}
}

/* The owner's index of order (the user list position), or -1. */
static int owner_of(int64_t order)
{
	int64_t user = db_int("SELECT user_id FROM orders WHERE id = ?", 0, "i", order);
	int u;

	for (u = 0; u < USERS; u++)
		if (users[u] == user)
			return u;
	return -1;
}

/* A trade into out[40] with its amount: mostly an open one (a buyer scanning the code the
 * page shows), else any trade ever made (late, stale, closed); 0 when none. */
static int any_trade(char out[40], int64_t *fen)
{
	int open = pick(4) != 0;
	int64_t n = db_int("SELECT count(*) FROM alipay_trades WHERE ?1 = 0 OR state = 'open'", 0, "i",
	    (int64_t)open);
	sqlite3_stmt *st;
	int found = 0;

	if (n <= 0)
		return 0;
	st = db_prepare("SELECT out_trade_no, amount_fen FROM alipay_trades WHERE ?1 = 0 OR state = 'open'"
	    " ORDER BY created_ms, out_trade_no LIMIT 1 OFFSET ?2");
	if (st && db_bindv(st, "ii", (int64_t)open, (int64_t)pick((int)n)) == 0 && sqlite3_step(st) == SQLITE_ROW) {
		snprintf(out, 40, "%s", (const char *)sqlite3_column_text(st, 0));
		*fen = sqlite3_column_int64(st, 1);
		found = 1;
	}
	if (st)
		sqlite3_reset(st);
	return found;
}

/* Money Alipay sent that the platform must account for: signed TRADE_SUCCESS notifications. */
static char paid_trades[4096][40];
static int npaid;

/* Alipay notifies a payment of a random trade: its amount, sometimes a wrong one, sometimes
 * a second time. */
static void alipay_pays(void)
{
	char trade[40], amount[24], trade_no[48];
	const char *verdict;
	struct tnotify n;
	int64_t fen;
	char *body;

	if (!any_trade(trade, &fen))
		return;
	if (pick(10) == 0)
		fen += 100 * (1 + pick(5));
	snprintf(amount, sizeof(amount), "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
	snprintf(trade_no, sizeof(trade_no), "2026%s", trade);
	n = (struct tnotify){ trade, trade_no, pick(8) ? "TRADE_SUCCESS" : "TRADE_CLOSED", amount, NULL, NULL };
	body = tnotify_body(&n, 0, NULL, NULL, NULL);
	if (!body)
		return;
	if (!payment_notify(body, strlen(body), "127.0.0.1", &verdict) || getenv("T_MODEL_VERBOSE"))
		printf("# %s %s %s: %s\n", trade, n.status, amount, verdict);
	if (strcmp(n.status, "TRADE_SUCCESS") == 0 && npaid < 4096)
		snprintf(paid_trades[npaid++], 40, "%s", trade);
	free(body);
}

/* The date of today in Beijing, YYYY-MM-DD, into out[11]. */
static void today(char out[11])
{
	time_t t = (time_t)(clock_now_ms() / 1000) + 8 * 3600;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* A random applicant starts a new draft with its documents. */
static void new_draft(void)
{
	int64_t id = 0;
	int u = pick(USERS);

	if (norders < ORDERS_MAX && save(u, &id) == ORDER_OK) {
		store_docs(id);
		orders[norders++] = id;
	}
}

/* The orders still in their life (not completed or cancelled). */
#define LIVE_COUNT "SELECT count(*) FROM orders WHERE status NOT IN ('completed', 'cancelled')"

/* A random order, mostly one still in its life (0 when there is none). */
static int64_t live_order(void)
{
	int64_t order = 0;
	int tries;

	for (tries = 0; norders && tries < 4; tries++) {
		order = orders[pick(norders)];
		if (db_int("SELECT count(*) FROM orders WHERE id = ? AND status NOT IN ('completed', 'cancelled')", 0,
		    "i", order))
			break;
	}
	return order;
}

/* The count of rows of sql (no parameters). */
static int64_t count(const char *sql)
{
	return db_int(sql, -1, "");
}

/* The reviewer decides on order (approve, else reject) as of the revision they last looked
 * at, or looks at it first (half the time, or when never seen). The model: a decision on a
 * revision the applicant has changed since is refused (REVIEW_STALE, or another refusal
 * when the order is no longer pending) and changes nothing; one on the current revision is
 * never called stale. */
static void decide(int64_t order, int approve)
{
	int i, at = -1;
	int64_t rev = db_int("SELECT rev FROM orders WHERE id = ?", 0, "i", order), before;
	enum review_result rc;

	for (i = 0; i < norders; i++)
		if (orders[i] == order)
			at = i;
	if (at < 0)
		return;
	if (!seen_rev[at] || pick(2)) {
		seen_rev[at] = rev;
		return;
	}
	before = db_int("SELECT count(*) FROM order_history WHERE order_id = ?", 0, "i", order);
	rc = approve ? review_approve(order, reviewer, "reviewer1", seen_rev[at])
	    : review_reject(order, reviewer, "reviewer1", seen_rev[at], "材料不清晰", "id_front");
	if (seen_rev[at] != rev && (rc == REVIEW_OK
	    || db_int("SELECT count(*) FROM order_history WHERE order_id = ?", 0, "i", order) != before)) {
		printf("# order %lld: a decision on revision %lld of %lld answered %d\n", (long long)order,
		    (long long)seen_rev[at], (long long)rev, (int)rc);
		model_broken = 1;
	}
	if (seen_rev[at] == rev && rc == REVIEW_STALE) {
		printf("# order %lld: a decision on the current revision %lld was called stale\n", (long long)order,
		    (long long)rev);
		model_broken = 1;
	}
}

/* One random step; its name into what. */
static void step(const char **what)
{
	int64_t order = live_order(), inv;
	int u = order ? owner_of(order) : 0, paid, live = (int)count(LIVE_COUNT);
	struct payment_trade t;
	char day[11];

	switch (live < 5 && pick(2) ? 0 : pick(22)) {
	case 0:
		*what = "new draft";
		new_draft();
		break;
	case 1:
		*what = "edit";
		if (order)
			save(u, &order);
		break;
	case 2:
	case 3:
		*what = "submit";
		if (order) {
			enum order_result r = order_submit(users[u], order);
			if (getenv("T_MODEL_VERBOSE"))
				printf("# submit %lld: %d\n", (long long)order, (int)r);
		}
		break;
	case 4:
		*what = "applicant cancels";
		if (order && pick(6) == 0)
			order_cancel(users[u], order);
		break;
	case 5:
		*what = "payment page";
		if (order)
			payment_trade(order, users[u], &t);
		break;
	case 6:
	case 7:
		*what = "Alipay notifies";
		alipay_pays();
		break;
	case 8:
		*what = "transfer claimed";
		today(day);
		if (order)
			payment_transfer_claim(order, users[u], "福州某某公司", day, 0);
		break;
	case 9:
		*what = "finance confirms";
		if (order)
			payment_confirm(order, finance, "finance1");
		break;
	case 10:
		*what = "finance declines";
		if (order)
			payment_decline(order, finance, "finance1", "未查到该笔转账");
		break;
	case 11:
		*what = "finance refunds";
		if (order)
			payment_refund(order, finance, "finance1", "原路退回");
		break;
	case 12:
		*what = "reviewer approves the revision seen";
		if (order)
			decide(order, 1);
		break;
	case 13:
		*what = "reviewer rejects the revision seen";
		if (order)
			decide(order, 0);
		break;
	case 14:
		*what = "staff cancels";
		if (order && pick(6) == 0)
			review_cancel(order, reviewer, "reviewer1", "申请人要求取消");
		break;

	case 17:
		*what = "producer records the certificate";
		today(day);
		day[3] = (char)(day[3] + 2);	/* two years on (until 2097) */
		if (order)
			delivery_produce(order, producer, "0A1B2C3D4E5F6071", day);
		break;
	case 18:
		*what = "producer ships";
		if (order)
			delivery_ship(order, producer, "sf", "SF1234567890");
		break;
	case 19:
		*what = "producer makes it ready";
		if (order)
			delivery_ready(order, producer);
		break;
	case 20:
		*what = "producer completes";
		if (order)
			delivery_complete(order, producer);
		break;
	case 21:
		*what = "applicant confirms receipt";
		if (order)
			delivery_receive(order, users[u]);
		break;
	default:
		*what = "invoice request or check";
		if (order && pick(2))
			invoice_request(users[u], order, "normal", titles[u], &inv);
		else if (order)
			payment_alipay_check(order, users[u], 0, &paid);
		break;
	}
}


/* Checks SECURITY.md 29, the life's consistency and the model's expectations; prints each
 * broken rule the first time and returns 0 when one is broken now. */
static int invariants(const char *what, int n)
{
	/* Beyond the shared invariants: the model's own. */
	static const struct tinvariant own[] = {
		{ "an Alipay payment applied was made on a trade for the order's amount",
		  "SELECT count(*) FROM payments p JOIN alipay_trades t ON t.out_trade_no = p.out_trade_no"
		  " JOIN orders o ON o.id = p.order_id WHERE p.status = 'received' AND t.amount_fen <> o.amount_fen" },
		{ "every signed payment notification is recorded as money",
		  "SELECT count(*) FROM alipay_notifications n WHERE n.trade_status IN ('TRADE_SUCCESS', 'TRADE_FINISHED')"
		  " AND n.verdict NOT IN ('bad_signature', 'wrong_app', 'wrong_seller', 'unknown_trade', 'error')"
		  " AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.out_trade_no = n.out_trade_no)" },
		{ NULL, NULL }
	};
	const struct tinvariant *const lists[] = { tinvariants, own };
	static unsigned reported;	/* the rules already reported (each once) */
	size_t i, l, bit;
	int k, good = !model_broken;

	for (l = 0, bit = 0; l < 2; l++)
		for (i = 0; lists[l][i].name; i++, bit++) {
			int64_t bad = count(lists[l][i].sql);
			if (bad != 0 && !(reported & (1u << bit)))
				printf("# step %d (%s): %s: %lld violations\n", n, what, lists[l][i].name, (long long)bad);
			if (bad != 0) {
				reported |= 1u << bit;
				good = 0;
			}
		}
	for (k = 0; k < npaid; k++)
		if (db_int("SELECT count(*) FROM payments WHERE out_trade_no = ?", 0, "t", paid_trades[k]) != 1) {
			if (!(reported & (1u << 31)))
				printf("# step %d (%s): Alipay's money for %s is not recorded\n", n, what, paid_trades[k]);
			reported |= 1u << 31;
			return 0;
		}
	return good;
}

/* Writes the small files the documents are made of. */
static int write_files(void)
{
	static const unsigned char png[] = "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
	    "\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41"
	    "\x54\x78\xda\x63\x64\x60\xf8\x5f\x0f\x00\x02\x87\x01\x80\xeb\x47\xba\x92\x00\x00\x00\x00\x49\x45"
	    "\x4e\x44\xae\x42\x60\x82";
	static const char pdf[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
	FILE *f;

	snprintf(png_path, sizeof(png_path), "%s/tiny.png", dir);
	snprintf(pdf_path, sizeof(pdf_path), "%s/tiny.pdf", dir);
	f = fopen(png_path, "wb");
	if (!f || fwrite(png, 1, sizeof(png) - 1, f) != sizeof(png) - 1 || fclose(f) != 0)
		return -1;
	f = fopen(pdf_path, "wb");
	if (!f || fwrite(pdf, 1, sizeof(pdf) - 1, f) != sizeof(pdf) - 1 || fclose(f) != 0)
		return -1;
	return 0;
}

/* Sets up the site: Alipay through the fake gateway, applicants with a title, staff. */
static int setup(void)
{
	char extra[2048], key[600], errf[600], mobile[24], cmd[1400];
	const char *opts[] = { NULL };
	const char *title[] = { "kind", "personal", "name", "张三", "email", "zs@example.cn", NULL, NULL };
	int u;

	if (tsite_open(dir) != 0 || write_files() != 0)
		return -1;
	snprintf(key, sizeof(key), "%s/keys/app_private.pem", dir);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", tsite_key("app_private.pem"), key);
	snprintf(errf, sizeof(errf), "%s/alipay-fake.err", dir);
	if (system(cmd) != 0 || tfake_start(&gw, "alipay_gateway.py", opts, errf) != 0)
		return -1;
	snprintf(extra, sizeof(extra), "Alipay.Gateway = http://127.0.0.1:%d/gateway.do\nAlipay.AppId = %s\n"
	    "Alipay.SellerId = %s\nAlipay.PrivateKeyFile = keys/app_private.pem\nAlipay.PublicKeyFile = %s\n"
	    "Alipay.NotifyURL = http://127.0.0.1:9/cgi-bin/pay.fcgi/alipay/notify\n", gw.port, TNOTIFY_APP_ID,
	    TNOTIFY_SELLER_ID, tsite_key("alipay_public.pem"));
	if (tsite_configure(dir, extra) != 0)
		return -1;
	/* Durability is tested elsewhere; here thousands of steps need not each wait for the disk. */
	db_exec("PRAGMA synchronous = OFF", "");
	for (u = 0; u < USERS; u++) {
		snprintf(mobile, sizeof(mobile), "1390013900%d", u);
		users[u] = tsite_add_user(mobile);
		if (!users[u] || invoice_title_save(users[u], &titles[u], get, (void *)title, 1) != INVOICE_OK)
			return -1;
	}
	for (u = 0; u < IDS; u++)
		make_id(u + 1, ids[u]);
	reviewer = tsite_add_staff("reviewer1", "reviewer");
	finance = tsite_add_staff("finance1", "finance");
	producer = tsite_add_staff("producer1", "producer");
	return reviewer && finance && producer ? 0 : -1;
}

int main(void)
{
	const char *seed = getenv("T_MODEL_SEED"), *steps_env = getenv("T_MODEL_STEPS");
	int steps = steps_env ? atoi(steps_env) : 10000, n, good = 1;
	const char *what = "start";
	char name[160];

	rng = seed ? strtoull(seed, NULL, 10) : 20261207ULL;
	if (rng == 0)
		rng = 1;
	if (setup() != 0) {
		printf("Bail out! cannot set up the site and the Alipay fake\n");
		tfake_stop(&gw);
		return 1;
	}
	printf("# seed %llu, %d steps\n", (unsigned long long)rng, steps);
	for (n = 1; n <= steps && (good || getenv("T_MODEL_GO_ON")); n++) {
		step(&what);
		good &= invariants(what, n);
	}
	snprintf(name, sizeof(name), "SECURITY.md 29 holds after each of %d random steps", steps);
	ok(good, name);
	/* Whether the run went everywhere is judged on full runs only (valgrind's is shorter). */
	if (steps >= 5000)
		ok(count("SELECT count(*) FROM orders WHERE status = 'completed'") > 0
		    && count("SELECT count(*) FROM payments WHERE status = 'duplicate'") > 0
		    && count("SELECT count(*) FROM invoices") > 0, "the run reached completed orders, money to refund and invoices");
	else
		ok(1, "the run's reach # SKIP judged from 5,000 steps on");
	printf("# orders by status:");
	{
		sqlite3_stmt *st = db_prepare("SELECT status, count(*) FROM orders GROUP BY status UNION ALL"
		    " SELECT 'ever ' || to_status, count(DISTINCT order_id) FROM order_history GROUP BY to_status UNION ALL"
		    " SELECT 'payments ' || status, count(*) FROM payments GROUP BY status");
		while (st && sqlite3_step(st) == SQLITE_ROW)
			printf(" %s=%d", (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1));
		if (st)
			sqlite3_reset(st);
	}
	printf("\n");
	tfake_stop(&gw);
	tsite_close(dir);
	return done_testing();
}
