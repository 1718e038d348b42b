/* tests/unit/tnotify.h: Alipay's asynchronous notifications as the unit tests send them: every documented parameter, signed RSA2 with the stand-in Alipay key of tests/unit/alipay-keys. */
#ifndef CERTDESK_TNOTIFY_H
#define CERTDESK_TNOTIFY_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "alipay.h"
#include "tsite.h"

#ifndef TNOTIFY_APP_ID
#define TNOTIFY_APP_ID "2021000000000001"
#endif
#ifndef TNOTIFY_SELLER_ID
#define TNOTIFY_SELLER_ID "2088000000000001"
#endif

/* What a notification says. */
struct tnotify {
	const char *out_trade_no, *trade_no, *status, *amount, *app_id, *seller_id;
};

/* Appends s to b (size cap) form-encoded: unreserved bytes kept, space as '+', the rest %XX. */
static inline void tnotify_enc(char *b, size_t cap, const char *s)
{
	size_t n = strlen(b);

	for (; *s && n + 4 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
		    || c == '_' || c == '.' || c == '~')
			b[n++] = (char)c;
		else if (c == ' ')
			b[n++] = '+';
		else
			n += (size_t)sprintf(b + n, "%%%02X", c);
	}
	b[n] = '\0';
}

/* Builds the form body Alipay would POST for n, signed with the stand-in Alipay key:
 * every parameter but sign and sign_type signed; drop leaves a parameter out before
 * signing; tamper_name gets tamper_value after signing; reversed writes the
 * parameters in the opposite order. Returns a malloc'd body (NULL on failure). */
static inline char *tnotify_body(const struct tnotify *n, int reversed, const char *drop, const char *tamper_name,
    const char *tamper_value)
{
	const char *all[] = {
		"notify_time", "2026-01-05 10:00:02", "notify_type", "trade_status_sync",
		"notify_id", "ac05099524730693a8b330c5ecf72da9786", "charset", "utf-8", "version", "1.0",
		"sign_type", "RSA2", "app_id", n->app_id ? n->app_id : TNOTIFY_APP_ID, "auth_app_id", TNOTIFY_APP_ID,
		"seller_id", n->seller_id ? n->seller_id : TNOTIFY_SELLER_ID, "seller_email", "pay@example.com",
		"trade_no", n->trade_no, "out_trade_no", n->out_trade_no, "buyer_logon_id", "159****5620",
		"buyer_id", "2088102122524333", "trade_status", n->status, "total_amount", n->amount,
		"receipt_amount", n->amount, "invoice_amount", n->amount, "buyer_pay_amount", n->amount,
		"point_amount", "0.00", "subject", "数字证书业务单", "gmt_create", "2026-01-05 09:59:50",
		"gmt_payment", "2026-01-05 10:00:01",
		"fund_bill_list", "[{\"amount\":\"1.00\",\"fundChannel\":\"ALIPAYACCOUNT\"}]", NULL };
	const char *p[80];
	char *s = NULL, *sig = NULL, *body;
	size_t i, k = 0, cap = 16384;

	for (i = 0; all[i]; i += 2)
		if (!drop || strcmp(all[i], drop) != 0) {
			p[k++] = all[i];
			p[k++] = all[i + 1];
		}
	p[k] = NULL;
	if (alipay_sign_string(p, 1, &s) != 0 || alipay_rsa2_sign(tsite_key("alipay_private.pem"), s, &sig) != 0) {
		free(s);
		free(sig);
		return NULL;
	}
	free(s);
	body = calloc(1, cap);
	if (!body) {
		free(sig);
		return NULL;
	}
	if (reversed) {
		strcat(body, "sign=");
		tnotify_enc(body, cap, sig);
	}
	for (i = 0; i < k; i += 2) {
		size_t j = reversed ? k - 2 - i : i;
		if (body[0])
			strcat(body, "&");
		strcat(body, p[j]);
		strcat(body, "=");
		tnotify_enc(body, cap, tamper_name && strcmp(p[j], tamper_name) == 0 ? tamper_value : p[j + 1]);
	}
	if (!reversed) {
		strcat(body, "&sign=");
		tnotify_enc(body, cap, sig);
	}
	free(sig);
	return body;
}

#endif
