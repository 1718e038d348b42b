/* lib/digest.c: the staff digest: the counts of the work queues a role handles (the same lists the staff page shows, each from an index), written as a plain-text e-mail per member and queued in the outbox. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "digest.h"
#include "cfg.h"
#include "clock.h"
#include "db.h"
#include "delivery.h"
#include "invoice.h"
#include "log.h"
#include "outbox.h"
#include "payment.h"
#include "review.h"
#include "role.h"
#include "staff.h"

/* The list callbacks when only the totals are wanted. */
static void no_review(void *ctx, const struct review_row *row) { (void)ctx; (void)row; }
static void no_payment(void *ctx, const struct payment_row *p) { (void)ctx; (void)p; }
static void no_invoice(void *ctx, const struct invoice_row *inv) { (void)ctx; (void)inv; }
static void no_delivery(void *ctx, const struct delivery_row *row) { (void)ctx; (void)row; }

/* One queue of the digest: who handles it, its label and unit, where the staff page lists it. */
enum queue { Q_PENDING, Q_CLAIMED, Q_CLAIMS, Q_REFUNDS, Q_INVOICES, Q_PRODUCING, Q_SHIPPED, Q_READY };
static const struct {
	enum queue q;
	int role;
	const char *label, *unit, *query;
} queues[] = {
	{ Q_PENDING,   ROLE_REVIEWER, "待审核业务单",         "件", "view=queue" },
	{ Q_CLAIMED,   ROLE_REVIEWER, "其中由您认领、尚未审核", "件", "view=queue" },
	{ Q_CLAIMS,    ROLE_FINANCE,  "待确认的对公转账",      "笔", "view=payments" },
	{ Q_REFUNDS,   ROLE_FINANCE,  "待退款",               "笔", "view=payments" },
	{ Q_INVOICES,  ROLE_FINANCE,  "待开具的发票",          "张", "view=invoices" },
	{ Q_PRODUCING, ROLE_PRODUCER, "待制证 / 待投递",       "件", "view=production" },
	{ Q_SHIPPED,   ROLE_PRODUCER, "已寄出（待签收）",       "件", "view=production&status=shipped" },
	{ Q_READY,     ROLE_PRODUCER, "待领取",               "件", "view=production&status=ready" },
};

/* The count of queue q (for staff member staff), capped at 1001 as the lists are; -1 on error. */
static int count(enum queue q, int64_t staff)
{
	struct review_filter f;

	switch (q) {
	case Q_PENDING:
		memset(&f, 0, sizeof(f));
		f.status = "pending";
		return review_list(&f, 0, 0, no_review, NULL);
	case Q_CLAIMED:
		return (int)db_int("SELECT count(*) FROM (SELECT 1 FROM orders WHERE status = 'pending' AND claimed_by = ?"
		    " LIMIT 1001)", -1, "i", staff);
	case Q_CLAIMS:
		return payment_list("claimed", 0, 0, no_payment, NULL);
	case Q_REFUNDS:
		return payment_list_to_refund(0, 0, no_payment, NULL);
	case Q_INVOICES:
		return invoice_list("pending", 0, 0, no_invoice, NULL);
	case Q_PRODUCING:
		return delivery_list("producing", 0, 0, no_delivery, NULL);
	case Q_SHIPPED:
		return delivery_list("shipped", 0, 0, no_delivery, NULL);
	case Q_READY:
		return delivery_list("ready", 0, 0, no_delivery, NULL);
	}
	return -1;
}

/* Appends printf-style text to out (size bytes) at *len; -1 when it does not fit. */
static int add(char *out, size_t size, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int add(char *out, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size - *len)
		return -1;
	*len += (size_t)n;
	return 0;
}

int digest_compose(const char *login, int roles, int64_t staff, char *subject, size_t ssize,
    char *body, size_t bsize)
{
	const char *base = cfg_str("Site.BaseURL", "");
	size_t blen = strlen(base), len = 0, i;
	char now[32], shown[16];
	int waiting = 0, n;

	while (blen && base[blen - 1] == '/')
		blen--;
	clock_format(clock_now_ms(), now, sizeof(now));
	if (add(body, bsize, &len, "%s，您好：\n\n截至%s，您负责的工作队列中有以下待办事项：\n\n", login, now) != 0)
		return -1;
	for (i = 0; i < sizeof(queues) / sizeof(queues[0]); i++) {
		if (!(roles & queues[i].role))
			continue;
		n = count(queues[i].q, staff);
		if (n < 0)
			return -1;
		if (queues[i].q != Q_CLAIMED)
			waiting += n;
		snprintf(shown, sizeof(shown), n > 1000 ? "1000+" : "%d", n);
		if (add(body, bsize, &len, "%s：%s %s\n  %.*s/cgi-bin/admin.fcgi?%s\n", queues[i].label, shown,
		    queues[i].unit, (int)blen, base, queues[i].query) != 0)
			return -1;
	}
	if (add(body, bsize, &len, "\n请登录管理后台及时处理。本邮件由系统每日自动发送；如不需要接收，"
	    "请联系管理员在“工作人员管理”中删除您的电子邮箱。\n") != 0)
		return -1;
	n = snprintf(subject, ssize, "工作待办提醒：%s%d 项待处理（%.10s）", waiting > 1000 ? "超过" : "",
	    waiting > 1000 ? 1000 : waiting, now);
	return n < 0 || (size_t)n >= ssize ? -1 : waiting;
}

/* What digest_run carries through staff_each. */
struct run {
	void (*fn)(void *ctx, const char *login, const char *email, int waiting);
	void *ctx;
	int queued, failed;
};

/* Queues the digest of one member when they have an address, are enabled and something waits. */
static void one(void *ctx, const struct staff_row *m)
{
	struct run *run = ctx;
	char subject[256], body[4096];
	int waiting;

	if (m->disabled || !m->email[0])
		return;
	waiting = digest_compose(m->login, staff_role_mask(m->role), m->id, subject, sizeof(subject), body,
	    sizeof(body));
	if (waiting == 0)
		return;
	if (waiting < 0 || outbox_mail(m->email, subject, body) < 0) {
		log_error("digest: the digest of %s could not be queued", m->login);
		run->failed = 1;
		return;
	}
	run->queued++;
	if (run->fn)
		run->fn(run->ctx, m->login, m->email, waiting);
}

int digest_run(void (*fn)(void *ctx, const char *login, const char *email, int waiting), void *ctx)
{
	struct run run = { fn, ctx, 0, 0 };

	staff_each(one, &run);
	return run.failed ? -1 : run.queued;
}
