/* lib/alipay_gw.c: the Alipay gateway client: precreate, query and close POSTed with libcurl, answers verified with lib/alipay.c before jansson parses them. */
#include "alipay_gw.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "alipay.h"
#include "cfg.h"
#include "clock.h"
#include "log.h"

/* Gateway answers are a few hundred bytes; anything bigger is not believed. */
#define REPLY_MAX (256 * 1024)
#define CONNECT_TIMEOUT_S 5L
#define TOTAL_TIMEOUT_S 15L
#define SUBJECT_MAX 256
/* The longest out_trade_no struct alipay_gw_reply holds. */
#define TRADE_NO_MAX 63
/* After a call that timed out (a gateway that accepts and never answers), this process
 * calls no more for this long: a page would only wait out the same timeout again, and a
 * FastCGI process waiting serves nothing else (SECURITY.md 22, 26). */
#define HOLD_AFTER_TIMEOUT_MS (30 * 1000LL)

/* Until when (clock_now_ms) calls are answered UNREACHABLE without trying; 0: none. */
static int64_t hold_until_ms;

/* The settings one call needs: the gateway, its scheme ("https", or "http" for a
 * loopback host), the app id, the notification address and both key paths. */
struct gw_conf {
	const char *url, *scheme, *app_id, *notify_url;
	char private_key[1024], public_key[1024];
};

/* The answer body as it arrives, NUL-terminated; too_big once it passed REPLY_MAX. */
struct reply_buf {
	char *data;
	size_t len;
	int too_big;
};

/* Resolves the key file named by key into out: absolute as configured, relative to
 * Data.Dir otherwise. Returns 0, or -1 when unset, too long or unreadable. */
static int key_path(const char *key, char *out, size_t size)
{
	const char *v = cfg_str(key, NULL);

	if (!v || cfg_data_path(v, out, size) != 0)
		return -1;
	return access(out, R_OK) == 0 ? 0 : -1;
}

/* 1 when host (as libcurl's URL parser gives it) is the loopback interface. */
static int loopback_host(const char *host)
{
	return strcmp(host, "127.0.0.1") == 0 || strcmp(host, "[::1]") == 0 ||
	       strcasecmp(host, "localhost") == 0;
}

/* The scheme the gateway URL may be fetched with: "https", or "http" when its host is a
 * loopback address (the local fake); NULL when the URL is malformed or plain http
 * leaves the machine. */
static const char *gateway_scheme(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	const char *r = NULL;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		if (strcasecmp(scheme, "https") == 0)
			r = "https";
		else if (strcasecmp(scheme, "http") == 0 && loopback_host(host))
			r = "http";
	}
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return r;
}

/* Fills c from the configuration. Returns 0, or -1 after logging what is missing. */
static int load_conf(struct gw_conf *c)
{
	c->url = cfg_str("Alipay.Gateway", NULL);
	c->app_id = cfg_str("Alipay.AppId", NULL);
	c->notify_url = cfg_str("Alipay.NotifyURL", "");
	if (!c->url || !c->app_id) {
		log_error("alipay: Alipay.Gateway or Alipay.AppId is not set");
		return -1;
	}
	c->scheme = gateway_scheme(c->url);
	if (!c->scheme) {
		log_error("alipay: Alipay.Gateway must be an https URL (plain http only to a loopback host)");
		return -1;
	}
	if (key_path("Alipay.PrivateKeyFile", c->private_key, sizeof(c->private_key)) != 0 ||
	    key_path("Alipay.PublicKeyFile", c->public_key, sizeof(c->public_key)) != 0) {
		log_error("alipay: Alipay.PrivateKeyFile or Alipay.PublicKeyFile is missing or unreadable");
		return -1;
	}
	return 0;
}

int alipay_gw_configured(void)
{
	return cfg_str("Alipay.Gateway", NULL) && cfg_str("Alipay.AppId", NULL) &&
	       cfg_str("Alipay.PrivateKeyFile", NULL) && cfg_str("Alipay.PublicKeyFile", NULL);
}

/* libcurl write callback: appends to the reply_buf, refusing more than REPLY_MAX bytes. */
static size_t collect(char *p, size_t size, size_t n, void *ctx)
{
	struct reply_buf *b = ctx;
	size_t add = size * n;
	char *d;

	if (add > REPLY_MAX - b->len) {
		b->too_big = 1;
		return 0;
	}
	d = realloc(b->data, b->len + add + 1);
	if (!d)
		return 0;
	memcpy(d + b->len, p, add);
	b->len += add;
	d[b->len] = '\0';
	b->data = d;
	return add;
}

/* POSTs the form body to the gateway (never through a proxy when it is the loopback
 * fake) and stores the answer in b. Returns ALIPAY_GW_OK
 * on a 2xx answer, ALIPAY_GW_BAD_REPLY when it was too big, else ALIPAY_GW_UNREACHABLE
 * (at once, without a call, within HOLD_AFTER_TIMEOUT_MS of a call that timed out). */
static enum alipay_gw_result post(const struct gw_conf *c, const char *form, struct reply_buf *b)
{
	CURL *h = curl_easy_init();
	struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/x-www-form-urlencoded;charset=utf-8");
	CURLcode rc = CURLE_FAILED_INIT;
	long status = 0;

	if (hold_until_ms - clock_now_ms() > HOLD_AFTER_TIMEOUT_MS)
		hold_until_ms = 0;	/* the clock was set back */
	if (clock_now_ms() < hold_until_ms) {
		log_warn("alipay: the gateway timed out moments ago; not called again yet");
		curl_slist_free_all(hdr);
		curl_easy_cleanup(h);
		return ALIPAY_GW_UNREACHABLE;
	}
	if (h && hdr) {
		curl_easy_setopt(h, CURLOPT_URL, c->url);
		curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, c->scheme);
		curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
		if (strcmp(c->scheme, "http") == 0)
			curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, form);
		curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
		curl_easy_setopt(h, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
		curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(h, CURLOPT_MAXFILESIZE, (long)REPLY_MAX);
		curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
		curl_easy_setopt(h, CURLOPT_WRITEDATA, b);
		rc = curl_easy_perform(h);
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	}
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	if (b->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		log_error("alipay: the gateway's answer is larger than %d bytes", REPLY_MAX);
		return ALIPAY_GW_BAD_REPLY;
	}
	hold_until_ms = rc == CURLE_OPERATION_TIMEDOUT ? clock_now_ms() + HOLD_AFTER_TIMEOUT_MS : 0;
	if (rc != CURLE_OK) {
		log_error("alipay: gateway unreachable: %s", curl_easy_strerror(rc));
		return ALIPAY_GW_UNREACHABLE;
	}
	if (status < 200 || status > 299) {
		log_error("alipay: the gateway answered HTTP %ld", status);
		return ALIPAY_GW_UNREACHABLE;
	}
	return ALIPAY_GW_OK;
}

/* Copies the string member name of node into dst: absent leaves dst empty and is fine;
 * a non-string is refused; too long is truncated on a UTF-8 character boundary when
 * may_cut (human-readable messages), refused otherwise. Returns 0, or -1. */
static int copy_member(json_t *node, const char *name, char *dst, size_t size, int may_cut)
{
	json_t *v = json_object_get(node, name);
	const char *s;
	size_t n;

	if (!v)
		return 0;
	s = json_string_value(v);
	if (!s)
		return -1;
	n = strlen(s);
	if (n >= size) {
		if (!may_cut)
			return -1;
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

/* Copies the members of a verified answer node into out. Returns 0, or -1 when one is
 * not a string or an identifier does not fit. */
static int copy_reply(json_t *node, struct alipay_gw_reply *out)
{
	const char *amount = json_string_value(json_object_get(node, "total_amount"));

	if (copy_member(node, "code", out->code, sizeof(out->code), 0) ||
	    copy_member(node, "msg", out->msg, sizeof(out->msg), 1) ||
	    copy_member(node, "sub_code", out->sub_code, sizeof(out->sub_code), 0) ||
	    copy_member(node, "sub_msg", out->sub_msg, sizeof(out->sub_msg), 1) ||
	    copy_member(node, "out_trade_no", out->out_trade_no, sizeof(out->out_trade_no), 0) ||
	    copy_member(node, "qr_code", out->qr_code, sizeof(out->qr_code), 0) ||
	    copy_member(node, "trade_no", out->trade_no, sizeof(out->trade_no), 0) ||
	    copy_member(node, "trade_status", out->trade_status, sizeof(out->trade_status), 0) ||
	    copy_member(node, "buyer_logon_id", out->buyer_logon_id, sizeof(out->buyer_logon_id), 0))
		return -1;
	if (!amount || util_yuan_to_fen(amount, &out->total_fen) != 0)
		out->total_fen = -1;
	return 0;
}

/* 1 when status is one of the four trade states Alipay's query answers with. */
static int known_status(const char *status)
{
	static const char *const known[] = { "WAIT_BUYER_PAY", "TRADE_SUCCESS", "TRADE_FINISHED",
					     "TRADE_CLOSED" };
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(status, known[i]) == 0)
			return 1;
	return 0;
}

/* Judges the copied answer of method for out_trade_no: the business result, or
 * ALIPAY_GW_BAD_REPLY when a successful answer lacks what the method promises or names
 * another trade. */
static enum alipay_gw_result judge(const char *method, const char *out_trade_no,
				   const struct alipay_gw_reply *out)
{
	if (!out->code[0])
		return ALIPAY_GW_BAD_REPLY;
	if (strcmp(out->code, "10000") != 0) {
		log_warn("alipay: %s refused: code %s, sub_code %s", method, out->code, out->sub_code);
		return strcmp(out->sub_code, "ACQ.TRADE_NOT_EXIST") == 0 ? ALIPAY_GW_NOT_EXIST
									 : ALIPAY_GW_REFUSED;
	}
	if (out->out_trade_no[0] ? strcmp(out->out_trade_no, out_trade_no) != 0
				 : strcmp(method, "alipay.trade.precreate") == 0)
		return ALIPAY_GW_BAD_REPLY;
	if (strcmp(method, "alipay.trade.precreate") == 0 && !out->qr_code[0])
		return ALIPAY_GW_BAD_REPLY;
	if (strcmp(method, "alipay.trade.query") == 0 && !known_status(out->trade_status))
		return ALIPAY_GW_BAD_REPLY;
	return ALIPAY_GW_OK;
}

/* Logs why an answer of method was not believed; a signed error_response (e.g. the
 * gateway rejecting our own signature) names its sub_code. */
static void log_unverified(const char *method, const char *raw, const char *public_key)
{
	char *node = NULL, sub_code[64] = "";
	json_t *err = NULL;

	if (alipay_response_verify(raw, "error", public_key, &node) == 1)
		err = json_loads(node, JSON_REJECT_DUPLICATES, NULL);
	if (err && copy_member(err, "sub_code", sub_code, sizeof(sub_code), 0) == 0 && sub_code[0])
		log_error("alipay: %s answered error_response %s", method, sub_code);
	else
		log_error("alipay: %s answer is unsigned, badly signed or malformed", method);
	json_decref(err);
	free(node);
}

/* Verifies the raw answer of method, then parses and judges the verified node. */
static enum alipay_gw_result read_answer(const char *method, const char *out_trade_no,
					 const struct gw_conf *c, const struct reply_buf *b,
					 struct alipay_gw_reply *out)
{
	char *node_text = NULL;
	json_t *node;
	enum alipay_gw_result r;
	int v;

	if (!b->data || strlen(b->data) != b->len) {
		log_error("alipay: %s answer is empty or holds a NUL byte", method);
		return ALIPAY_GW_BAD_REPLY;
	}
	v = alipay_response_verify(b->data, method, c->public_key, &node_text);
	if (v != 1) {
		if (v < 0)
			log_error("alipay: cannot verify with Alipay.PublicKeyFile");
		else
			log_unverified(method, b->data, c->public_key);
		return v < 0 ? ALIPAY_GW_CONFIG : ALIPAY_GW_BAD_REPLY;
	}
	node = json_loads(node_text, JSON_REJECT_DUPLICATES, NULL);
	free(node_text);
	r = json_is_object(node) && copy_reply(node, out) == 0 ? judge(method, out_trade_no, out)
							    : ALIPAY_GW_BAD_REPLY;
	json_decref(node);
	if (r == ALIPAY_GW_BAD_REPLY)
		log_error("alipay: %s answer is signed but not as expected", method);
	return r;
}

/* Sends method with biz (a JSON object, consumed) for out_trade_no and reads the answer
 * into out (zeroed first). notify says whether Alipay.NotifyURL goes along. */
static enum alipay_gw_result call(const char *method, json_t *biz, int notify, const char *out_trade_no,
				  struct alipay_gw_reply *out)
{
	struct gw_conf c;
	struct reply_buf b = { NULL, 0, 0 };
	char *biz_text = NULL, *form = NULL;
	enum alipay_gw_result r = ALIPAY_GW_CONFIG;

	memset(out, 0, sizeof(*out));
	out->total_fen = -1;
	if (load_conf(&c) != 0) {
		json_decref(biz);
		return ALIPAY_GW_CONFIG;
	}
	biz_text = json_dumps(biz, JSON_COMPACT);
	json_decref(biz);
	if (!biz_text)
		log_error("alipay: %s: cannot build biz_content", method);
	else if (alipay_build_request(c.app_id, method, biz_text, notify ? c.notify_url : NULL,
				      c.private_key, clock_now_ms() / 1000, &form) != 0)
		log_error("alipay: %s: cannot sign with Alipay.PrivateKeyFile", method);
	else
		r = post(&c, form, &b);
	if (r == ALIPAY_GW_OK)
		r = read_answer(method, out_trade_no, &c, &b, out);
	free(biz_text);
	free(form);
	free(b.data);
	return r;
}

/* 1 when out_trade_no can name a trade (Alipay allows at most 64 bytes). */
static int valid_trade_no(const char *out_trade_no)
{
	return out_trade_no && out_trade_no[0] && strlen(out_trade_no) <= TRADE_NO_MAX;
}

/* Marks out as refused locally for a bad argument, without a request. */
static enum alipay_gw_result bad_argument(const char *method, struct alipay_gw_reply *out)
{
	memset(out, 0, sizeof(*out));
	out->total_fen = -1;
	snprintf(out->sub_code, sizeof(out->sub_code), "certdesk.invalid-argument");
	log_error("alipay: %s called with an invalid argument", method);
	return ALIPAY_GW_REFUSED;
}

enum alipay_gw_result alipay_gw_precreate(const char *out_trade_no, int64_t fen, const char *subject,
    struct alipay_gw_reply *out)
{
	char amount[24];
	json_t *biz;

	if (!valid_trade_no(out_trade_no) || fen <= 0 || alipay_fen_to_amount(fen, amount) != 0 ||
	    !subject || !subject[0] || strlen(subject) > SUBJECT_MAX)
		return bad_argument("alipay.trade.precreate", out);
	biz = json_pack("{s:s, s:s, s:s, s:s}", "out_trade_no", out_trade_no, "total_amount", amount,
			"subject", subject, "timeout_express", "2h");
	if (!biz)
		return bad_argument("alipay.trade.precreate", out);
	return call("alipay.trade.precreate", biz, 1, out_trade_no, out);
}

/* Sends method (query or close) for out_trade_no. */
static enum alipay_gw_result by_trade(const char *method, const char *out_trade_no, struct alipay_gw_reply *out)
{
	json_t *biz = valid_trade_no(out_trade_no) ? json_pack("{s:s}", "out_trade_no", out_trade_no) : NULL;

	if (!biz)
		return bad_argument(method, out);
	return call(method, biz, 0, out_trade_no, out);
}

enum alipay_gw_result alipay_gw_query(const char *out_trade_no, struct alipay_gw_reply *out)
{
	return by_trade("alipay.trade.query", out_trade_no, out);
}

enum alipay_gw_result alipay_gw_close(const char *out_trade_no, struct alipay_gw_reply *out)
{
	return by_trade("alipay.trade.close", out_trade_no, out);
}
