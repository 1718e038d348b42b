/* tests/unit/t_alipay_gw.c: TAP tests of lib/alipay_gw.c against tests/fakes/alipay_gateway.py (precreate, query, close, broken answers, wrong keys, configuration). */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "alipay_gw.h"
#include "tap.h"
#include "tfake.h"
#include "tsite.h"

#define APP_ID "2021000000000001"
#define NOTIFY_URL "http://127.0.0.1:9/cgi-bin/pay.fcgi/alipay/notify"

static char dir[] = "/tmp/t_alipay_gw.XXXXXX";
static char gateway[128];
static struct tfake gw;

/* Configures the fake gateway with the given key files and app id. */
static int configure_keys(const char *private_key, const char *public_key, const char *app_id)
{
	char extra[2048];

	snprintf(extra, sizeof(extra),
		 "Alipay.Gateway = %s\nAlipay.AppId = %s\nAlipay.PrivateKeyFile = %s\n"
		 "Alipay.PublicKeyFile = %s\nAlipay.NotifyURL = %s\n",
		 gateway, app_id, private_key, public_key, NOTIFY_URL);
	return tsite_configure(dir, extra);
}

/* The normal configuration: the app key copied to Data.Dir/keys (a relative path). */
static int configure_good(void)
{
	return configure_keys("keys/app_private.pem", tsite_key("alipay_public.pem"), APP_ID);
}

/* Copies the file from to to; returns 0 or -1. */
static int copy_file(const char *from, const char *to)
{
	char buf[4096];
	size_t n;
	int rc = 0;
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;

	while (out && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (!out || fclose(out) != 0)
		rc = -1;
	if (in)
		fclose(in);
	return rc;
}

/* Starts the fake gateway with its log and standard error in the site directory and sets
 * gateway to its /gateway.do URL. Returns 0 or -1. */
static int start_fake(void)
{
	char logf[600], errf[600];
	const char *opts[] = { "--log", logf, NULL };

	snprintf(logf, sizeof(logf), "%s/alipay-fake.log", dir);
	snprintf(errf, sizeof(errf), "%s/alipay-fake.err", dir);
	if (tfake_start(&gw, "alipay_gateway.py", opts, errf) != 0)
		return -1;
	snprintf(gateway, sizeof(gateway), "http://127.0.0.1:%d/gateway.do", gw.port);
	return 0;
}

/* The string member name of the fake's last logged gateway request ("" when none);
 * signature_ok is stored in *sig_ok. The result is in a static buffer. */
static const char *last_request(const char *name, int *sig_ok)
{
	static char out[1024];
	json_t *list = NULL, *last;
	const char *v;

	out[0] = '\0';
	*sig_ok = -1;
	tfake_call(&gw, 0, "/requests", &list);
	last = json_array_get(list, json_array_size(list) - 1);
	if (last) {
		v = json_string_value(json_object_get(last, name));
		snprintf(out, sizeof(out), "%s", v ? v : "");
		*sig_ok = json_is_true(json_object_get(last, "signature_ok"));
	}
	json_decref(list);
	return out;
}

/* The string member name of the biz_content of the fake's last request, in a static buffer. */
static const char *last_biz(const char *name)
{
	static char out[512];
	int sig_ok;
	json_t *biz = json_loads(last_request("biz_content", &sig_ok), 0, NULL);
	const char *v = json_string_value(json_object_get(biz, name));

	snprintf(out, sizeof(out), "%s", v ? v : "");
	json_decref(biz);
	return out;
}

static void test_unconfigured(void)
{
	struct alipay_gw_reply r;

	tsite_configure(dir, "");
	is_int(alipay_gw_configured(), 0, "config: nothing set is not configured");
	is_int(alipay_gw_precreate("T0", 100, "x", &r), ALIPAY_GW_CONFIG, "config: precreate without settings");
	is_int(alipay_gw_query("T0", &r), ALIPAY_GW_CONFIG, "config: query without settings");
	configure_keys("keys/app_private.pem", tsite_key("alipay_public.pem"), "");
	is_int(alipay_gw_configured(), 0, "config: no AppId is not configured");
	is_int(alipay_gw_close("T0", &r), ALIPAY_GW_CONFIG, "config: close without AppId");
	configure_keys("keys/missing.pem", tsite_key("alipay_public.pem"), APP_ID);
	is_int(alipay_gw_configured(), 1, "config: every key named is configured");
	is_int(alipay_gw_query("T0", &r), ALIPAY_GW_CONFIG, "config: a missing private key file");
	configure_keys("keys/app_private.pem", tsite_key("missing.pem"), APP_ID);
	is_int(alipay_gw_query("T0", &r), ALIPAY_GW_CONFIG, "config: a missing public key file");
	configure_keys(tsite_key("README"), tsite_key("alipay_public.pem"), APP_ID);
	is_int(alipay_gw_query("T0", &r), ALIPAY_GW_CONFIG, "config: a private key file that is no key");
}

static void test_precreate(void)
{
	struct alipay_gw_reply r, again;
	int sig_ok;

	configure_good();
	is_int(alipay_gw_configured(), 1, "precreate: configured");
	is_int(alipay_gw_precreate("T1001", 65000, "数字证书新办 CFCA", &r), ALIPAY_GW_OK, "precreate: OK");
	is_str(r.code, "10000", "precreate: code 10000");
	is_str(r.out_trade_no, "T1001", "precreate: out_trade_no echoed");
	ok(strncmp(r.qr_code, "https://qr.alipay.com/bax0", 26) == 0, "precreate: qr_code set");
	is_str(last_request("method", &sig_ok), "alipay.trade.precreate", "precreate: the fake saw the method");
	is_int(sig_ok, 1, "precreate: the fake verified the request signature");
	is_str(last_request("notify_url", &sig_ok), NOTIFY_URL, "precreate: notify_url sent");
	is_str(last_biz("out_trade_no"), "T1001", "precreate: biz out_trade_no");
	is_str(last_biz("total_amount"), "650.00", "precreate: biz total_amount in yuan with two decimals");
	is_str(last_biz("subject"), "数字证书新办 CFCA", "precreate: biz subject in UTF-8");
	is_str(last_biz("timeout_express"), "2h", "precreate: biz timeout_express");

	is_int(alipay_gw_precreate("T1001", 65000, "数字证书新办 CFCA", &again), ALIPAY_GW_OK, "precreate: again OK");
	is_str(again.qr_code, r.qr_code, "precreate: the same trade keeps its qr_code");
	is_int(alipay_gw_precreate("T1001", 40000, "数字证书新办", &again), ALIPAY_GW_REFUSED,
	       "precreate: another amount refused");
	is_str(again.sub_code, "ACQ.CONTEXT_INCONSISTENT", "precreate: ACQ.CONTEXT_INCONSISTENT");
	is_str(again.code, "40004", "precreate: code 40004");
	ok(again.qr_code[0] == '\0', "precreate: no qr_code when refused");

	is_int(alipay_gw_precreate("T1003", 1, "一分钱", &r), ALIPAY_GW_OK, "precreate: one fen OK");
	is_str(last_biz("total_amount"), "0.01", "precreate: one fen is 0.01");
	is_int(alipay_gw_precreate("T1004", 0, "x", &r), ALIPAY_GW_REFUSED, "precreate: zero fen refused locally");
	is_str(r.sub_code, "certdesk.invalid-argument", "precreate: as an invalid argument");
	is_int(alipay_gw_precreate("", 100, "x", &r), ALIPAY_GW_REFUSED, "precreate: empty out_trade_no refused");
	is_int(alipay_gw_precreate("T1005", 100, "\xff\xfe", &r), ALIPAY_GW_REFUSED, "precreate: invalid UTF-8 subject refused");
}

static void test_query_close(void)
{
	struct alipay_gw_reply r;
	json_t *paid = NULL;
	const char *trade_no;

	configure_good();
	is_int(alipay_gw_query("T1001", &r), ALIPAY_GW_NOT_EXIST, "query: before the scan NOT_EXIST");
	is_str(r.sub_code, "ACQ.TRADE_NOT_EXIST", "query: sub_code ACQ.TRADE_NOT_EXIST");
	is_str(r.sub_msg, "交易不存在", "query: sub_msg");
	is_int(r.total_fen, -1, "query: no amount");
	is_int(alipay_gw_query("T9999", &r), ALIPAY_GW_NOT_EXIST, "query: an unknown trade NOT_EXIST");
	is_int(alipay_gw_close("T1001", &r), ALIPAY_GW_NOT_EXIST, "close: never scanned NOT_EXIST");

	is_int(tfake_call(&gw, 1, "/_control/scan?out_trade_no=T1001", NULL), 200, "fake: scanned");
	is_int(alipay_gw_query("T1001", &r), ALIPAY_GW_OK, "query: after the scan OK");
	is_str(r.trade_status, "WAIT_BUYER_PAY", "query: WAIT_BUYER_PAY");
	is_str(r.out_trade_no, "T1001", "query: out_trade_no");

	is_int(tfake_call(&gw, 1, "/_control/pay?out_trade_no=T1001&notify=0", &paid), 200, "fake: paid");
	trade_no = json_string_value(json_object_get(paid, "trade_no"));
	is_int((long long)json_array_size(json_object_get(paid, "answers")), 0, "fake: no notification sent");
	is_int(alipay_gw_query("T1001", &r), ALIPAY_GW_OK, "query: after paying OK");
	is_str(r.trade_status, "TRADE_SUCCESS", "query: TRADE_SUCCESS");
	is_int(r.total_fen, 65000, "query: total_fen 65000");
	is_str(r.trade_no, trade_no ? trade_no : "?", "query: trade_no as the fake assigned it");
	is_int((long long)strlen(r.trade_no), 28, "query: a 28-digit trade_no");
	ok(strncmp(r.buyer_logon_id, "138****", 7) == 0, "query: buyer_logon_id masked");
	json_decref(paid);

	is_int(alipay_gw_close("T1001", &r), ALIPAY_GW_REFUSED, "close: a paid trade REFUSED");
	is_str(r.sub_code, "ACQ.TRADE_STATUS_ERROR", "close: ACQ.TRADE_STATUS_ERROR");
	is_str(r.code, "40004", "close: code 40004");

	is_int(tfake_call(&gw, 1, "/_control/scan?out_trade_no=T1003", NULL), 200, "fake: T1003 scanned");
	is_int(alipay_gw_close("T1003", &r), ALIPAY_GW_OK, "close: a waiting trade OK");
	ok(r.trade_no[0] != '\0', "close: trade_no set");
	is_int(alipay_gw_query("T1003", &r), ALIPAY_GW_OK, "query: the closed trade OK");
	is_str(r.trade_status, "TRADE_CLOSED", "query: TRADE_CLOSED");
	is_int(r.total_fen, 1, "query: total_fen 1");
}

/* Breaks the fake's next answer with mode and checks what a query makes of it. */
static void broken(const char *mode, enum alipay_gw_result want)
{
	struct alipay_gw_reply r;
	char path[128], name[128];

	snprintf(path, sizeof(path), "/_control/break?mode=%s&count=1", mode);
	tfake_call(&gw, 1, path, NULL);
	snprintf(name, sizeof(name), "broken %s: query result", mode);
	is_int(alipay_gw_query("T1001", &r), want, name);
	snprintf(name, sizeof(name), "broken %s: nothing believed", mode);
	ok(!r.code[0] && !r.trade_status[0] && r.total_fen == -1, name);
	snprintf(name, sizeof(name), "after %s: the next answer is believed", mode);
	is_int(alipay_gw_query("T1001", &r), ALIPAY_GW_OK, name);
}

static void test_broken(void)
{
	configure_good();
	broken("bad_sign", ALIPAY_GW_BAD_REPLY);
	broken("unsigned", ALIPAY_GW_BAD_REPLY);
	broken("garbage", ALIPAY_GW_BAD_REPLY);
	broken("http500", ALIPAY_GW_UNREACHABLE);
}

/* A loopback port nobody listens on (bound, then closed), or 0. */
static int closed_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int s = socket(AF_INET, SOCK_STREAM, 0), port = 0;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(s, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	if (s >= 0)
		close(s);
	return port;
}

/* Points Alipay.Gateway at url (with the good keys) and returns the query's result and,
 * in *ms, how long it took. */
static enum alipay_gw_result query_at(const char *url, long *ms)
{
	char extra[2048];
	struct alipay_gw_reply r;
	struct timespec t0, t1;
	enum alipay_gw_result res;

	snprintf(extra, sizeof(extra),
		 "Alipay.Gateway = %s\nAlipay.AppId = %s\nAlipay.PrivateKeyFile = keys/app_private.pem\n"
		 "Alipay.PublicKeyFile = %s\n", url, APP_ID, tsite_key("alipay_public.pem"));
	tsite_configure(dir, extra);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	res = alipay_gw_query("T1001", &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	return res;
}

static void test_gateway_urls(void)
{
	char url[128];
	long ms;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d/gateway.do", closed_port());
	is_int(query_at(url, &ms), ALIPAY_GW_UNREACHABLE, "url: a closed port UNREACHABLE");
	is_int(query_at("http://192.0.2.1/gateway.do", &ms), ALIPAY_GW_CONFIG, "url: plain http off the machine refused");
	ok(ms < 2000, "url: ... without connecting");
	is_int(query_at("http://127.0.0.1.example.com/gateway.do", &ms), ALIPAY_GW_CONFIG,
	       "url: a name that only starts like loopback refused");
	is_int(query_at("ftp://127.0.0.1/gateway.do", &ms), ALIPAY_GW_CONFIG, "url: another scheme refused");
	is_int(query_at("not a url", &ms), ALIPAY_GW_CONFIG, "url: garbage refused");
	snprintf(url, sizeof(url), "http://localhost:%d/gateway.do", gw.port);
	is_int(query_at(url, &ms), ALIPAY_GW_OK, "url: http://localhost is loopback");
}

/* A gateway that accepts and never answers (a listening socket nobody accepts on): the
 * call gives up at its total timeout, and for the next 30 s the process calls no more, not
 * even a working gateway; after them it does again. */
static void test_timeout_hold(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int s = socket(AF_INET, SOCK_STREAM, 0), port = 0;
	char url[128], good[128];
	long ms;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(s, 8) == 0
	    && getsockname(s, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	if (!ok(port > 0, "hold: a black hole listens")) {
		if (s >= 0)
			close(s);
		return;
	}
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/gateway.do", port);
	snprintf(good, sizeof(good), "http://127.0.0.1:%d/gateway.do", gw.port);
	is_int(query_at(url, &ms), ALIPAY_GW_UNREACHABLE, "hold: a gateway that never answers UNREACHABLE");
	ok(ms >= 14000 && ms < 30000, "hold: ... at the total timeout");
	is_int(query_at(good, &ms), ALIPAY_GW_UNREACHABLE, "hold: within 30 s no gateway is called");
	ok(ms < 1000, "hold: ... the answer is at once");
	tsite_move_clock(dir, 31000);
	is_int(query_at(good, &ms), ALIPAY_GW_OK, "hold: after 30 s the gateway is called again");
	tsite_move_clock(dir, 0);
	is_int(query_at(good, &ms), ALIPAY_GW_OK, "hold: and a success ends the hold");
	close(s);
}

static void test_keys(void)
{
	struct alipay_gw_reply r;
	int sig_ok;

	configure_keys(tsite_key("app_private.pem"), tsite_key("alipay_public.txt"), APP_ID);
	is_int(alipay_gw_query("T1001", &r), ALIPAY_GW_OK, "keys: bare base64 alipay_public.txt, absolute app key");
	is_str(r.trade_status, "TRADE_SUCCESS", "keys: ... reads the answer");

	configure_keys(tsite_key("app_private.pem"), tsite_key("app_public.pem"), APP_ID);
	is_int(alipay_gw_query("T1001", &r), ALIPAY_GW_BAD_REPLY, "keys: an answer not signed by Alipay's key is BAD_REPLY");
	ok(!r.trade_status[0], "keys: ... and nothing in it believed");

	/* The gateway rejects a request signed with the wrong key with an error_response
	 * (isv.invalid-signature), which names no method node: BAD_REPLY, not REFUSED. */
	configure_keys(tsite_key("alipay_private.pem"), tsite_key("alipay_public.pem"), APP_ID);
	is_int(alipay_gw_query("T1001", &r), ALIPAY_GW_BAD_REPLY, "keys: a wrong app private key gives BAD_REPLY");
	last_request("method", &sig_ok);
	is_int(sig_ok, 0, "keys: ... the fake found the signature bad");
	ok(!r.code[0], "keys: ... no code believed");

	configure_keys(tsite_key("app_private.pem"), tsite_key("alipay_public.pem"), "2021000000009999");
	is_int(alipay_gw_query("T1001", &r), ALIPAY_GW_BAD_REPLY, "keys: an unknown app id gives BAD_REPLY");
}

int main(void)
{
	char path[700];

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (tsite_open(dir) != 0) {
		printf("Bail out! cannot make the site\n");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/keys/app_private.pem", dir);
	if (copy_file(tsite_key("app_private.pem"), path) != 0 || start_fake() != 0) {
		printf("Bail out! cannot start tests/fakes/alipay_gateway.py\n");
		tfake_stop(&gw);
		tsite_close(dir);
		return 1;
	}
	test_unconfigured();
	test_precreate();
	test_query_close();
	test_broken();
	test_gateway_urls();
	test_keys();
	test_timeout_hold();
	tfake_stop(&gw);
	tsite_close(dir);
	curl_global_cleanup();
	return done_testing();
}
