/* cgi-bin/upload.c: 上传材料 / 下载并上传申请表: the documents of one order, the pre-filled forms and the agreement, and submission. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "cfg.h"
#include "clock.h"
#include "doc.h"
#include "formpdf.h"
#include "purge.h"
#include "log.h"
#include "order.h"
#include "storage.h"

#define UPLOAD_LIMIT (11 * 1024 * 1024)	/* a 10 MiB PDF plus the multipart overhead */
#define SUBMIT_LIMIT (64 * 1024)
#define AGREEMENT_MAX (20 * 1024 * 1024)	/* the configured agreement PDF */
#define QR_SCALE 4

enum key { KEY_ORDER, KEY_SLOT, KEY_FILE, KEY_VIEW, KEY_DOC, KEY_PRINT, KEY_QR, KEY_DONE, KEY__MAX };

static const struct field fields[KEY__MAX] = {
	[KEY_ORDER] = { "order", valid_id,       19, 0 },
	[KEY_SLOT]  = { "slot",  valid_token,    32, 0 },
	[KEY_FILE]  = { "file",  NULL,           0,  FIELD_FILE },
	[KEY_VIEW]  = { "view",  valid_token,    32, 0 },
	[KEY_DOC]   = { "doc",   valid_token,    32, 0 },
	[KEY_PRINT] = { "print", valid_checkbox, 1,  0 },
	[KEY_QR]    = { "qr",    valid_checkbox, 1,  0 },
	[KEY_DONE]  = { "done",  valid_token,    32, 0 },
};

/* 1 when subject ("enterprise"/"personal") needs slot. */
static int slot_needed(const struct doc_slot *slot, const char *subject)
{
	int bit = strcmp(subject, "enterprise") == 0 ? DOC_ENTERPRISE
	    : strcmp(subject, "personal") == 0 ? DOC_PERSONAL : 0;

	return slot && (slot->subjects & bit);
}

/* Loads the order named by the order field when it belongs to the signed-in applicant. */
static int load_order(struct req *r, struct order_row *row, int64_t *id)
{
	const char *v = req_value(r, KEY_ORDER);

	if (!v)
		return 0;
	*id = strtoll(v, NULL, 10);
	return *id > 0 && order_get(*id, req_user(r), row);
}

/* Writes a file size as "12 KB" / "1.5 MB". */
static void size_text(long n, char *out, size_t size)
{
	if (n < 1024)
		snprintf(out, size, "%ld B", n);
	else if (n < 1024L * 1024)
		snprintf(out, size, "%ld KB", (n + 1023) / 1024);
	else
		snprintf(out, size, "%ld.%ld MB", n / (1024L * 1024), (n % (1024L * 1024)) * 10 / (1024L * 1024));
}

/* The formats line, accept attribute and hint of a slot. */
static void slot_formats(const struct doc_slot *slot, HDF *hdf, int i)
{
	char key[64];
	const char *formats, *accept, *hint;

	if (slot->types == DOC_PNG) {
		formats = "PNG";
		accept = ".png,image/png";
		hint = "PNG格式，不超过200×200像素，白底或透明底上的红色印章";
	} else if (slot->types == DOC_PDF) {
		formats = "PDF";
		accept = ".pdf,application/pdf";
		hint = "PDF格式，不超过10MB";
	} else if (slot->types == (DOC_JPEG | DOC_PNG)) {
		formats = "JPG、PNG";
		accept = ".jpg,.jpeg,.png,image/jpeg,image/png";
		hint = "JPG或PNG格式，不超过5MB，请保证内容清晰完整";
	} else {
		formats = "PDF、JPG、PNG";
		accept = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";
		hint = "PDF不超过10MB，图片不超过5MB";
	}
	snprintf(key, sizeof(key), "Slots.%d.Formats", i);
	hdf_set_value(hdf, key, formats);
	snprintf(key, sizeof(key), "Slots.%d.Accept", i);
	hdf_set_value(hdf, key, accept);
	snprintf(key, sizeof(key), "Slots.%d.Hint", i);
	hdf_set_value(hdf, key, hint);
}

/* 1 when name is one of the comma-separated items of list. */
static int in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Marks Fixed.<slot> for a slot replaced since the order's rejection (slot names only). */
static void mark_fixed(void *ctx, const char *item)
{
	char key[64];

	if (item && doc_slot(item)) {
		snprintf(key, sizeof(key), "Fixed.%s", item);
		hdf_set_value(ctx, key, "1");
	}
}

/* Fills Slots.N.* with every slot the order needs, its current document (Correct: named by
 * the rejection; Corrected: replaced since), and the error of err_slot (err_msg) when set. */
static void fill_slots(struct req *r, const struct order_row *row, int64_t id,
    const char *err_slot, const char *err_msg)
{
	HDF *hdf = req_hdf(r);
	const struct doc_slot *s;
	const char *items = hdf_get_value(hdf, "Order.review_items", NULL);
	struct doc_meta meta;
	char key[64], buf[64];
	int i = 0, have = 0, total = 0;

	if (strcmp(row->status, "rejected") == 0)
		order_changes_since_reject(id, mark_fixed, hdf);
	for (s = doc_slots; s->name; s++) {
		if (!slot_needed(s, row->subject))
			continue;
		total++;
		snprintf(key, sizeof(key), "Slots.%d.Name", i);
		hdf_set_value(hdf, key, s->name);
		snprintf(key, sizeof(key), "Slots.%d.Label", i);
		hdf_set_value(hdf, key, s->label);
		snprintf(key, sizeof(key), "Slots.%d.Group", i);
		hdf_set_value(hdf, key, strcmp(s->name, "agreement") == 0 || strcmp(s->name, "form") == 0
		    || strcmp(s->name, "authorization") == 0 ? "forms" : "materials");
		slot_formats(s, hdf, i);
		if (strcmp(row->status, "rejected") == 0 && items && in_list(items, s->name)) {
			snprintf(key, sizeof(key), "Slots.%d.Correct", i);
			hdf_set_value(hdf, key, "1");
			snprintf(buf, sizeof(buf), "Fixed.%s", s->name);
			if (hdf_get_value(hdf, buf, NULL)) {
				snprintf(key, sizeof(key), "Slots.%d.Corrected", i);
				hdf_set_value(hdf, key, "1");
			}
		}
		if (err_slot && strcmp(err_slot, s->name) == 0) {
			snprintf(key, sizeof(key), "Slots.%d.Error", i);
			hdf_set_value(hdf, key, err_msg);
		}
		if (doc_current(id, s->name, &meta)) {
			have++;
			snprintf(key, sizeof(key), "Slots.%d.Has", i);
			hdf_set_value(hdf, key, "1");
			snprintf(key, sizeof(key), "Slots.%d.Kind", i);
			hdf_set_value(hdf, key, strcmp(meta.ctype, "application/pdf") == 0 ? "pdf" : "image");
			clock_format(meta.created_ms, buf, sizeof(buf));
			snprintf(key, sizeof(key), "Slots.%d.Time", i);
			hdf_set_value(hdf, key, buf);
			size_text(meta.size, buf, sizeof(buf));
			snprintf(key, sizeof(key), "Slots.%d.Size", i);
			hdf_set_value(hdf, key, buf);
			if (meta.width > 0 && meta.height > 0) {
				snprintf(buf, sizeof(buf), "%d×%d", meta.width, meta.height);
				snprintf(key, sizeof(key), "Slots.%d.Dims", i);
				hdf_set_value(hdf, key, buf);
			}
			if (meta.orig_name[0]) {
				snprintf(key, sizeof(key), "Slots.%d.OrigName", i);
				hdf_set_value(hdf, key, meta.orig_name);
			}
		}
		i++;
	}
	req_set_int(r, "Docs.Have", have);
	req_set_int(r, "Docs.Total", total);
}

/* Fills Missing.N.* (Label, Kind "doc"/"field") with what submission still lacks. */
static void fill_missing(struct req *r, int64_t id)
{
	char list[1024], key[64], *p, *next;
	int i = 0;

	if (order_missing(id, list, sizeof(list)) <= 0)
		return;
	for (p = list; p && *p && i < 64; p = next, i++) {
		next = strchr(p, ',');
		if (next)
			*next++ = '\0';
		snprintf(key, sizeof(key), "Missing.%d.Label", i);
		req_set(r, key, order_item_label(p) ? order_item_label(p) : p);
		snprintf(key, sizeof(key), "Missing.%d.Kind", i);
		req_set(r, key, doc_slot(p) ? "doc" : "field");
	}
}

/* Renders the documents page of the order with status; err_slot/err_msg put a message
 * beside one slot. */
static void page(struct req *r, const struct order_row *row, int64_t id, int status,
    const char *err_slot, const char *err_msg)
{
	const char *done = req_value(r, KEY_DONE);
	const struct doc_slot *slot = doc_slot(done);
	char notice[256];

	req_set(r, "Page.Title", "上传材料");
	req_set(r, "Page.Nav", strcmp(row->kind, "new") == 0 ? "apply" : "renew");
	if (order_to_hdf(id, req_hdf(r), "Order", 0) != 0) {
		req_error(r, 503, NULL);
		return;
	}
	if (order_editable(row->status))
		req_set(r, "Order.Editable", "1");
	purge_to_hdf(id, req_hdf(r), "Order.Purged");
	req_set(r, "Order.Pay", row->pay_status);
	if (status == 200 && slot_needed(slot, row->subject)) {
		snprintf(notice, sizeof(notice), "已上传：%s", slot->label);
		req_set(r, "Page.Notice", notice);
	} else if (status == 200 && done && strcmp(done, "saved") == 0) {
		/* After an edit of a submitted order: say it was saved and what it is now. */
		req_set(r, "Page.Notice", strcmp(row->status, "pending") == 0
		    ? "修改已保存，业务单仍为待审核状态，审核人员将按修改后的内容审核。"
		    : strcmp(row->status, "rejected") == 0
		    ? "修改已保存。业务单仍为审核不通过状态，补正完成后请重新提交审核。"
		    : "修改已保存。");
	}
	fill_slots(r, row, id, err_slot, err_msg);
	fill_missing(r, id);
	req_render(r, status, "upload/page.cs");
}

/* GET view=SLOT: the current document of the slot with its sniffed type. 200; 404 when
 * the slot is not the order's or holds nothing; 500 when the file cannot be read. */
static void send_view(struct req *r, const struct order_row *row, int64_t id, const char *name)
{
	const struct doc_slot *slot = doc_slot(name);
	struct doc_meta meta;
	char filename[96];
	unsigned char *buf;
	size_t len;

	if (!slot_needed(slot, row->subject) || !doc_current(id, slot->name, &meta)) {
		req_error(r, 404, NULL);
		return;
	}
	if (doc_load(id, slot->name, &meta, &buf, &len) != 0) {
		log_error("document %lld of order %lld is unreadable", (long long)meta.id, (long long)id);
		req_error(r, 500, "文件读取失败，请稍后重试");
		return;
	}
	snprintf(filename, sizeof(filename), "%lld-%s.%s", (long long)id, slot->name,
	    strcmp(meta.ctype, "application/pdf") == 0 ? "pdf"
	    : strcmp(meta.ctype, "image/png") == 0 ? "png" : "jpg");
	req_send_inline(r, 200, meta.ctype, buf, len, filename);
	free(buf);
}

/* GET doc=agreement (with an order), or page=agreement (from the application form, before
 * any order exists; readable signed out too): the configured Agreement.File, else the
 * project's marked sample. 200; 503 when the configured file cannot be read or the sample
 * cannot be made. */
static void send_agreement(struct req *r)
{
	const char *file = cfg_str("Agreement.File", NULL);
	unsigned char *pdf = NULL;
	size_t len = 0;

	if (file ? util_read_file(file, AGREEMENT_MAX, &pdf, &len) != 0 : agreement_sample_pdf(&pdf, &len) != 0) {
		log_error("the agreement PDF is not available (Agreement.File %s)", file ? "unreadable" : "unset");
		req_error(r, 503, "协议书暂时无法下载，请稍后再试");
		return;
	}
	req_send(r, 200, "application/pdf", pdf, len,
	    file ? "CFCA网上平台办理协议书.pdf" : "CFCA网上平台办理协议书（样本）.pdf");
	free(pdf);
}

/* GET doc=form|authorization: the pre-filled document as a PDF attachment; with print=1
 * the printable A4 page; with qr=1 its QR code as PNG. 200; 404 for the authorization of
 * a personal order; 503 when it cannot be generated. */
static void send_form(struct req *r, const struct order_row *row, int64_t id, enum form_doc which)
{
	unsigned char *out = NULL;
	size_t len = 0;
	char text[128], filename[96];
	struct doc_meta seal;

	if (which == FORM_AUTHORIZATION && strcmp(row->subject, "enterprise") != 0) {
		req_error(r, 404, NULL);
		return;
	}
	if (req_value(r, KEY_QR)) {
		if (form_qr_text(id, which, text, sizeof(text)) != 0
		    || qr_png(text, QR_SCALE, &out, &len) != 0) {
			req_error(r, 503, NULL);
			return;
		}
		req_send(r, 200, "image/png", out, len, NULL);
		free(out);
		return;
	}
	if (req_value(r, KEY_PRINT)) {
		req_set(r, "Page.Title", which == FORM_AUTHORIZATION ? "授权书"
		    : strcmp(row->subject, "personal") == 0 ? "数字证书申请表（个人）" : "数字证书及电子印章申请表");
		req_set(r, "Page.Nav", strcmp(row->kind, "new") == 0 ? "apply" : "renew");
		req_set(r, "Print.Doc", which == FORM_APPLICATION ? "form" : "authorization");
		if (doc_current(id, "seal", &seal))
			req_set(r, "Print.Seal", "1");
		clock_format(clock_now_ms(), text, sizeof(text));
		req_set(r, "Print.Date", text);
		clock_format(row->created_ms, text, sizeof(text));
		text[strnlen(text, 10)] = '\0';		/* the date part, YYYY-MM-DD */
		req_set(r, "Print.Created", text);
		if (order_to_hdf(id, req_hdf(r), "Order", 1) != 0
		    || form_to_hdf(id, which, req_hdf(r), "Doc") != 0) {
			req_error(r, 503, NULL);
			return;
		}
		req_set(r, "Order.NatureLabel",
		    order_nature_label(hdf_get_value(req_hdf(r), "Order.org_nature", "")));
		req_set(r, "Order.IdTypeLabel",
		    order_id_type_label(hdf_get_value(req_hdf(r), "Order.agent_id_type", "")));
		req_render(r, 200, "upload/print.cs");
		return;
	}
	if (form_pdf(id, which, &out, &len) != 0) {
		req_error(r, 503, "申请表暂时无法生成，请稍后再试");
		return;
	}
	snprintf(filename, sizeof(filename), "%s_%lld.pdf",
	    which == FORM_APPLICATION ? "数字证书申请表" : "授权书", (long long)id);
	req_send(r, 200, "application/pdf", out, len, filename);
	free(out);
}

/* GET ?order=ID[&done=SLOT|saved]: the documents page (200; done=saved after an edit of a
 * submitted order says it was saved and its status); with view=SLOT the stored document, with
 * doc=form|authorization|agreement a download (see send_view, send_form, send_agreement).
 * 404 when the order is not the applicant's or doc is unknown. */
static void show(struct req *r)
{
	struct order_row row;
	int64_t id;
	const char *view = req_value(r, KEY_VIEW), *doc = req_value(r, KEY_DOC);

	if (!load_order(r, &row, &id)) {
		req_error(r, 404, NULL);
		return;
	}
	if (view)
		send_view(r, &row, id, view);
	else if (!doc)
		page(r, &row, id, 200, NULL, NULL);
	else if (strcmp(doc, "form") == 0)
		send_form(r, &row, id, FORM_APPLICATION);
	else if (strcmp(doc, "authorization") == 0)
		send_form(r, &row, id, FORM_AUTHORIZATION);
	else if (strcmp(doc, "agreement") == 0)
		send_agreement(r);
	else
		req_error(r, 404, NULL);
}

/* GET with a missing or invalid field: 404 (nothing of another order is revealed). */
static void show_invalid(struct req *r)
{
	req_error(r, 404, NULL);
}

/* POST (multipart) order, slot, file: stores the document as the slot's current one.
 * 303 to the page with done=SLOT; 404 when the order is not the applicant's; 422 with the
 * page for an unknown slot, a locked order (also one locked while the file was stored),
 * no file, or a file refused by its content; 503 when it cannot be stored. (413 beyond the route's limit comes from the lifecycle.) */
static void do_upload(struct req *r)
{
	struct order_row row;
	const struct doc_slot *slot;
	struct doc_info info;
	const char *msg, *err = NULL;
	char path[160];
	int64_t id;
	FILE *fp;

	if (!load_order(r, &row, &id)) {
		req_error(r, 404, NULL);
		return;
	}
	slot = doc_slot(req_value(r, KEY_SLOT));
	if (!slot_needed(slot, row.subject)) {
		req_form_error(r, "请选择要上传的材料类别");
		page(r, &row, id, 422, NULL, NULL);
		return;
	}
	if (!order_editable(row.status)) {
		req_form_error(r, "该业务单当前状态不能再修改材料");
		page(r, &row, id, 422, NULL, NULL);
		return;
	}
	fp = req_file(r, KEY_FILE);
	if (!fp)
		msg = "请选择要上传的文件";
	else if (doc_sniff(fp, &info) != 0 && info.size == 0)
		msg = "文件为空，请重新选择";
	else
		msg = doc_check(slot, fp, &info);
	if (msg) {
		req_field_error(r, KEY_FILE, msg);
		req_form_error(r, "上传未成功，请按提示修改后重新上传");
		page(r, &row, id, 422, slot->name, msg);
		return;
	}
	if (doc_store(id, slot, fp, &info, req_file_name(r, KEY_FILE), &err) != 0) {
		/* The order may have left the applicant's hands meanwhile (the store asks the
		 * life table in its transaction): 422 then, else a storage failure. */
		int locked = order_get(id, req_user(r), &row) && !order_editable(row.status);
		if (storage_full())
			err = STORAGE_FULL_MESSAGE;
		else if (!err)
			err = "文件保存失败，请稍后重试";
		req_form_error(r, err);
		page(r, &row, id, locked ? 422 : 503, slot->name, err);
		return;
	}
	req_audit(r, "doc_upload", id, "ok", slot->name);
	/* Back to the slot just uploaded (slot names are the table's own ASCII words). */
	snprintf(path, sizeof(path), "/cgi-bin/upload.fcgi?order=%lld&done=%s#slot-%s", (long long)id,
	    slot->name, slot->name);
	req_redirect(r, path);
}

/* A POST with a missing or invalid field: the page (422) when the order is the
 * applicant's, else 404. */
static void post_invalid(struct req *r)
{
	struct order_row row;
	int64_t id;

	if (!load_order(r, &row, &id)) {
		req_error(r, 404, NULL);
		return;
	}
	req_form_error(r, "提交的内容有误，请重新选择文件后上传");
	page(r, &row, id, 422, NULL, NULL);
}

/* POST action=submit, order: submits the order. 303 to pay.fcgi?order=ID; 422 with the
 * page listing what is missing, when the order can no longer be submitted, or when the
 * organisation / person already has a submitted open application of the kind (saying
 * nothing of another applicant's order, linking the applicant's own); 404 when it is not
 * the applicant's; 503 on a storage error. */
static void do_submit(struct req *r)
{
	struct order_row row;
	char path[64];
	int64_t id;

	if (!load_order(r, &row, &id)) {
		req_error(r, 404, NULL);
		return;
	}
	switch (order_submit(req_user(r), id)) {
	case ORDER_OK:
		req_audit(r, "order_submit", id, "ok", NULL);
		snprintf(path, sizeof(path), "/cgi-bin/pay.fcgi?order=%lld", (long long)id);
		req_redirect(r, path);
		return;
	case ORDER_NOT_FOUND:
		req_error(r, 404, NULL);
		return;
	case ORDER_INCOMPLETE:
		req_form_error(r, "提交未成功：以下内容尚未填写或上传，请补充后再提交");
		req_set(r, "Page.MissingError", "1");
		break;
	case ORDER_LOCKED:
		req_form_error(r, "该业务单当前状态不能提交");
		break;
	case ORDER_OPEN_EXISTS: {
		/* Nothing of another applicant's order is said; one's own is linked. */
		int64_t mine = order_open_mine(req_user(r), id);
		req_audit(r, "order_submit", id, "refused", "open_exists");
		req_form_error(r, strcmp(row.subject, "personal") == 0
		    ? "提交未成功：该证件号码已有一个未办结的同类申请，请勿重复申请"
		    : "提交未成功：该单位已有一个未办结的同类申请，请勿重复申请");
		if (mine)
			req_set_int(r, "Page.OpenOrder", mine);
		break;
	}
	default:
		req_error(r, 503, NULL);
		return;
	}
	order_get(id, req_user(r), &row);
	page(r, &row, id, 422, NULL, NULL);
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,     AUTH_USER, 0, 0, 0, NEED(KEY_ORDER), show, show_invalid },
	{ "GET",  NULL, "agreement", AUTH_NONE, 0, 0, 0, 0, send_agreement, NULL },
	{ "POST", NULL, NULL,     AUTH_USER, 0, ROUTE_FILES, UPLOAD_LIMIT, NEED(KEY_ORDER) | NEED(KEY_SLOT),
	  do_upload, post_invalid },
	{ "POST", NULL, "submit", AUTH_USER, 0, 0, SUBMIT_LIMIT, NEED(KEY_ORDER), do_submit, post_invalid },
};

int main(void)
{
	return app_run("upload", routes, nitems(routes), fields, KEY__MAX);
}
