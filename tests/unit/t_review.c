/* tests/unit/t_review.c: review through the order's life table: claims, approval and rejection on the revision seen (stale ones change nothing), roles, staff cancellation, and the SMS each queues to the agent or, on a personal order, the applicant. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "tsite.h"
#include "lifecycle.h"
#include "role.h"
#include "order.h"
#include "review.h"

static char dir[] = "/tmp/t_review.XXXXXX";

static int64_t rev_of(int64_t order)
{
	return db_int("SELECT rev FROM orders WHERE id = ?", -1, "i", order);
}

static const char *status_of(int64_t order)
{
	static char buf[16];
	struct order_row row;

	if (!order_get(order, 0, &row))
		return "";
	snprintf(buf, sizeof(buf), "%s", row.status);
	return buf;
}

static int64_t history(int64_t order)
{
	return db_int("SELECT count(*) FROM order_history WHERE order_id = ?", -1, "i", order);
}

static int64_t outbox(void)
{
	return db_int("SELECT count(*) FROM outbox", -1, "");
}

/* 1 when the newest outbox message goes to mobile and holds every one of the NULL-ended
 * texts. */
static int last_sms(const char *mobile, const char *const *texts)
{
	sqlite3_stmt *st = db_prepare("SELECT recipient, body FROM outbox ORDER BY id DESC LIMIT 1");
	int good = 0;

	if (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *to = (const char *)sqlite3_column_text(st, 0);
		const char *body = (const char *)sqlite3_column_text(st, 1);
		good = to && body && strcmp(to, mobile) == 0;
		for (; good && *texts; texts++)
			good = strstr(body, *texts) != NULL;
		if (!good)
			printf("# last SMS to %s: %s\n", to ? to : "-", body ? body : "-");
	}
	if (st)
		sqlite3_reset(st);
	return good;
}

static void test_claims(int64_t user, int64_t shen, int64_t wang, int64_t cai)
{
	int64_t o = tsite_add_order(user, "pending", "unpaid", 40000), rev = rev_of(o);
	int64_t h;

	is_int(review_claim(o, shen, 0, 0), REVIEW_OK, "claim: a reviewer claims a pending order");
	is_int(review_claim(o, shen, 0, 0), REVIEW_OK, "claim: claiming it again is harmless");
	is_int(review_claim(o, wang, 0, 0), REVIEW_CLAIMED, "claim: another reviewer cannot");
	h = history(o);
	is_int(review_approve(o, wang, "wang", rev), REVIEW_CLAIMED, "claim: nor approve it");
	is_int(review_reject(o, wang, "wang", rev, "x", NULL), REVIEW_CLAIMED, "claim: nor reject it");
	ok(strcmp(status_of(o), "pending") == 0 && history(o) == h, "claim: which changed nothing");
	is_int(review_claim(o, wang, 1, 0), REVIEW_CLAIMED, "claim: nor release another's claim");
	is_int(review_claim(o, wang, 1, 1), REVIEW_OK, "claim: an admin may");
	is_int(review_claim(o, cai, 0, 0), REVIEW_STATE, "claim: finance may not claim (the table's roles)");
	is_int(review_approve(o, cai, "cai", rev), REVIEW_STATE, "claim: nor approve");
	is_int(review_approve(o, wang, "wang", rev), REVIEW_OK, "approve: an unclaimed order is approved");
	is_int(db_int("SELECT claimed_by FROM orders WHERE id = ?", 0, "i", o), wang, "approve: and claimed by its reviewer");
	is_str(status_of(o), "approved", "approve: approved (unpaid)");
	ok(last_sms("13800138000", (const char *const[]){ "审核通过", "完成支付", NULL }),
	    "approve: the agent is told to pay");
	is_int(review_claim(o, shen, 0, 0), REVIEW_STATE, "claim: an approved order cannot be claimed");
	is_int(review_approve(o, wang, "wang", rev), REVIEW_STATE, "approve: a double approval is refused");
}

static void test_stale(int64_t user, int64_t shen)
{
	static const char *const changed[] = { "org_name", "license", NULL };
	int64_t o = tsite_add_order(user, "pending", "paid", 40000), rev = rev_of(o), h, n;

	is_int(order_changed(o, changed), ORDER_OK, "stale: the applicant changes the name and the licence");
	is_int(rev_of(o), rev + 1, "stale: one new revision");
	h = history(o);
	n = outbox();
	is_int(review_approve(o, shen, "shen", rev), REVIEW_STALE, "stale: approving the revision seen before");
	is_int(review_reject(o, shen, "shen", rev, "扫描件不清晰", "license"), REVIEW_STALE, "stale: rejecting it");
	ok(strcmp(status_of(o), "pending") == 0 && history(o) == h && outbox() == n,
	    "stale: status, history and outbox unchanged");
	is_int(db_int("SELECT count(*) FROM orders WHERE id = ? AND claimed_by IS NULL AND reviewed_by IS NULL", -1, "i", o),
	    1, "stale: neither claimed nor reviewed");
	is_int(review_approve(o, shen, "shen", rev + 1), REVIEW_OK, "stale: the current revision is approved");
	is_str(status_of(o), "producing", "approve: approved and paid is producing");
	ok(last_sms("13800138000", (const char *const[]){ "审核通过", "款项已到账", NULL }),
	    "approve: the SMS says the money arrived");
}

static void test_reject_personal(int64_t user, int64_t shen)
{
	int64_t o = tsite_add_order(user, "pending", "unpaid", 25000);

	db_exec("UPDATE orders SET subject = 'personal', org_name = NULL, agent_mobile = NULL, name = '王五',"
	    " mobile = '13900139000' WHERE id = ?", "i", o);
	is_int(review_reject(o, shen, "shen", rev_of(o), "身份证扫描件不清晰。", "id_front,name"), REVIEW_OK,
	    "reject: a personal order is rejected");
	is_str(status_of(o), "rejected", "reject: rejected");
	ok(last_sms("13900139000", (const char *const[]){ "原因：身份证扫描件不清晰；", "身份证 人像面", "申请人姓名", NULL }),
	    "reject: the applicant's own mobile is told the reason (trimmed) and the items");
	is_int(db_int("SELECT count(*) FROM order_history WHERE order_id = ? AND from_status = 'pending'"
	    " AND to_status = 'rejected' AND reason = '身份证扫描件不清晰。'", -1, "i", o), 1,
	    "reject: the history keeps the reason as written");
	is_int(review_reject(o, shen, "shen", rev_of(o), "x", NULL), REVIEW_STATE, "reject: not twice");
}

/* 1 when the life table lets a reviewer cancel an order in status. */
static int staff_may_cancel(const char *status)
{
	struct life_state st = { status, "unpaid", "pickup", 0 };

	return life_find("cancel", LIFE_STAFF, ROLE_REVIEWER, &st) != NULL;
}

static void test_cancel(int64_t user, int64_t shen, int64_t cai)
{
	int64_t o = tsite_add_order(user, "approved", "paid", 40000), done = tsite_add_order(user, "completed", "paid", 40000);
	int64_t draft = tsite_add_order(user, "draft", "unpaid", -1);

	ok(staff_may_cancel("pending") && staff_may_cancel("ready") && !staff_may_cancel("draft")
	    && !staff_may_cancel("completed") && !staff_may_cancel("cancelled"),
	    "cancel: cancellable as the table says");
	is_int(review_cancel(draft, shen, "shen", "重复申请"), REVIEW_NOT_FOUND, "cancel: staff do not see drafts");
	is_int(review_cancel(done, shen, "shen", "重复申请"), REVIEW_STATE, "cancel: a completed order stays");
	is_int(review_cancel(o, cai, "cai", "重复申请"), REVIEW_STATE, "cancel: finance may not cancel");
	is_int(review_cancel(o, shen, "shen", "重复申请。"), REVIEW_OK, "cancel: a reviewer cancels an approved order");
	is_str(status_of(o), "cancelled", "cancel: cancelled");
	ok(last_sms("13800138000", (const char *const[]){ "取消", "原因：重复申请。", NULL }),
	    "cancel: the agent is told why");
	is_int(review_cancel(o, shen, "shen", "重复申请"), REVIEW_STATE, "cancel: not twice");
}

int main(void)
{
	int64_t user, shen, wang, cai;

	if (tsite_open(dir) != 0) {
		printf("Bail out! cannot make the site\n");
		return 1;
	}
	user = tsite_add_user("13912345678");
	shen = tsite_add_staff("shen", "reviewer");
	wang = tsite_add_staff("wang", "reviewer");
	cai = tsite_add_staff("cai", "finance");
	test_claims(user, shen, wang, cai);
	test_stale(user, shen);
	test_reject_personal(user, shen);
	test_cancel(user, shen, cai);
	tsite_close(dir);
	return done_testing();
}
