/* lib/orderform.c: the application form's fields, cross-field checks, fee display and saving, shared by apply.fcgi and renew.fcgi. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "orderform.h"
#include "storage.h"
#include "lifecycle.h"
#include "order.h"
#include "util.h"

const struct field orderform_fields[OF__MAX] = {
	[OF_ORDER]         = { "order",         valid_id,          19,  0 },
	[OF_SUBJECT]       = { "subject",       valid_subject,     16,  0 },
	[OF_KIND]          = { "kind",          valid_kind,        16,  0 },
	[OF_PROJECT]       = { "project",       valid_project,     16,  0 },
	[OF_YEARS]         = { "years",         valid_years,       1,   0 },
	[OF_CERT_COUNT]    = { "cert_count",    valid_cert_count,  2,   0 },
	[OF_DELIVERY]      = { "delivery",      valid_delivery,    8,   0 },
	[OF_MAIL_NAME]     = { "mail_name",     valid_text,        30,  0 },
	[OF_MAIL_MOBILE]   = { "mail_mobile",   valid_mobile,      11,  0 },
	[OF_MAIL_ADDRESS]  = { "mail_address",  valid_text,        120, 0 },
	[OF_AGREE]         = { "agree",         valid_checkbox,    1,   0 },
	[OF_CONSENT]       = { "consent",       valid_checkbox,    1,   0 },
	[OF_ORG_NAME]      = { "org_name",      valid_text,        100, 0 },
	[OF_ORG_NATURE]    = { "org_nature",    valid_org_nature,  16,  0 },
	[OF_USCC]          = { "uscc",          valid_uscc,        18,  0 },
	[OF_LEGAL_NAME]    = { "legal_name",    valid_text,        30,  0 },
	[OF_LEGAL_ID_NO]   = { "legal_id_no",   valid_resident_id, 18,  0 },
	[OF_AGENT_NAME]    = { "agent_name",    valid_text,        30,  0 },
	[OF_AGENT_MOBILE]  = { "agent_mobile",  valid_mobile,      11,  0 },
	[OF_AGENT_EMAIL]   = { "agent_email",   valid_email,       254, 0 },
	[OF_AGENT_ID_TYPE] = { "agent_id_type", valid_id_type,     16,  0 },
	[OF_AGENT_ID_NO]   = { "agent_id_no",   valid_text,        20,  0 },
	[OF_AGENT_ADDRESS] = { "agent_address", valid_text,        120, 0 },
	[OF_SEAL_CODE]     = { "seal_code",     valid_seal_code,   32,  0 },
	[OF_NAME]          = { "name",          valid_text,        30,  0 },
	[OF_ID_NO]         = { "id_no",         valid_resident_id, 18,  0 },
	[OF_MOBILE]        = { "mobile",        valid_mobile,      11,  0 },
	[OF_EMAIL]         = { "email",         valid_email,       254, 0 },
	[OF_ADDRESS]       = { "address",       valid_text,        120, 0 },
	[OF_PREV_ORDER]    = { "prev_order",    valid_id,          19,  0 },
	[OF_CERT_SERIAL]   = { "cert_serial",   valid_cert_serial, 64,  0 },
};

/* The value of a page field already in the HDF (Form.<name>), or NULL. */
static const char *form_value(struct req *r, const char *name)
{
	char key[64];

	snprintf(key, sizeof(key), "Form.%s", name);
	return hdf_get_value(req_hdf(r), key, NULL);
}

/* Sets Page.FeeYuan (and Page.FeeRule) for the subject, kind, project, years and count in
 * Form.*; nothing when they do not yet name a price. */
static void set_fee(struct req *r)
{
	const char *subject = form_value(r, "subject"), *kind = form_value(r, "kind");
	const char *project = form_value(r, "project"), *years = form_value(r, "years");
	const char *count = form_value(r, "cert_count");
	int64_t fen;
	char yuan[32];

	if (!subject || !project || !years || valid_subject(subject) || valid_project(project)
	    || valid_years(years) || (count && valid_cert_count(count)))
		return;
	fen = order_quote(subject, kind && !valid_kind(kind) ? kind : "new", project, atoi(years),
	    count ? atoi(count) : 1);
	if (fen < 0)
		return;
	util_fen_to_yuan(fen, yuan, sizeof(yuan));
	req_set(r, "Page.FeeYuan", yuan);
}

/* Sets Form.OrgCode (机构代码, shown as M000100Y-4) from a valid Form.uscc. */
static void set_org_code(struct req *r)
{
	const char *uscc = form_value(r, "uscc");
	char org[16], shown[16];

	if (uscc && !valid_uscc(uscc) && valid_uscc_org_code(uscc, org, sizeof(org)) == 0) {
		snprintf(shown, sizeof(shown), "%.8s-%c", org, org[8]);
		req_set(r, "Form.OrgCode", shown);
	}
}

/* Says at the top of a refused form where to look (the messages stand beside the fields,
 * far down a long form). */
static void top_hint(struct req *r)
{
	if (!hdf_get_value(req_hdf(r), "Errors.Form", NULL))
		req_form_error(r, "填写的内容有误，请按标红处的提示修改后重新保存");
}

/* Fills the page data every rendering of the form needs, then renders it with status. */
static void render_form(struct req *r, int status)
{
	const char *subject = form_value(r, "subject");
	const char *kind = form_value(r, "kind");

	if (!kind)
		req_set(r, "Form.kind", kind = "new");
	req_set(r, "Page.Title", strcmp(kind, "new") == 0 ? "证书新办" : order_kind_label(kind));
	req_set(r, "Page.Nav", strcmp(kind, "new") == 0 ? "apply" : "renew");
	req_set(r, "Page.SubjectLabel", subject ? order_subject_label(subject) : "");
	req_set(r, "Page.CertType", subject ? order_cert_type(subject) : "");
	set_org_code(r);
	set_fee(r);
	if (status == 422)
		top_hint(r);
	req_render(r, status, "apply/form.cs");
}

/* Marks Fixed.<name> for a field changed since the order's rejection (known names only). */
static void mark_fixed(void *ctx, const char *item)
{
	char key[64];

	if (item && order_field_label(item)) {
		snprintf(key, sizeof(key), "Fixed.%s", item);
		req_set(ctx, key, "1");
	}
}

/* On the form of a rejected order: Fix.<name> for each field the rejection named (补正),
 * Fixed.<name> for those changed since (已补正). */
static void mark_items(struct req *r, int64_t id)
{
	const char *items = hdf_get_value(req_hdf(r), "Form.review_items", NULL);
	char name[40], key[64];

	order_changes_since_reject(id, mark_fixed, r);
	while (items && *items) {
		size_t len = strcspn(items, ", ");
		if (len > 0 && len < sizeof(name)) {
			memcpy(name, items, len);
			name[len] = '\0';
			if (order_field_label(name)) {
				snprintf(key, sizeof(key), "Fix.%s", name);
				req_set(r, key, "1");
			}
		}
		items += len;
		items += strspn(items, ", ");
	}
}

/* Copies an order's data into Form.* (full ID numbers: the applicant edits their own). */
static int load_into_form(struct req *r, int64_t id)
{
	return order_to_hdf(id, req_hdf(r), "Form", 1);
}

/* 1 when order id is the applicant's own order that the life table lets them renew (a
 * completed order with its certificate recorded), with its summary in *row. */
static int renewable(struct req *r, int64_t id, struct order_row *row)
{
	struct life_state state;

	if (!order_get(id, req_user(r), row))
		return 0;
	state = life_state_of(row);
	return life_find("renew", LIFE_USER, 0, &state) != NULL;
}

void orderform_show(struct req *r)
{
	const char *order = req_value(r, OF_ORDER), *prev = req_value(r, OF_PREV_ORDER);
	const char *kind = req_value(r, OF_KIND);
	struct order_row row;
	char path[96];

	if (order) {
		int64_t id = strtoll(order, NULL, 10);
		if (!order_get(id, req_user(r), &row)) {
			req_error(r, 404, NULL);
			return;
		}
		if (!order_editable(row.status)) {
			snprintf(path, sizeof(path), "/cgi-bin/orders.fcgi?order=%lld", (long long)id);
			req_redirect(r, path);
			return;
		}
		load_into_form(r, id);
		if (strcmp(row.status, "rejected") == 0)
			mark_items(r, id);
		req_set(r, "Page.Order", order);
		if (order_amount_locked(row.pay_status))
			req_set(r, "Page.AmountLocked", "1");
	} else if (prev && (!kind || strcmp(kind, "new") != 0)) {
		/* The renewal (or reissue) of the applicant's own completed order, prefilled with
		 * every field of it but the kind; the certificate named is the one produced. */
		char serial[72];
		if (!renewable(r, strtoll(prev, NULL, 10), &row)) {
			req_error(r, 404, NULL);
			return;
		}
		load_into_form(r, row.id);
		req_set(r, "Form.kind", kind ? kind : "renew");
		req_set(r, "Form.prev_order", prev);
		req_set(r, "Form.agree", "");
		req_set(r, "Form.consent", "");
		if (order_issued_serial(row.id, serial, sizeof(serial)) == 0)
			req_set(r, "Form.cert_serial", serial);
	} else if (!req_value(r, OF_SUBJECT)) {
		req_error(r, 404, NULL);
		return;
	}
	render_form(r, 200);
}

void orderform_invalid(struct req *r)
{
	const char *order = req_value(r, OF_ORDER);

	if (order)
		req_set(r, "Page.Order", order);
	render_form(r, 422);
}


/* Checks the rules that involve two fields; returns the number of errors marked. */
static int cross_check(struct req *r)
{
	const char *type = req_value(r, OF_AGENT_ID_TYPE), *no = req_value(r, OF_AGENT_ID_NO);
	const char *kind = req_value(r, OF_KIND), *msg = NULL;
	int bad = 0;

	if (no)
		msg = !type || strcmp(type, "id_card") == 0 ? valid_resident_id(no) : valid_doc_no(no);
	if (msg && ++bad)
		req_field_error(r, OF_AGENT_ID_NO, msg);
	if (kind && strcmp(kind, "new") != 0 && req_value(r, OF_PREV_ORDER)) {
		struct order_row prev;
		if (!renewable(r, strtoll(req_value(r, OF_PREV_ORDER), NULL, 10), &prev) && ++bad)
			req_field_error(r, OF_PREV_ORDER, "请选择您已办结的业务单");
	}
	return bad;
}

void orderform_quote(struct req *r)
{
	const char *order = req_value(r, OF_ORDER);

	if (order)
		req_set(r, "Page.Order", order);
	render_form(r, cross_check(r) ? 422 : 200);
}

/* order_save's getter: the validated value of a form field by name; the renewal fields
 * only for renewals and reissues (cert_serial, when not given, is the certificate produced
 * for prev_order: Page.PrevSerial). */
static const char *get_field(void *ctx, const char *name)
{
	struct req *r = ctx;
	const char *kind = req_value(r, OF_KIND);
	size_t i;

	if ((strcmp(name, "prev_order") == 0 || strcmp(name, "cert_serial") == 0)
	    && (!kind || strcmp(kind, "new") == 0))
		return NULL;
	if (strcmp(name, "cert_serial") == 0 && !req_value(r, OF_CERT_SERIAL))
		return hdf_get_value(req_hdf(r), "Page.PrevSerial", NULL);
	for (i = 0; i < OF__MAX; i++)
		if (strcmp(orderform_fields[i].name, name) == 0)
			return req_value(r, (int)i);
	return NULL;
}

void orderform_save(struct req *r)
{
	const char *order = req_value(r, OF_ORDER);
	const char *subject = req_value(r, OF_SUBJECT), *kind = req_value(r, OF_KIND);
	int64_t id = order ? strtoll(order, NULL, 10) : 0, other = 0;
	struct order_row row;
	char path[96];

	if (order)
		req_set(r, "Page.Order", order);
	if (cross_check(r)) {
		render_form(r, 422);
		return;
	}
	if (!id && !subject) {
		req_field_error(r, OF_SUBJECT, "请选择企业证书或个人证书");
		render_form(r, 422);
		return;
	}
	if (kind && strcmp(kind, "new") != 0 && req_value(r, OF_PREV_ORDER) && !req_value(r, OF_CERT_SERIAL)) {
		char serial[72];
		if (order_issued_serial(strtoll(req_value(r, OF_PREV_ORDER), NULL, 10), serial, sizeof(serial)) == 0)
			req_set(r, "Page.PrevSerial", serial);
	}
	switch (order_save(req_user(r), &id, subject, kind ? kind : "new", get_field, r, &other)) {
	case ORDER_OK:
		/* After an edit of a submitted order the next page says it was saved and what
		 * it is now (e.g. still 待审核). */
		snprintf(path, sizeof(path), "/cgi-bin/upload.fcgi?order=%lld%s", (long long)id,
		    order && order_get(id, req_user(r), &row) && strcmp(row.status, "draft") != 0
		    ? "&done=saved" : "");
		req_redirect(r, path);
		return;
	case ORDER_NOT_FOUND:
		req_error(r, 404, NULL);
		return;
	case ORDER_LOCKED:
		req_form_error(r, "该业务单已进入审核或办理流程，不能再修改");
		break;
	case ORDER_OPEN_EXISTS:
		/* Only an edit of a submitted order gets here (drafts reserve nothing); another
		 * applicant's order is never named. */
		req_form_error(r, order_get(id, req_user(r), &row) && strcmp(row.subject, "personal") == 0
		    ? "该证件号码已有一个未办结的同类申请，请勿重复申请"
		    : "该单位已有一个未办结的同类申请，请勿重复申请");
		if (other)
			req_set_int(r, "Page.OpenOrder", other);
		break;
	default:
		/* The store failed, not the applicant's input: 503 with the form kept, saying so
		 * when the disk is full. */
		req_form_error(r, storage_full() ? STORAGE_FULL_MESSAGE : "保存失败，请稍后再试");
		render_form(r, 503);
		return;
	}
	render_form(r, 422);
}

void orderform_fee(struct req *r)
{
	const char *subject = req_value(r, OF_SUBJECT), *kind = req_value(r, OF_KIND);
	const char *project = req_value(r, OF_PROJECT), *years = req_value(r, OF_YEARS);
	const char *count = req_value(r, OF_CERT_COUNT);
	int64_t fen = -1;
	char yuan[32];

	if (subject && project && years)
		fen = order_quote(subject, kind ? kind : "new", project, atoi(years), count ? atoi(count) : 1);
	if (fen < 0) {
		req_send(r, 422, "text/plain; charset=utf-8", "-", 1, NULL);
		return;
	}
	util_fen_to_yuan(fen, yuan, sizeof(yuan));
	req_send(r, 200, "text/plain; charset=utf-8", yuan, strlen(yuan), NULL);
}
