/* lib/sms.c: SMS texts from SMS.Template.* and the built-in wording; the drivers that deliver them are lib/sms_send.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sms.h"
#include "cfg.h"
#include "clock.h"

/* The built-in text of event, used when SMS.Template.<event> is not configured. */
static const char *default_template(const char *event)
{
	if (strcmp(event, "register") == 0)
		return "【{sign}】您的注册验证码为{code}，5分钟内有效。如非本人操作，请忽略本短信。";
	if (strcmp(event, "reset") == 0)
		return "【{sign}】您正在找回密码，验证码为{code}，5分钟内有效。请勿向他人泄露。";
	if (strcmp(event, "review_approved") == 0)
		return "【{sign}】您的数字证书业务单{order}已审核通过，请登录平台完成支付，我们将尽快为您制作证书。";
	if (strcmp(event, "review_approved_paid") == 0)
		return "【{sign}】您的数字证书业务单{order}已审核通过，款项已到账，我们将尽快为您制作证书。";
	if (strcmp(event, "review_rejected") == 0)
		return "【{sign}】您的数字证书业务单{order}审核未通过，原因：{reason}；需补正：{items}。请登录平台修改后重新提交。";
	if (strcmp(event, "order_cancelled") == 0)
		return "【{sign}】您的数字证书业务单{order}已被受理点取消，原因：{reason}。如已付款，款项将原路退回。";
	if (strcmp(event, "payment_confirmed") == 0)
		return "【{sign}】您为数字证书业务单{order}办理的对公转账{amount}元已确认到账。";
	if (strcmp(event, "payment_confirmed_refund") == 0)
		return "【{sign}】您为数字证书业务单{order}办理的对公转账{amount}元已到账，但{cause}，不能用于支付本业务单，款项将原路退回。";
	if (strcmp(event, "payment_declined") == 0)
		return "【{sign}】您为数字证书业务单{order}提交的对公转账信息未能确认，原因：{reason}。请核对后重新提交或改用支付宝支付。";
	if (strcmp(event, "payment_refunded") == 0)
		return "【{sign}】数字证书业务单{order}的款项{amount}元已办理退款，将原路退回，原因：{reason}。";
	if (strcmp(event, "order_shipped") == 0)
		return "【{sign}】您的数字证书业务单{order}的证书已寄出，承运：{carrier}，运单号：{tracking_no}。收到后请登录平台确认收货。";
	if (strcmp(event, "order_ready") == 0)
		return "【{sign}】您的数字证书业务单{order}的证书已制作完成，请于{hours}到{address}领取，领取时请携带经办人身份证件。";
	if (strcmp(event, "cert_expiring") == 0)
		return "【{sign}】您在数字证书业务单{order}办理的证书（序列号{serial}）将于{expires}到期，还有{days}天。为免影响使用，请及时办理续费：{link}";
	if (strcmp(event, "order_ready_personal") == 0)
		return "【{sign}】您的数字证书业务单{order}的证书已制作完成，请于{hours}到{address}领取，领取时请携带本人身份证件。";
	return NULL;
}

/* Appends src to the malloc'd *buf of length *len; returns 0 or -1. */
static int append(char **buf, size_t *len, const char *src, size_t n)
{
	char *p = realloc(*buf, *len + n + 1);

	if (!p)
		return -1;
	memcpy(p + *len, src, n);
	*len += n;
	p[*len] = '\0';
	*buf = p;
	return 0;
}

char *sms_format(const char *event, const char *const *vars)
{
	char key[64];
	const char *tpl, *p;
	char *out = NULL;
	size_t len = 0, i;

	snprintf(key, sizeof(key), "SMS.Template.%s", event);
	tpl = cfg_str(key, default_template(event));
	if (!tpl || append(&out, &len, "", 0) != 0)
		return NULL;
	for (p = tpl; *p;) {
		const char *rep = NULL;
		size_t skip = 1;
		if (strncmp(p, "{sign}", 6) == 0) {
			rep = cfg_str("SMS.Sign", "");
			skip = 6;
		}
		for (i = 0; !rep && *p == '{' && vars && vars[i] && vars[i + 1]; i += 2) {
			size_t n = strlen(vars[i]);
			if (strncmp(p + 1, vars[i], n) == 0 && p[n + 1] == '}') {
				rep = vars[i + 1];
				skip = n + 2;
			}
		}
		if (rep ? append(&out, &len, rep, strlen(rep)) : append(&out, &len, p, 1)) {
			free(out);
			return NULL;
		}
		p += skip;
	}
	return out;
}

char *sms_text(const char *event, const char *code)
{
	const char *vars[] = { "code", code ? code : "", NULL };

	return sms_format(event, vars);
}
