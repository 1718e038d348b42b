/* cgi-bin/pay.c: 订单支付: the amount due of a submitted order and how to pay it (Alipay and transfer claims come with the payment step). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "cfg.h"
#include "order.h"

enum key { KEY_ORDER, KEY__MAX };

static const struct field fields[KEY__MAX] = {
	[KEY_ORDER] = { "order", valid_id, 19, 0 },
};

/* GET ?order=ID: the amount due and the corporate account for a transfer. 200; 404 when
 * the order is not the applicant's; 303 to the order page while it is a draft. */
static void show(struct req *r)
{
	int64_t id = strtoll(req_value(r, KEY_ORDER), NULL, 10);
	struct order_row row;
	char path[96];

	if (!order_get(id, req_user(r), &row)) {
		req_error(r, 404, NULL);
		return;
	}
	if (strcmp(row.status, "draft") == 0) {
		snprintf(path, sizeof(path), "/cgi-bin/upload.fcgi?order=%lld", (long long)id);
		req_redirect(r, path);
		return;
	}
	order_to_hdf(id, req_hdf(r), "Order", 0);
	req_set(r, "Page.Title", "订单支付");
	req_set(r, "Page.Nav", "orders");
	req_set(r, "Bank.Name", cfg_str("Bank.Name", ""));
	req_set(r, "Bank.Branch", cfg_str("Bank.Branch", ""));
	req_set(r, "Bank.Account", cfg_str("Bank.Account", ""));
	req_set(r, "Bank.Holder", cfg_str("Bank.Holder", ""));
	req_render(r, 200, "pay/show.cs");
}

static const struct route routes[] = {
	{ "GET", NULL, NULL, AUTH_USER, 0, 0, 0, NEED(KEY_ORDER), show, NULL },
};

int main(void)
{
	return app_run("pay", routes, nitems(routes), fields, KEY__MAX);
}
