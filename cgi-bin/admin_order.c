/* cgi-bin/admin_order.c: the review side of the staff page: the queue and search, the order with its history, notes, items and documents, approve/reject, claim/release, notes, cancelling. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "admin.h"
#include "clock.h"
#include "doc.h"
#include "lifecycle.h"
#include "order.h"
#include "purge.h"
#include "review.h"
#include "staff.h"

/* Adds a list row (Rows.N.*), with the Can<Action> flags the table gives the signed-in
 * member on that order (the template labels the row's link by them). */
static void add_row(void *ctx, const struct review_row *row)
{
	struct req *r = ctx;
	HDF *hdf = req_hdf(r);
	int n = hdf_get_int_value(hdf, "Rows.Count", 0);
	HDF *node = req_row(r, "Rows", n);
	char when[32], wait[32];
	int64_t since = row->order.submitted_ms ? row->order.submitted_ms : row->order.created_ms;
	int64_t hours = (clock_now_ms() - since) / 3600000;
	struct life_state state = life_state_of(&row->order);

	row_int(node, "Id", row->order.id);
	row_set(node, "Name", row->name);
	row_set(node, "Subject", order_subject_label(row->order.subject));
	row_set(node, "Kind", order_kind_label(row->order.kind));
	row_set(node, "Status", order_status_label(row->order.status));
	row_set(node, "StatusCode", row->order.status);
	row_set(node, "PayStatus", order_pay_label(row->order.pay_status));
	row_set(node, "ClaimedBy", row->claimed_by);
	clock_format(since, when, sizeof(when));
	row_set(node, "Submitted", when);
	if (hours >= 24)
		snprintf(wait, sizeof(wait), "%lld 天 %lld 小时", (long long)(hours / 24), (long long)(hours % 24));
	else
		snprintf(wait, sizeof(wait), "%lld 小时", (long long)hours);
	row_set(node, "Waiting", wait);
	if (node)
		life_flags(node, NULL, LIFE_STAFF, (unsigned)req_staff_roles(r), &state);
	req_set_int(r, "Rows.Count", n + 1);
}

/* The work queue (pending, oldest first) or a search; each row links to the order labelled
 * by what the member may do there (审核, 办理 or 查看). 200. */
void admin_queue_page(struct req *r)
{
	const char *q = req_value(r, KEY_Q), *status = req_value(r, KEY_STATUS);
	const char *p = req_value(r, KEY_P), *from = req_value(r, KEY_FROM), *to = req_value(r, KEY_TO);
	struct review_filter filter;
	int page = p ? atoi(p) : 1, total;

	static const char *const statuses[] = { "pending", "rejected", "approved", "producing",
		"shipped", "ready", "completed", "cancelled" };
	char key[48];
	size_t i;

	if (status && (!order_status_label(status) || strcmp(status, "draft") == 0))
		status = NULL;
	if (!q && !status && !req_value(r, KEY_KIND) && !req_value(r, KEY_SUBJECT) && !from && !to)
		status = "pending";
	if (page < 1)
		page = 1;
	admin_frame(r, q ? "搜索业务单" : !status ? "业务单筛选" : strcmp(status, "pending") == 0 ? "审核队列"
	    : order_status_label(status));
	req_set(r, "Page.Nav", !status || q ? "" : strcmp(status, "pending") == 0 ? "queue" : status);
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		snprintf(key, sizeof(key), "Statuses.%zu.Code", i);
		req_set(r, key, statuses[i]);
		snprintf(key, sizeof(key), "Statuses.%zu.Label", i);
		req_set(r, key, order_status_label(statuses[i]));
	}
	req_set(r, "Filter.Status", status ? status : "");
	memset(&filter, 0, sizeof(filter));
	filter.status = status;
	filter.q = q;
	filter.kind = req_value(r, KEY_KIND);
	filter.subject = req_value(r, KEY_SUBJECT);
	filter.from_ms = from && clock_day_start(from) > 0 ? clock_day_start(from) : 0;
	filter.to_ms = to && clock_day_start(to) > 0 ? clock_day_start(to) + 86400000LL : 0;
	total = review_list(&filter, (page - 1) * PAGE_SIZE, PAGE_SIZE, add_row, r);
	admin_pager(r, total, page);
	req_render(r, 200, "admin/queue.cs");
}

/* Adds a history row (History.N.*). */
static void add_history(void *ctx, const struct order_event *e)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "History.Count", 0);
	char key[64], when[32];
	const char *who = strcmp(e->realm, "user") == 0 ? "申请人" : e->actor && *e->actor ? e->actor : "系统";

	clock_format(e->at_ms, when, sizeof(when));
	snprintf(key, sizeof(key), "History.%d.At", n);
	req_set(r, key, when);
	snprintf(key, sizeof(key), "History.%d.Who", n);
	req_set(r, key, who);
	snprintf(key, sizeof(key), "History.%d.From", n);
	req_set(r, key, e->from ? order_status_label(e->from) : "");
	snprintf(key, sizeof(key), "History.%d.To", n);
	req_set(r, key, order_status_label(e->to));
	snprintf(key, sizeof(key), "History.%d.Reason", n);
	req_set(r, key, e->reason ? e->reason : "");
	req_set_int(r, "History.Count", n + 1);
}

/* Adds an internal note (Notes.N.*). */
static void add_note(void *ctx, int64_t at_ms, const char *login, const char *body)
{
	struct req *r = ctx;
	int n = hdf_get_int_value(req_hdf(r), "Notes.Count", 0);
	char key[64], when[32];

	clock_format(at_ms, when, sizeof(when));
	snprintf(key, sizeof(key), "Notes.%d.At", n);
	req_set(r, key, when);
	snprintf(key, sizeof(key), "Notes.%d.Login", n);
	req_set(r, key, login);
	snprintf(key, sizeof(key), "Notes.%d.Body", n);
	req_set(r, key, body);
	req_set_int(r, "Notes.Count", n + 1);
}

/* Lists the items a rejection named (Items.N.Label) by their Chinese labels. */
static void set_items(struct req *r, const char *items)
{
	char name[40], key[48];
	int n = 0;

	while (items && *items) {
		size_t len = strcspn(items, ", ");
		if (len > 0 && len < sizeof(name)) {
			memcpy(name, items, len);
			name[len] = '\0';
			snprintf(key, sizeof(key), "Items.%d.Label", n++);
			req_set(r, key, order_item_label(name) ? order_item_label(name) : name);
		}
		items += len;
		items += strspn(items, ", ");
	}
}

/* Marks an item (a field or slot) the applicant changed since the last rejection:
 * Changed.<name> = 1, for the known names only (never request text as an HDF name). */
static void mark_changed(void *ctx, const char *item)
{
	char key[64];

	if (!item || !order_item_label(item))
		return;
	snprintf(key, sizeof(key), "Changed.%s", item);
	req_set(ctx, key, "1");
}

/* A personal order's review notices speak of the applicant, not of an agent (经办人). */
static void personal_notice(struct req *r)
{
	const char *done = req_value(r, KEY_DONE);

	if (done && strcmp(done, "approve") == 0)
		req_set(r, "Page.Notice", "已审核通过，已短信通知申请人");
	else if (done && strcmp(done, "reject") == 0)
		req_set(r, "Page.Notice", "已审核不通过，已短信通知申请人");
}

/* The order page for staff: every field in full (the view is audited), the documents
 * inline, what changed since the last rejection (Changed.<name>), the revision the review
 * forms carry (Order.Rev), history, notes, delivery, and the actions the life table allows
 * the member's roles (Order.Can<Action>). */
void admin_order_page(struct req *r, int64_t id, int status)
{
	const struct doc_slot *slot;
	struct order_row row;
	struct life_state state;
	struct doc_meta meta;
	char key[64], claimant[40];
	int n = 0;

	if (!order_get(id, 0, &row) || strcmp(row.status, "draft") == 0) {
		req_error(r, 404, NULL);
		return;
	}
	admin_frame(r, req_staff_roles(r) & ROLE_REVIEWER ? "业务单审核" : "业务单详情");
	order_to_hdf(id, req_hdf(r), "Order", 1);
	req_set_int(r, "Order.Rev", row.rev);
	purge_to_hdf(id, req_hdf(r), "Order.Purged");
	order_changes_since_reject(id, mark_changed, r);
	if (strcmp(row.subject, "personal") == 0)
		personal_notice(r);
	req_set(r, "Order.NatureLabel", order_nature_label(hdf_get_value(req_hdf(r), "Order.org_nature", NULL)));
	req_set(r, "Order.IdTypeLabel", order_id_type_label(hdf_get_value(req_hdf(r), "Order.agent_id_type", NULL)));
	req_set(r, "Order.DeliveryLabel", order_delivery_label(row.delivery));
	for (slot = doc_slots; slot->name; slot++) {
		if (!(slot->subjects & (strcmp(row.subject, "enterprise") == 0 ? DOC_ENTERPRISE : DOC_PERSONAL)))
			continue;
		snprintf(key, sizeof(key), "Docs.%d.Slot", n);
		req_set(r, key, slot->name);
		snprintf(key, sizeof(key), "Docs.%d.Label", n);
		req_set(r, key, slot->label);
		if (doc_current(id, slot->name, &meta)) {
			snprintf(key, sizeof(key), "Docs.%d.Type", n);
			req_set(r, key, strcmp(meta.ctype, "application/pdf") == 0 ? "pdf" : "image");
		}
		n++;
	}
	review_claimant(id, claimant, sizeof(claimant));
	set_items(r, hdf_get_value(req_hdf(r), "Order.review_items", NULL));
	req_set(r, "Order.ClaimedBy", claimant);
	order_history_each(id, add_history, r);
	review_notes(id, add_note, r);
	admin_order_payments(r, id);
	admin_order_invoices(r, id);
	/* The actions offered are exactly those the life table allows this member's roles. */
	state = life_state_of(&row);
	life_flags(req_hdf(r), "Order", LIFE_STAFF, (unsigned)req_staff_roles(r), &state);
	admin_order_delivery(r, id);
	req_audit(r, "view_order", id, "ok", "full ID numbers shown");
	req_render(r, status, "admin/order.cs");
}

/* Sends a document of an order to staff (images inline, PDFs opened in the browser); each
 * view is audited. 200; 404 when there is none. */
void admin_send_doc(struct req *r, int64_t order, const char *slot)
{
	struct doc_meta meta;
	unsigned char *buf = NULL;
	size_t len = 0;

	if (doc_load(order, slot, &meta, &buf, &len) != 0) {
		req_error(r, 404, NULL);
		return;
	}
	req_audit(r, "view_document", order, "ok", slot);
	req_send_inline(r, 200, meta.ctype, buf, len, NULL);
	free(buf);
}

void admin_order_answer(struct req *r, int64_t id, const char *action, int found, const char *refusal,
    const char *detail)
{
	char path[96];

	req_audit(r, action, id, found && !refusal ? "ok" : "refused", detail);
	if (!found) {
		req_error(r, 404, NULL);
	} else if (!refusal) {
		snprintf(path, sizeof(path), "/cgi-bin/admin.fcgi?order=%lld&done=%s", (long long)id, action);
		req_redirect(r, path);
	} else {
		req_form_error(r, refusal);
		admin_order_page(r, id, 422);
	}
}

/* Answers a review result through admin_order_answer; a stale revision answers 409 with
 * the order page as it is now. */
static void review_answer(struct req *r, int64_t id, enum review_result rc, const char *action)
{
	if (rc == REVIEW_STALE) {
		req_audit(r, action, id, "refused", "stale");
		req_form_error(r, "业务单已被申请人修改，请刷新后再审核");
		admin_order_page(r, id, 409);
		return;
	}
	const char *refusal = rc == REVIEW_OK ? NULL
	    : rc == REVIEW_STATE ? (strcmp(action, "cancel") == 0 ? "该业务单已完成或已取消，操作未执行"
	    : "该业务单已不是待审核状态（可能已被处理），操作未执行")
	    : rc == REVIEW_CLAIMED ? "该业务单已由其他审核员认领，操作未执行" : "操作失败，请稍后再试";

	admin_order_answer(r, id, action, rc != REVIEW_NOT_FOUND, refusal,
	    rc == REVIEW_STATE ? "state" : rc == REVIEW_CLAIMED ? "claimed" : NULL);
}

/* The revision (rev) the reviewer's page showed, or -1 after showing the order page again
 * (422) when the form did not carry it. */
static int64_t seen_rev(struct req *r, int64_t id)
{
	const char *rev = req_value(r, KEY_REV);

	if (!rev) {
		req_form_error(r, "页面已过期，请刷新后再审核");
		admin_order_page(r, id, 422);
		return -1;
	}
	return strtoll(rev, NULL, 10);
}

/* POST approve with rev: 303 back to the order; 409 when the applicant changed it since
 * revision rev; 422 when it is no longer pending, another reviewer has it or rev is
 * missing; 404. */
void admin_do_approve(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10), rev;
	char login[40];

	if ((rev = seen_rev(r, id)) < 0)
		return;
	staff_login_name(req_staff(r), login, sizeof(login));
	review_answer(r, id, review_approve(id, req_staff(r), login, rev), "approve");
}

/* POST reject with rev, reason (picked and/or written) and items: 303 back to the order;
 * 422 without a reason, or as approve (409 for a stale rev). */
void admin_do_reject(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10), rev;
	const char *items[40];
	char reason[REASON_BYTES], list[700], login[40];
	size_t i, n = req_values(r, KEY_ITEMS, items, 40), len = 0;

	if (admin_reason(r, reason, sizeof(reason), "请选择或填写不通过的原因") != 0) {
		admin_order_page(r, id, 422);
		return;
	}
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!order_item_label(items[i])) {
			req_field_error(r, KEY_ITEMS, "需补正的项目不正确");
			admin_order_page(r, id, 422);
			return;
		}
		len += (size_t)snprintf(list + len, len < sizeof(list) ? sizeof(list) - len : 0, "%s%s",
		    len ? "," : "", items[i]);
	}
	if ((rev = seen_rev(r, id)) < 0)
		return;
	staff_login_name(req_staff(r), login, sizeof(login));
	review_answer(r, id, review_reject(id, req_staff(r), login, rev, reason, list), "reject");
}

/* POST claim / release: 303 back to the order; 422 when another reviewer has it. */
void admin_do_claim(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	const char *view = req_value(r, KEY_VIEW);
	int release = view && strcmp(view, "release") == 0;
	enum review_result rc = review_claim(id, req_staff(r), release,
	    (req_staff_roles(r) & ROLE_ADMIN) == ROLE_ADMIN);

	review_answer(r, id, rc, release ? "release" : "claim");
}

/* POST note: adds an internal note. 303 back to the order; 404. */
void admin_do_note(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	struct order_row row;
	char path[96];

	if (!order_get(id, 0, &row) || review_note(id, req_staff(r), req_value(r, KEY_NOTE)) != 0) {
		req_error(r, 404, NULL);
		return;
	}
	req_audit(r, "note", id, "ok", NULL);
	snprintf(path, sizeof(path), "/cgi-bin/admin.fcgi?order=%lld#notes", (long long)id);
	req_redirect(r, path);
}

/* POST cancel with reason (picked and/or written): 303 back to the order; 422 without a
 * reason or when the order is finished already; 404. */
void admin_do_cancel(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	char reason[REASON_BYTES], login[40];

	if (admin_reason(r, reason, sizeof(reason), "请选择或填写取消的原因") != 0) {
		admin_order_page(r, id, 422);
		return;
	}
	staff_login_name(req_staff(r), login, sizeof(login));
	review_answer(r, id, review_cancel(id, req_staff(r), login, reason), "cancel");
}

/* Shows the order page again after bad input. 422. */
void admin_order_invalid(struct req *r)
{
	const char *order = req_value(r, KEY_ORDER);

	if (!order) {
		req_error(r, 422, NULL);
		return;
	}
	admin_order_page(r, strtoll(order, NULL, 10), 422);
}
