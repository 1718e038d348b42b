/* cgi-bin/renew.c: 证书续费 and 证书补办: start from an earlier completed order or a certificate serial number, then the application form. */
#include <stdio.h>
#include <string.h>
#include "app.h"
#include "order.h"
#include "orderform.h"

/* Adds one completed order of the applicant to the choice (Previous.N.*). */
static void add_previous(void *ctx, const struct order_row *row)
{
	struct req *r = ctx;
	HDF *hdf = req_hdf(r);
	char key[48];
	int n = 0;

	if (strcmp(row->status, "completed") != 0)
		return;
	while (snprintf(key, sizeof(key), "Previous.%d.Id", n), hdf_get_value(hdf, key, NULL))
		n++;
	req_set_int(r, key, row->id);
	snprintf(key, sizeof(key), "Previous.%d.Subject", n);
	req_set(r, key, order_subject_label(row->subject));
	snprintf(key, sizeof(key), "Previous.%d.Project", n);
	req_set(r, key, order_project_label(row->project));
	snprintf(key, sizeof(key), "Previous.%d.Years", n);
	req_set_int(r, key, row->years);
}

/* GET without kind: the choice of 证书续费 / 证书补办 and of the earlier order or serial
 * number; with kind and prev_order, or kind, subject and cert_serial: the form. 200; 404. */
static void start(struct req *r)
{
	if (req_value(r, OF_ORDER) || (req_value(r, OF_KIND) && (req_value(r, OF_PREV_ORDER)
	    || req_value(r, OF_SUBJECT)))) {
		orderform_show(r);
		return;
	}
	req_set(r, "Page.Title", "证书续费");
	req_set(r, "Page.Nav", "renew");
	order_list(req_user(r), "completed", 0, 0, 50, add_previous, r);
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
