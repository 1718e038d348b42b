/* cgi-bin/renew.c: 证书续费 and 证书补办: start from an earlier completed order or a certificate serial number, then the application form. */
#include <stdio.h>
#include <string.h>
#include "app.h"
#include "lifecycle.h"
#include "order.h"
#include "orderform.h"

/* Adds one completed order of the applicant to the list (Previous.N.*: Id, Subject, Name,
 * Project, Years, Serial, Expires, and CanRenew when the life table lets them renew it). */
static void add_previous(void *ctx, const struct order_row *row, const char *serial,
    const char *expires)
{
	struct req *r = ctx;
	HDF *hdf = req_hdf(r);
	struct life_state state = life_state_of(row);
	char key[48];
	int n = hdf_get_int_value(hdf, "Page.PreviousCount", 0);

#define SET(name, value) do { snprintf(key, sizeof(key), "Previous.%d." name, n); \
		if (value) req_set(r, key, value); } while (0)
	snprintf(key, sizeof(key), "Previous.%d.Id", n);
	req_set_int(r, key, row->id);
	SET("Subject", order_subject_label(row->subject));
	SET("Kind", order_kind_label(row->kind));
	SET("Project", order_project_label(row->project));
	SET("Serial", serial);
	SET("Expires", expires);
	snprintf(key, sizeof(key), "Previous.%d.Years", n);
	req_set_int(r, key, row->years);
	if (life_find("renew", LIFE_USER, 0, &state))
		SET("CanRenew", "1");
#undef SET
	req_set_int(r, "Page.PreviousCount", n + 1);
}

/* GET without kind or prev_order: 证书续费, the applicant's completed orders with their
 * certificate serial and expiry, each with 续费 and 补办 links, and the start by serial
 * number; with prev_order (and kind renew or reissue, renew when absent): the form
 * prefilled from that order, 404 unless it is the applicant's own renewable order; with
 * kind, subject and cert_serial: the form. 200; 404; 422 for a malformed serial. */
static void start(struct req *r)
{
	if (req_value(r, OF_ORDER) || req_value(r, OF_PREV_ORDER)
	    || (req_value(r, OF_KIND) && req_value(r, OF_SUBJECT))) {
		orderform_show(r);
		return;
	}
	req_set(r, "Page.Title", "证书续费");
	req_set(r, "Page.Nav", "renew");
	order_list_completed(req_user(r), add_previous, r);
	req_render(r, 200, "renew/choose.cs");
}

/* POST save: a renewal or reissue only (证书新办 is apply.fcgi's). 303 to the upload page;
 * 422 with the form on bad input; 404 when the order is not the applicant's. */
static void save(struct req *r)
{
	const char *kind = req_value(r, OF_KIND);

	if (!kind || strcmp(kind, "new") == 0) {
		req_field_error(r, OF_KIND, "请选择证书续费或证书补办");
		orderform_invalid(r);
		return;
	}
	orderform_save(r);
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,    AUTH_USER, 0, 0, 0, 0, start, orderform_invalid },
	{ "GET",  NULL, "fee",   AUTH_USER, 0, 0, 0, 0, orderform_fee, orderform_fee },
	{ "POST", NULL, NULL,    AUTH_USER, 0, 0, 0, ORDERFORM_NEED | NEED(OF_KIND), save,
	  orderform_invalid },
	{ "POST", NULL, "save",  AUTH_USER, 0, 0, 0, ORDERFORM_NEED | NEED(OF_KIND), save,
	  orderform_invalid },
	{ "POST", NULL, "quote", AUTH_USER, 0, 0, 0, 0, orderform_quote, orderform_invalid },
};

int main(void)
{
	return app_run("renew", routes, nitems(routes), orderform_fields, OF__MAX);
}
