/* tests/unit/t_lifecycle.c: TAP tests of the order's life table: every (status, pay status, delivery, certificate, action, actor) against an oracle written from SPEC §2 by hand — allowed: the expected status, its history rows, its SMS; refused: nothing changed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "tsite.h"
#include "cs.h"
#include "db.h"
#include "lifecycle.h"
#include "order.h"
#include "role.h"

static char dir[] = "/tmp/t_lifecycle.XXXXXX";

static const char *const statuses[] = { "draft", "pending", "rejected", "approved", "producing", "shipped",
	"ready", "completed", "cancelled", NULL };
static const char *const pays[] = { "unpaid", "claimed", "paid", "refunded", NULL };
static const char *const actions[] = { "save", "submit", "cancel", "pay", "receive", "invoice", "renew",
	"claim", "approve", "reject", "confirm_payment", "decline_payment", "refund", "settle", "produce",
	"ship", "ready", "complete", NULL };

/* The actors: the owner, another applicant, each staff role, the system. */
enum actor { OWNER, STRANGER, REVIEWER, FINANCE, PRODUCER, ADMIN, SYSTEM, ACTORS };
static const char *const actor_names[ACTORS] = { "owner", "stranger", "reviewer", "finance", "producer",
	"admin", "system" };
static int64_t owner, stranger, staff_id[ACTORS];

/* 1 when word is s. */
static int is(const char *s, const char *word)
{
	return strcmp(s, word) == 0;
}

/* 1 when s is one of the NULL-ended words. */
static int among(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (is(s, *words))
			return 1;
	return 0;
}

/* What SPEC §2 and §5 say, written apart from the table. */
struct expect {
	int outcome;		/* LIFE_OK, LIFE_NOT_FOUND or LIFE_REFUSED */
	const char *to;		/* the status after it (allowed) */
	int history;		/* history rows it adds */
	int sms;		/* SMS it queues */
};

/* The oracle for action by actor a on an order in status/pay, delivered by mail or not,
 * with or without its certificate recorded. */
static struct expect oracle(const char *action, enum actor a, const char *status, const char *pay, int mail,
    int cert)
{
	static const char *const editable[] = { "draft", "pending", "rejected", NULL };
	static const char *const open[] = { "pending", "rejected", "approved", "producing", "shipped", "ready", NULL };
	struct expect e = { LIFE_REFUSED, status, 0, 0 };
	int review = a == REVIEWER || a == ADMIN, finance = a == FINANCE || a == ADMIN;
	int produce = a == PRODUCER || a == ADMIN, user = a == OWNER;
	const char *to = NULL;
	int allowed = 0, sms = 0;

	if (a == STRANGER || (a != OWNER && is(status, "draft")))
		return (struct expect){ LIFE_NOT_FOUND, status, 0, 0 };
	if (is(action, "save"))
		allowed = user && among(status, editable);
	else if (is(action, "submit"))
		allowed = user && among(status, editable), to = "pending";
	else if (is(action, "cancel") && user)
		allowed = among(status, editable) && is(pay, "unpaid"), to = "cancelled";
	else if (is(action, "cancel"))
		allowed = review && among(status, open), to = "cancelled", sms = 1;
	else if (is(action, "pay"))
		allowed = user && (is(status, "pending") || is(status, "approved"))
		    && (is(pay, "unpaid") || is(pay, "claimed"));
	else if (is(action, "receive"))
		allowed = user && is(status, "shipped"), to = "completed";
	else if (is(action, "invoice"))
		allowed = user && !is(status, "cancelled") && !is(status, "draft") && is(pay, "paid");
	else if (is(action, "renew"))
		allowed = user && is(status, "completed") && cert;
	else if (is(action, "claim"))
		allowed = review && is(status, "pending");
	else if (is(action, "approve"))
		allowed = review && is(status, "pending"), to = "approved", sms = 1;
	else if (is(action, "reject"))
		allowed = review && is(status, "pending"), to = "rejected", sms = 1;
	else if (is(action, "confirm_payment") || is(action, "decline_payment") || is(action, "refund"))
		allowed = finance, sms = 1;
	else if (is(action, "settle"))
		allowed = a == SYSTEM && is(status, "approved") && is(pay, "paid"), to = "producing";
	else if (is(action, "produce"))
		allowed = produce && is(status, "producing") && is(pay, "paid");
	else if (is(action, "ship"))
		allowed = produce && is(status, "producing") && is(pay, "paid") && mail && cert, to = "shipped", sms = 1;
	else if (is(action, "ready"))
		allowed = produce && is(status, "producing") && is(pay, "paid") && !mail && cert, to = "ready", sms = 1;
	else if (is(action, "complete"))
		allowed = produce && (is(status, "shipped") || is(status, "ready")), to = "completed";
	if (!allowed)
		return e;
	e.outcome = LIFE_OK;
	e.sms = sms;
	if (to && !is(to, status)) {
		e.to = to;
		e.history = 1;
	} else if (is(action, "produce") || (is(action, "save") && !is(status, "draft"))) {
		e.history = 1;	/* the timeline's note: 证书已制作, 已修改 */
	}
	if (is(e.to, "approved") && is(pay, "paid")) {
		e.to = "producing";	/* approved and paid, in whichever order: the system settles */
		e.history++;
	}
	return e;
}

/* Inserts an order of owner in the given state (inside the caller's transaction). */
static int64_t make_order(const char *status, const char *pay, int mail, int cert)
{
	static int64_t next = 7100000000000000001LL;
	int64_t id = next++, now = clock_now_ms();

	if (db_exec("INSERT INTO orders (id, user_id, subject, kind, project, years, status, pay_status, amount_fen,"
	    " delivery, org_name, agent_mobile, issued_serial, created_ms, updated_ms, submitted_ms) VALUES"
	    " (?, ?, 'enterprise', 'new', 'both', 1, ?, ?, 65000, ?, '测试单位', '13800138000', ?, ?, ?, ?)",
	    "iittttiii", id, owner, status, pay, mail ? "mail" : "pickup", cert ? "0A1B2C3D4E5F" : NULL, now,
	    now, now) != 1)
		return 0;
	return id;
}

static int64_t count_rows(const char *sql, int64_t order)
{
	return db_int(sql, -1, "i", order);
}

/* Text of one column of the order into out. */
static void order_text(const char *sql, int64_t order, char *out, size_t size)
{
	sqlite3_stmt *st = db_prepare(sql);

	out[0] = '\0';
	if (st && db_bindv(st, "i", order) == 0 && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
}

/* Runs one case in a transaction rolled back afterwards; returns 1 when it behaved as the
 * oracle says (printing why not, for the first few failures). */
static int run_case(const char *action, enum actor a, const char *status, const char *pay, int mail, int cert)
{
	static int reported;
	struct expect e = oracle(action, a, status, pay, mail, cert);
	struct life_actor who = { LIFE_SYSTEM, 0, "测试" };
	enum life_result got;
	int64_t order, hist0, sms0, hist1, sms1;
	char now_status[16], now_pay[16];
	int good;

	if (db_begin() != 0)
		return 0;
	order = make_order(status, pay, mail, cert);
	hist0 = count_rows("SELECT count(*) FROM order_history WHERE order_id = ?", order);
	sms0 = count_rows("SELECT count(*) FROM outbox WHERE kind = 'sms' AND ? > 0", order);
	if (a == OWNER || a == STRANGER)
		who = (struct life_actor){ LIFE_USER, a == OWNER ? owner : stranger, NULL };
	else if (a != SYSTEM)
		who = (struct life_actor){ LIFE_STAFF, staff_id[a], NULL };
	got = life_apply(order, action, &who, "理由", NULL, NULL);
	order_text("SELECT status FROM orders WHERE id = ?", order, now_status, sizeof(now_status));
	order_text("SELECT pay_status FROM orders WHERE id = ?", order, now_pay, sizeof(now_pay));
	hist1 = count_rows("SELECT count(*) FROM order_history WHERE order_id = ?", order);
	sms1 = count_rows("SELECT count(*) FROM outbox WHERE kind = 'sms' AND ? > 0", order);
	db_rollback();
	good = (int)got == e.outcome && strcmp(now_status, e.to) == 0 && strcmp(now_pay, pay) == 0
	    && hist1 - hist0 == e.history && sms1 - sms0 == e.sms;
	if (!good && reported++ < 20)
		printf("# %s by %s on %s/%s %s%s: got %d %s h+%lld s+%lld, want %d %s h+%d s+%d\n", action,
		    actor_names[a], status, pay, mail ? "mail" : "pickup", cert ? " cert" : "", (int)got, now_status,
		    (long long)(hist1 - hist0), (long long)(sms1 - sms0), e.outcome, e.to, e.history, e.sms);
	return good;
}

/* Every case of one action: prints one TAP line per actor. */
static void check_action(const char *action)
{
	char name[128];
	int a, s, p, mail, cert, cases, bad;

	for (a = 0; a < ACTORS; a++) {
		cases = bad = 0;
		for (s = 0; statuses[s]; s++)
			for (p = 0; pays[p]; p++)
				for (mail = 0; mail < 2; mail++)
					for (cert = 0; cert < 2; cert++, cases++)
						bad += !run_case(action, (enum actor)a, statuses[s], pays[p], mail, cert);
		snprintf(name, sizeof(name), "%s by %s: %d cases as SPEC says", action, actor_names[a], cases);
		is_int(bad, 0, name);
	}
}

/* The flags a page gets are the table's answers. */
static void check_flags(void)
{
	struct life_state s = { "producing", "paid", "mail", 1 };
	HDF *hdf = NULL;

	if (hdf_init(&hdf) != STATUS_OK) {
		ok(0, "hdf_init");
		return;
	}
	life_flags(hdf, "Order", LIFE_STAFF, ROLE_PRODUCER, &s);
	ok(hdf_get_value(hdf, "Order.CanShip", NULL) && hdf_get_value(hdf, "Order.CanProduce", NULL),
	    "a producer may ship and produce a paid mail order in production");
	ok(!hdf_get_value(hdf, "Order.CanReady", NULL) && !hdf_get_value(hdf, "Order.CanApprove", NULL)
	    && !hdf_get_value(hdf, "Order.CanRefund", NULL), "...and nothing else");
	hdf_destroy(&hdf);
	hdf_init(&hdf);
	s = (struct life_state){ "pending", "unpaid", "pickup", 0 };
	life_flags(hdf, "Order", LIFE_STAFF, ROLE_FINANCE, &s);
	ok(!hdf_get_value(hdf, "Order.CanApprove", NULL) && hdf_get_value(hdf, "Order.CanConfirmPayment", NULL),
	    "finance gets CanConfirmPayment, not CanApprove");
	hdf_destroy(&hdf);
	ok(life_find("approve", LIFE_USER, 0, &s) == NULL, "an applicant never approves");
	s = (struct life_state){ "approved", "paid", "pickup", 0 };
	is_str(life_find("settle", LIFE_SYSTEM, 0, &s) ? life_find("settle", LIFE_SYSTEM, 0, &s)->to : NULL,
	    "producing", "approved and paid settles to producing");
}

int main(void)
{
	size_t i;

	if (tsite_open(dir) != 0) {
		printf("Bail out! cannot make the test site\n");
		return 1;
	}
	owner = tsite_add_user("13900139000");
	stranger = tsite_add_user("13900139001");
	staff_id[REVIEWER] = tsite_add_staff("reviewer1", "reviewer");
	staff_id[FINANCE] = tsite_add_staff("finance1", "finance");
	staff_id[PRODUCER] = tsite_add_staff("producer1", "producer");
	staff_id[ADMIN] = tsite_add_staff("admin1", "admin");
	ok(owner && stranger && staff_id[REVIEWER] && staff_id[ADMIN], "the site has applicants and staff");
	for (i = 0; actions[i]; i++)
		check_action(actions[i]);
	for (i = 0; life_table[i].action; i++)
		if (!among(life_table[i].action, actions))
			ok(0, "every action of the table is covered by this test");
	check_flags();
	tsite_close(dir);
	return done_testing();
}
