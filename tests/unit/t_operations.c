/* tests/unit/t_operations.c: the library side of certdesk-admin's daily jobs and the retention purge: which expiry reminder is due, the renewal link, the digest's counts per role, the purge's cut-off, what it clears and keeps, the orders with money to refund it leaves, and the stored files it removes only once nothing kept names them and they are not fresh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tap.h"
#include "tsite.h"
#include "digest.h"
#include "doc.h"
#include "filestore.h"
#include "order.h"
#include "purge.h"
#include "reminder.h"
#include "role.h"
#include "staff.h"

static char dir[] = "/tmp/t_operations.XXXXXX";

#define DAY_MS 86400000LL

static void test_due(void)
{
	static const int table[][2] = { { 90, 0 }, { 61, 0 }, { 60, 60 }, { 59, 60 }, { 31, 60 }, { 30, 30 },
		{ 8, 30 }, { 7, 7 }, { 5, 7 }, { 0, 7 }, { -1, 0 } };
	char name[80], link[200];
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		snprintf(name, sizeof(name), "%d days before expiry: the %d-day reminder is due", table[i][0], table[i][1]);
		is_int(reminder_due(table[i][0]), table[i][1], name);
	}
	tsite_configure(dir, "Site.BaseURL = https://ca.example.cn/\n");
	ok(reminder_link(7000000000000000001LL, link, sizeof(link)) == 0, "the renewal link is made");
	is_str(link, "https://ca.example.cn/cgi-bin/renew.fcgi?prev_order=7000000000000000001",
	    "from Site.BaseURL (its slash dropped) and the order");
	ok(reminder_link(7000000000000000001LL, link, 20) == -1, "a link that does not fit is refused");
}

static void test_digest(int64_t user)
{
	int64_t staff = tsite_add_staff("shen", "reviewer"), order;
	char subject[256], body[4096];

	order = tsite_add_order(user, "pending", "unpaid", 40000);
	tsite_add_order(user, "pending", "unpaid", 40000);
	db_exec("UPDATE orders SET claimed_by = ? WHERE id = ?", "ii", staff, order);
	is_int(digest_compose("shen", ROLE_REVIEWER, staff, subject, sizeof(subject), body, sizeof(body)), 2,
	    "a reviewer's digest counts the two orders pending review");
	ok(strstr(body, "待审核业务单：2 件") && strstr(body, "其中由您认领、尚未审核：1 件")
	    && strstr(body, "https://ca.example.cn/cgi-bin/admin.fcgi?view=queue") && !strstr(body, "发票"),
	    "with the one they claimed and the queue's link, and nothing of finance");
	ok(strstr(subject, "2 项") != NULL, "its subject says how many wait");
	is_int(digest_compose("zhao", ROLE_PRODUCER, 0, subject, sizeof(subject), body, sizeof(body)), 0,
	    "a producer with nothing to produce has nothing to be told");
	is_int(digest_compose("shen", ROLE_REVIEWER, staff, subject, sizeof(subject), body, 100), -1,
	    "a digest that does not fit is refused");
	staff_set_email(staff, "shen@example.com");
	staff_set_email(tsite_add_staff("zhao", "producer"), "zhao@example.com");
	staff_set_email(tsite_add_staff("wang", "reviewer"), "wang@example.com");
	staff_set_disabled(db_int("SELECT id FROM staff WHERE login = 'wang'", 0, ""), 1);
	tsite_add_staff("qian", "reviewer");
	is_int(digest_run(NULL, NULL), 1, "digest_run queues one e-mail: not for a member with nothing waiting,"
	    " a disabled one or one without an address");
	is_int(db_int("SELECT count(*) FROM outbox WHERE kind = 'mail' AND recipient = 'shen@example.com'"
	    " AND body LIKE '%待审核业务单：2 件%'", 0, ""), 1, "the reviewer's, with the counts, in the outbox");
}

/* An order closed (completed or cancelled) at at_ms, with its history row. */
static int64_t closed(int64_t user, const char *status, const char *pay, int64_t at_ms)
{
	int64_t id = tsite_add_order(user, status, pay, 40000);

	db_exec("INSERT INTO order_history (order_id, at_ms, realm, from_status, to_status) VALUES (?, ?, 'staff', 'ready', ?)",
	    "iit", id, at_ms, status);
	db_exec("UPDATE orders SET legal_name = '张三', agent_name = '李四', agent_id_sealed = 'x', agent_id_index = 'y',"
	    " issued_serial = 'ABCDEF0123' WHERE id = ?", "i", id);
	return id;
}

/* A document of order in slot whose bytes are text (stored in the file store); its path into rel. */
static void add_doc(int64_t order, const char *slot, const char *text, char *rel, size_t size)
{
	char sha[65];

	filestore_put(text, strlen(text), NULL, "pdf", rel, size, sha);
	db_exec("INSERT INTO documents (order_id, slot, sha256, path, ctype, size, created_ms) VALUES (?, ?, ?, ?,"
	    " 'application/pdf', ?, 0)", "ittti", order, slot, sha, rel, (int64_t)strlen(text));
}

/* 1 when the stored file rel (under Data.Dir/uploads) exists. */
static int stored(const char *rel)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/uploads/%s", dir, rel);
	return access(path, F_OK) == 0;
}

static void counted(void *ctx, const struct purge_item *it)
{
	(void)it;
	(*(int *)ctx)++;
}

static void test_purge(int64_t user)
{
	int64_t now = clock_now_ms(), old = now - 3 * 365 * DAY_MS, done, refund, recent, cut = purge_cutoff(1);
	char own[200], shared[200], slip[200];
	struct purge_stats st;
	HDF *hdf;
	int seen = 0;

	is_int(purge_cutoff(0), -1, "no cut-off for 0 years");
	is_int(purge_cutoff(101), -1, "nor for more than 100");
	ok(cut < now - 364 * DAY_MS && cut > now - 367 * DAY_MS, "a year's cut-off is the start of that day a year ago");
	done = closed(user, "completed", "paid", old);
	refund = closed(user, "cancelled", "paid", old);
	recent = closed(user, "completed", "paid", now);
	db_exec("INSERT INTO payments (order_id, method, status, amount_fen, source, created_ms) VALUES (?, 'transfer',"
	    " 'received', 40000, 'claim', 0)", "i", refund);
	add_doc(done, "license", "a scan only this order has", own, sizeof(own));
	add_doc(done, "form", "a scan the recent order shares", shared, sizeof(shared));
	add_doc(recent, "form", "a scan the recent order shares", shared, sizeof(shared));
	add_doc(done, "transfer_slip", "the remittance slip", slip, sizeof(slip));
	order_search_rebuild();	/* the orders were written around order_save */

	ok(purge_run(cut, 1, counted, &seen, &st) == 0 && seen == 1 && st.orders == 1 && st.documents == 2
	    && st.refunds == 1 && st.files == 0, "a dry run finds the old completed order and its two scans,"
	    " leaving the one with money to refund");
	is_int(db_int("SELECT count(*) FROM orders WHERE purged_ms IS NULL AND agent_name = '李四'", 0, "")
	    + db_int("SELECT count(*) FROM documents WHERE purged_ms IS NULL", 0, ""), 3 + 4, "and changes nothing");
	ok(purge_run(cut, 0, NULL, NULL, &st) == 0 && st.orders == 1 && st.documents == 2 && st.refunds == 1,
	    "the purge takes that order");
	is_int(db_int("SELECT count(*) FROM orders WHERE id = ? AND purged_ms > 0 AND legal_name IS NULL AND agent_name IS NULL"
	    " AND agent_id_sealed IS NULL AND agent_id_index IS NULL AND agent_mobile IS NULL AND org_name IS NOT NULL"
	    " AND amount_fen = 40000 AND issued_serial = 'ABCDEF0123'", 0, "i", done), 1,
	    "clearing the persons' data, keeping the organisation, the amount and the certificate");
	is_int(db_int("SELECT count(*) FROM orders WHERE purged_ms IS NULL AND agent_name = '李四'", 0, ""), 2,
	    "the recent order and the one with money to refund keep theirs");
	is_int(db_int("SELECT count(*) FROM documents WHERE order_id = ? AND purged_ms IS NOT NULL", 0, "i", done), 2,
	    "its scans are marked purged");
	is_int(db_int("SELECT count(*) FROM documents WHERE slot = 'transfer_slip' AND purged_ms IS NULL", 0, ""), 1,
	    "the remittance slip stays with its payment");
	ok(stored(shared) && stored(slip), "a file a kept document names stays");
	ok(stored(own) && st.files == 0, "a fresh file stays too (an upload of the same bytes may be on its way)");
	is_int(db_int("SELECT count(*) FROM audit WHERE action = 'purge' AND order_id = ?", 0, "i", done), 1,
	    "the purge of the order is audited");
	tsite_move_clock(dir, 2 * 3600 * 1000LL);
	is_int(doc_remove_unused(own), 1, "once it is older, the file only purged documents named is removed");
	ok(!stored(own), "from the disk");
	is_int(doc_remove_unused(shared), 0, "one a kept document names is not");
	is_int(doc_remove_unused("../keys/master.key"), -1, "nor anything outside the store");
	ok(purge_run(cut, 0, NULL, NULL, &st) == 0 && st.orders == 0, "a rerun finds nothing more");
	hdf_init(&hdf);
	ok(purge_to_hdf(done, hdf, "Order.Purged") == 1 && strlen(hdf_get_value(hdf, "Order.Purged", "")) == 10,
	    "the order page learns the day it was purged");
	ok(purge_to_hdf(recent, hdf, "Other.Purged") == 0 && !hdf_get_value(hdf, "Other.Purged", NULL),
	    "and nothing of an order that was not");
	hdf_destroy(&hdf);
	tsite_move_clock(dir, 0);
}

int main(void)
{
	int64_t user;

	if (tsite_open(dir) != 0) {
		printf("Bail out! cannot make the site\n");
		return 1;
	}
#ifndef CERTDESK_TEST_CLOCK
	printf("1..0 # SKIP needs a --enable-test-clock build\n");
	return 0;
#endif
	user = tsite_add_user("13912345678");
	test_due();
	test_digest(user);
	test_purge(user);
	tsite_close(dir);
	return done_testing();
}
