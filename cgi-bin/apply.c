/* cgi-bin/apply.c: 证书新办: choose 企业证书 or 个人证书, then fill, save and edit the application form. */
#include <string.h>
#include "app.h"
#include "orderform.h"

/* GET without subject or order: the choice between 企业证书 and 个人证书. 200. */
static void choose(struct req *r)
{
	if (req_value(r, OF_SUBJECT) || req_value(r, OF_ORDER)) {
		orderform_show(r);
		return;
	}
	req_set(r, "Page.Title", "证书新办");
	req_set(r, "Page.Nav", "apply");
	req_render(r, 200, "apply/choose.cs");
}

/* POST save: a new application (renewals and reissues are renew.fcgi's). 303 to the upload
 * page; 422 with the form on bad input; 404 when the order is not the applicant's. */
static void save(struct req *r)
{
	const char *kind = req_value(r, OF_KIND);

	if (kind && strcmp(kind, "new") != 0) {
		req_field_error(r, OF_KIND, "续费和补办请从“证书续费”办理");
		orderform_invalid(r);
		return;
	}
	orderform_save(r);
}

static const struct route routes[] = {
	{ "GET",  NULL, NULL,    AUTH_USER, 0, 0, 0, 0, choose, orderform_invalid },
	{ "GET",  NULL, "fee",   AUTH_USER, 0, 0, 0, 0, orderform_fee, orderform_fee },
	{ "POST", NULL, NULL,    AUTH_USER, 0, 0, 0, ORDERFORM_NEED, save, orderform_invalid },
	{ "POST", NULL, "save",  AUTH_USER, 0, 0, 0, ORDERFORM_NEED, save, orderform_invalid },
	{ "POST", NULL, "quote", AUTH_USER, 0, 0, 0, 0, orderform_quote, orderform_invalid },
};

int main(void)
{
	return app_run("apply", routes, nitems(routes), orderform_fields, OF__MAX);
}
