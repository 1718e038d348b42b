/* tests/unit/t_alipay.c: TAP tests of lib/alipay.c (sign strings, RSA2 against the openssl CLI, responses, notifications, requests). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "alipay.h"
#include "util.h"
#include "tap.h"
#include "tsite.h"

static char tmpdir[64] = "/tmp/t_alipay.XXXXXX";

/* A path in the test's temporary directory, in one of 8 rotating static buffers. */
static const char *tmp(const char *name)
{
	static char buf[8][200];
	static int i;
	char *b = buf[i++ % 8];

	snprintf(b, sizeof(buf[0]), "%s/%s", tmpdir, name);
	return b;
}

/* Runs cmd and returns its first output line (newline stripped) malloc'd, or NULL. */
static char *run(const char *cmd)
{
	char line[4096];
	FILE *p = popen(cmd, "r");
	char *r = NULL;

	if (!p)
		return NULL;
	if (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\r\n")] = '\0';
		r = strdup(line);
	}
	if (pclose(p) != 0) {
		free(r);
		r = NULL;
	}
	return r;
}

static int write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* Form-encodes v the way Alipay's notifier does ('+' for a space, %XX otherwise) onto out. */
static void form_enc(char *out, const char *v)
{
	static const char hex[] = "0123456789ABCDEF";
	char *w = out + strlen(out);

	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;

		if (c == ' ')
			*w++ = '+';
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			 c == '-' || c == '_' || c == '.' || c == '*')
			*w++ = (char)c;
		else {
			*w++ = '%';
			*w++ = hex[c >> 4];
			*w++ = hex[c & 15];
		}
	}
	*w = '\0';
}

/* The decoded value of name in a form body (test-side decoder), malloc'd, or NULL. */
static char *form_get(const char *body, const char *name)
{
	size_t nl = strlen(name);
	const char *p = body;

	while (p && *p) {
		const char *end = strchr(p, '&');
		size_t sl = end ? (size_t)(end - p) : strlen(p);

		if (sl > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
			char *out = malloc(sl), *w = out;
			const char *r;
			unsigned int x;

			for (r = p + nl + 1; r < p + sl; r++) {
				if (*r == '%' && sscanf(r + 1, "%2x", &x) == 1) {
					*w++ = (char)x;
					r += 2;
				} else {
					*w++ = *r == '+' ? ' ' : *r;
				}
			}
			*w = '\0';
			return out;
		}
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

/* Builds a notification body from name, value pairs signed with signing_key (sign and
 * sign_type appended) into out (big enough). Pairs are written in the given order. */
static void make_notify(char *out, const char *const *pairs, const char *signing_key)
{
	char *ss = NULL, *sig = NULL;
	size_t i;

	out[0] = '\0';
	if (alipay_sign_string(pairs, 1, &ss) != 0 || alipay_rsa2_sign(signing_key, ss, &sig) != 0)
		printf("# could not sign the notification\n");
	for (i = 0; pairs[i]; i += 2) {
		strcat(out, out[0] ? "&" : "");
		form_enc(out, pairs[i]);
		strcat(out, "=");
		form_enc(out, pairs[i + 1]);
	}
	strcat(out, "&sign_type=RSA2&sign=");
	form_enc(out, sig ? sig : "");
	free(ss);
	free(sig);
}

static void test_sign_string(void)
{
	const char *p[] = {"b", "2", "sign", "XYZ", "ab", "x", "a_b", "y", "sign_type", "RSA2",
			   "empty", "", "a", "1", "A", "up", "biz_content", "{\"k\":\"v&w=z\"}", NULL};
	const char *none[] = {NULL};
	char *s;

	ok(alipay_sign_string(p, 0, &s) == 0, "sign string: built");
	is_str(s, "A=up&a=1&a_b=y&ab=x&b=2&biz_content={\"k\":\"v&w=z\"}&sign_type=RSA2",
	       "sign string: byte order, raw values, empty and sign dropped, sign_type kept for requests");
	free(s);
	ok(alipay_sign_string(p, 1, &s) == 0, "sign string: built without sign_type");
	is_str(s, "A=up&a=1&a_b=y&ab=x&b=2&biz_content={\"k\":\"v&w=z\"}",
	       "sign string: sign_type excluded for notifications");
	free(s);
	ok(alipay_sign_string(none, 0, &s) == 0 && s && s[0] == '\0', "sign string: empty list gives \"\"");
	free(s);
}

static void test_rsa(void)
{
	const char *data = "app_id=2021000000000001&charset=utf-8&method=alipay.trade.precreate&中文=值";
	char *sig = NULL, *sig2 = NULL, *cli, cmd[2048], *v;
	char data_path[200];

	ok(alipay_rsa2_sign(tsite_key("alipay_private.pem"), data, &sig) == 0 && sig, "rsa2: signed");
	is_int((long long)strlen(sig), 344, "rsa2: 2048-bit signature is 344 base64 characters");
	is_int(alipay_rsa2_verify(tsite_key("alipay_public.pem"), data, strlen(data), sig), 1, "rsa2: verifies with PEM public key");
	is_int(alipay_rsa2_verify(tsite_key("alipay_public.txt"), data, strlen(data), sig), 1, "rsa2: verifies with bare base64 public key");
	is_int(alipay_rsa2_verify(tsite_key("alipay_public.pem"), data, strlen(data) - 1, sig), 0, "rsa2: tampered data fails");
	is_int(alipay_rsa2_verify(tsite_key("app_public.pem"), data, strlen(data), sig), 0, "rsa2: wrong public key fails");
	is_int(alipay_rsa2_verify(tsite_key("alipay_public.pem"), data, strlen(data), "AAAA"), 0, "rsa2: short signature fails");
	is_int(alipay_rsa2_verify(tsite_key("alipay_public.pem"), data, strlen(data), "not base64!"), 0, "rsa2: garbage signature fails");
	is_int(alipay_rsa2_verify(tsite_key("missing.pem"), data, strlen(data), sig), -1, "rsa2: missing key file is an error");
	is_int(alipay_rsa2_verify(tsite_key("alipay_private.pem"), data, strlen(data), sig), -1, "rsa2: private key as public is an error");
	ok(alipay_rsa2_sign(tsite_key("missing.pem"), data, &sig2) == -1 && !sig2, "rsa2: signing with a missing key fails");
	ok(alipay_rsa2_sign(tsite_key("alipay_public.pem"), data, &sig2) == -1 && !sig2, "rsa2: signing with a public key fails");

	/* The openssl CLI: PKCS#1 v1.5 is deterministic, so both signatures are identical. */
	snprintf(data_path, sizeof(data_path), "%s", tmp("data"));
	write_text(data_path, data);
	snprintf(cmd, sizeof(cmd), "openssl dgst -sha256 -sign '%s' '%s' | openssl base64 -A",
		 tsite_key("alipay_private.pem"), data_path);
	cli = run(cmd);
	is_str(cli, sig, "openssl dgst -sign gives the same signature");
	is_int(cli ? alipay_rsa2_verify(tsite_key("alipay_public.pem"), data, strlen(data), cli) : -2, 1,
	       "the openssl CLI signature verifies");
	free(cli);
	write_text(tmp("sig.b64"), sig);
	snprintf(cmd, sizeof(cmd),
		 "openssl base64 -d -A -in '%s' -out '%s' && openssl dgst -sha256 -verify '%s' -signature '%s' '%s'",
		 tmp("sig.b64"), tmp("sig.bin"), tsite_key("alipay_public.pem"), tmp("sig.bin"), data_path);
	v = run(cmd);
	is_str(v, "Verified OK", "openssl dgst -verify accepts our signature");
	free(v);

	/* Private key forms: PKCS#1 PEM, bare base64 PKCS#8 and PKCS#1; PKCS#1 public key. */
	snprintf(cmd, sizeof(cmd),
		 "openssl rsa -in '%s' -traditional -out '%s' 2>/dev/null && "
		 "grep -v -- ----- '%s' | tr -d '\\n' > '%s' && grep -v -- ----- '%s' | tr -d '\\n' > '%s' && "
		 "openssl rsa -pubin -in '%s' -RSAPublicKey_out -out '%s' 2>/dev/null && echo done",
		 tsite_key("alipay_private.pem"), tmp("pkcs1.pem"), tsite_key("alipay_private.pem"), tmp("pkcs8.txt"),
		 tmp("pkcs1.pem"), tmp("pkcs1.txt"), tsite_key("alipay_public.pem"), tmp("rsapub.pem"));
	v = run(cmd);
	is_str(v, "done", "key variants made with the openssl CLI");
	free(v);
	{
		const char *forms[] = {"pkcs1.pem", "pkcs8.txt", "pkcs1.txt"};
		char name[80];
		size_t i;

		for (i = 0; i < 3; i++) {
			snprintf(name, sizeof(name), "private key as %s signs identically", forms[i]);
			sig2 = NULL;
			alipay_rsa2_sign(tmp(forms[i]), data, &sig2);
			is_str(sig2, sig, name);
			free(sig2);
		}
	}
	is_int(alipay_rsa2_verify(tmp("rsapub.pem"), data, strlen(data), sig), 1, "PKCS#1 RSA PUBLIC KEY verifies");
	write_text(tmp("junk.txt"), "MIIB not a key\n");
	is_int(alipay_rsa2_verify(tmp("junk.txt"), data, strlen(data), sig), -1, "junk key file is an error");
	free(sig);
}

/* Signs node text with Alipay's key and builds the body from tmpl, where @N stands for the
 * node and @S for the signature. Returns the malloc'd body. */
static char *response(const char *tmpl, const char *node)
{
	char *sig = NULL, *body, *w;
	const char *t;

	alipay_rsa2_sign(tsite_key("alipay_private.pem"), node, &sig);
	body = w = malloc(strlen(tmpl) + strlen(node) + (sig ? strlen(sig) : 0) + 1);
	for (t = tmpl; *t; t++) {
		if (t[0] == '@' && (t[1] == 'N' || t[1] == 'S')) {
			const char *ins = t[1] == 'N' ? node : sig ? sig : "";

			memcpy(w, ins, strlen(ins));
			w += strlen(ins);
			t++;
		} else {
			*w++ = *t;
		}
	}
	*w = '\0';
	free(sig);
	return body;
}

static void test_response(void)
{
	const char *node = "{ \"code\" : \"10000\",\"msg\":\"Suc\\\"}cess {\\\\\",\"out_trade_no\":\"6823789339978248\","
			   "\"qr_code\":\"https:\\/\\/qr.alipay.com\\/bavh4wjlxf12tper3a\",\n\t\"extra\":{\"a\":[1,{\"b\":\"]}\"}],\"c\":null}}";
	char *body, *out = NULL;
	json_t *j;

	body = response("  {\"alipay_trade_precreate_response\" :\n @N ,\r\n \"sign\": \"@S\"  }  ", node);
	is_int(alipay_response_verify(body, "alipay.trade.precreate", tsite_key("alipay_public.pem"), &out), 1,
	       "response: raw node with odd spacing and escapes verifies");
	is_str(out, node, "response: node text returned byte for byte");
	j = out ? json_loads(out, 0, NULL) : NULL;
	is_str(json_string_value(json_object_get(j, "msg")), "Suc\"}cess {\\", "response: node parses, msg intact");
	json_decref(j);
	free(out);
	out = (char *)1;
	is_int(alipay_response_verify(body, "alipay.trade.query", tsite_key("alipay_public.pem"), &out), 0,
	       "response: wrong method node name fails");
	ok(out == NULL, "response: no node on failure");
	is_int(alipay_response_verify(body, "alipay.trade.precreate", tsite_key("app_public.pem"), &out), 0,
	       "response: wrong key fails");
	is_int(alipay_response_verify(body, "alipay.trade.precreate", tsite_key("missing.pem"), &out), -1,
	       "response: missing key is an error");
	/* The same node re-spaced is a different text: the signature no longer matches. */
	{
		char *p = strstr(body, "{ \"code\" : ");
		p[1] = '\n';
		is_int(alipay_response_verify(body, "alipay.trade.precreate", tsite_key("alipay_public.pem"), &out), 0,
		       "response: whitespace change inside the node fails");
		p[1] = ' ';
		p = strstr(body, "10000");
		p[0] = '2';
		is_int(alipay_response_verify(body, "alipay.trade.precreate", tsite_key("alipay_public.pem"), &out), 0,
		       "response: tampered value fails");
	}
	free(body);

	body = response("{\"sign\":\"@S\",\"alipay_trade_precreate_response\":@N}", node);
	is_int(alipay_response_verify(body, "alipay.trade.precreate", tsite_key("alipay_public.pem"), &out), 1,
	       "response: sign before the node verifies");
	free(out);
	out = NULL;
	free(body);
	body = response("{\"alipay_trade_precreate_response\":@N,\"alipay_trade_precreate_response\":{},\"sign\":\"@S\"}", node);
	is_int(alipay_response_verify(body, "alipay.trade.precreate", tsite_key("alipay_public.pem"), &out), 0,
	       "response: duplicate node fails");
	free(body);
	body = response("{\"alipay_trade_precreate_response\":@N}", node);
	is_int(alipay_response_verify(body, "alipay.trade.precreate", tsite_key("alipay_public.pem"), &out), 0,
	       "response: missing sign fails");
	free(body);
	body = response("{\"alipay_trade_precreate_response\":@N,\"sign\":\"@S\"", node);
	is_int(alipay_response_verify(body, "alipay.trade.precreate", tsite_key("alipay_public.pem"), &out), 0,
	       "response: truncated body fails");
	free(body);
	body = response("{\"error_response\":@N,\"sign\":\"@S\"}", "{\"code\":\"40002\",\"msg\":\"Invalid Arguments\"}");
	is_int(alipay_response_verify(body, "alipay.trade.precreate", tsite_key("alipay_public.pem"), &out), 0,
	       "response: error_response is not the method's node");
	free(body);
}

static void test_notify(void)
{
	const char *good[] = {
		"gmt_create", "2024-05-01 10:00:00", "charset", "utf-8", "seller_email", "pay@example.com",
		"subject", "证书 费用 100%", "buyer_id", "2088102177846880", "invoice_amount", "650.00",
		"notify_id", "2024050100222100001012345678901234", "fund_bill_list",
		"[{\"amount\":\"650.00\",\"fundChannel\":\"ALIPAYACCOUNT\"}]", "notify_type", "trade_status_sync",
		"trade_status", "TRADE_SUCCESS", "receipt_amount", "650.00", "app_id", "2021000000000001",
		"buyer_pay_amount", "650.00", "seller_id", "2088101117955611", "gmt_payment", "2024-05-01 10:00:05",
		"notify_time", "2024-05-01 10:00:06", "version", "1.0", "out_trade_no", "1789012345678901",
		"total_amount", "650.00", "trade_no", "2024050122001446881000000001", "auth_app_id", "2021000000000001",
		"buyer_logon_id", "159****5620", "point_amount", "0.00", "x_unknown_param", "kept&signed=yes", NULL};
	static char body[16384], alt[16384 + 64];
	struct alipay_notify n;
	const char *pairs[64];
	size_t i;
	char *p;

	make_notify(body, good, tsite_key("alipay_private.pem"));
	ok(strstr(body, "%5B%7B%22amount") && strstr(body, "+") && strstr(body, "%E8%AF%81"),
	   "notify: body has JSON, '+' and %XX");
	is_int(alipay_notify_parse(body, strlen(body), tsite_key("alipay_public.pem"), &n), 1, "notify: good one verifies");
	is_str(n.app_id, "2021000000000001", "notify: app_id");
	is_str(n.out_trade_no, "1789012345678901", "notify: out_trade_no");
	is_str(n.trade_no, "2024050122001446881000000001", "notify: trade_no");
	is_str(n.trade_status, "TRADE_SUCCESS", "notify: trade_status");
	is_str(n.seller_id, "2088101117955611", "notify: seller_id");
	is_str(n.buyer_logon_id, "159****5620", "notify: buyer_logon_id");
	is_str(n.notify_id, "2024050100222100001012345678901234", "notify: notify_id");
	is_int(n.total_fen, 65000, "notify: total_amount in fen");
	is_int(alipay_notify_parse(body, strlen(body), tsite_key("alipay_public.txt"), &n), 1, "notify: bare base64 key works too");

	/* A length shorter than the string: only the first len bytes count. */
	memcpy(alt, body, strlen(body) + 1);
	strcat(alt, "&total_amount=1.00");
	is_int(alipay_notify_parse(alt, strlen(body), tsite_key("alipay_public.pem"), &n), 1, "notify: only len bytes are read");
	is_int(alipay_notify_parse(alt, strlen(alt), tsite_key("alipay_public.pem"), &n), 0, "notify: duplicate parameter rejected");
	ok(n.app_id[0] == '\0' && n.total_fen == 0, "notify: out cleared on rejection");

	p = strstr(alt, "total_amount=650.00");
	memcpy(p, "total_amount=651.00", 19);
	alt[strlen(body)] = '\0';
	is_int(alipay_notify_parse(alt, strlen(alt), tsite_key("alipay_public.pem"), &n), 0, "notify: tampered amount fails");
	memcpy(alt, body, strlen(body) + 1);
	p = strstr(alt, "kept%26signed%3Dyes");
	p[0] = 'K';
	is_int(alipay_notify_parse(alt, strlen(alt), tsite_key("alipay_public.pem"), &n), 0, "notify: tampered unknown parameter fails");
	is_int(alipay_notify_parse(body, strlen(body), tsite_key("app_public.pem"), &n), 0, "notify: wrong key fails");
	is_int(alipay_notify_parse(body, strlen(body), tsite_key("missing.pem"), &n), -1, "notify: missing key is an error");
	make_notify(alt, good, tsite_key("app_private.pem"));
	is_int(alipay_notify_parse(alt, strlen(alt), tsite_key("alipay_public.pem"), &n), 0, "notify: signed by another key fails");

	/* Reordered parameters still verify. */
	for (i = 0; good[i]; i++)
		;
	{
		size_t k = 0, j;

		for (j = i; j >= 2; j -= 2) {
			pairs[k++] = good[j - 2];
			pairs[k++] = good[j - 1];
		}
		pairs[k] = NULL;
	}
	make_notify(alt, pairs, tsite_key("alipay_private.pem"));
	is_int(alipay_notify_parse(alt, strlen(alt), tsite_key("alipay_public.pem"), &n), 1, "notify: reversed order verifies");

	/* Without sign, with another sign_type, with broken escapes. */
	memcpy(alt, body, strlen(body) + 1);
	*strstr(alt, "&sign=") = '\0';
	is_int(alipay_notify_parse(alt, strlen(alt), tsite_key("alipay_public.pem"), &n), 0, "notify: missing sign rejected");
	memcpy(alt, body, strlen(body) + 1);
	memcpy(strstr(alt, "sign_type=RSA2"), "sign_type=RSA1", 14);
	is_int(alipay_notify_parse(alt, strlen(alt), tsite_key("alipay_public.pem"), &n), 0, "notify: sign_type other than RSA2 rejected");
	snprintf(alt, sizeof(alt), "%s&zz=%%4", body);
	is_int(alipay_notify_parse(alt, strlen(alt), tsite_key("alipay_public.pem"), &n), 0, "notify: truncated %XX rejected");
	snprintf(alt, sizeof(alt), "%s&zz=a%%00b", body);
	is_int(alipay_notify_parse(alt, strlen(alt), tsite_key("alipay_public.pem"), &n), 0, "notify: %00 rejected");
	is_int(alipay_notify_parse("", 0, tsite_key("alipay_public.pem"), &n), 0, "notify: empty body rejected");

	/* Each required field missing (signed correctly without it). */
	{
		const char *req[] = {"app_id", "out_trade_no", "trade_status", "total_amount"};
		char name[80];
		size_t r, k, j;

		for (r = 0; r < 4; r++) {
			for (j = k = 0; good[j]; j += 2) {
				if (strcmp(good[j], req[r]) == 0)
					continue;
				pairs[k++] = good[j];
				pairs[k++] = good[j + 1];
			}
			pairs[k] = NULL;
			make_notify(alt, pairs, tsite_key("alipay_private.pem"));
			snprintf(name, sizeof(name), "notify: signed but without %s rejected", req[r]);
			is_int(alipay_notify_parse(alt, strlen(alt), tsite_key("alipay_public.pem"), &n), 0, name);
		}
	}

	/* Amounts, signed correctly: only well-formed ones pass. */
	{
		struct {
			const char *amount;
			int rc;
			long long fen;
		} a[] = {{"0.01", 1, 1}, {"650.00", 1, 65000}, {"650", 1, 65000}, {"650.5", 1, 65050},
			 {"650.001", 0, 0}, {"-1", 0, 0}, {"1e3", 0, 0}, {"650.", 0, 0}, {".5", 0, 0},
			 {" 650", 0, 0}, {"+650", 0, 0}, {"", 0, 0}};
		char name[80];
		size_t r, k, j;

		for (r = 0; r < sizeof(a) / sizeof(a[0]); r++) {
			for (j = k = 0; good[j]; j += 2) {
				pairs[k++] = good[j];
				pairs[k++] = strcmp(good[j], "total_amount") == 0 ? a[r].amount : good[j + 1];
			}
			pairs[k] = NULL;
			make_notify(alt, pairs, tsite_key("alipay_private.pem"));
			snprintf(name, sizeof(name), "notify: total_amount \"%s\" -> %d/%lld", a[r].amount, a[r].rc, a[r].fen);
			ok(alipay_notify_parse(alt, strlen(alt), tsite_key("alipay_public.pem"), &n) == a[r].rc &&
			   n.total_fen == a[r].fen, name);
		}
	}
}

static void test_amounts(void)
{
	char out[24];
	int64_t fen = -7;

	ok(util_yuan_to_fen("9999999999999.99", &fen) == 0 && fen == 999999999999999LL, "amount: 13 integer digits");
	ok(util_yuan_to_fen("10000000000000", &fen) == -1, "amount: 14 integer digits refused");
	ok(util_yuan_to_fen("0", &fen) == 0 && fen == 0, "amount: 0");
	ok(util_yuan_to_fen("1.2.3", &fen) == -1, "amount: two dots refused");
	ok(util_yuan_to_fen(NULL, &fen) == -1, "amount: NULL refused");
	ok(alipay_fen_to_amount(65000, out) == 0, "fen_to_amount: ok");
	is_str(out, "650.00", "fen_to_amount: 65000 -> 650.00");
	alipay_fen_to_amount(1, out);
	is_str(out, "0.01", "fen_to_amount: 1 -> 0.01");
	alipay_fen_to_amount(65050, out);
	is_str(out, "650.50", "fen_to_amount: 65050 -> 650.50");
	alipay_fen_to_amount(0, out);
	is_str(out, "0.00", "fen_to_amount: 0 -> 0.00");
	ok(alipay_fen_to_amount(-1, out) == -1 && out[0] == '\0', "fen_to_amount: negative refused");
}

static void test_request(void)
{
	const char *names[] = {"app_id", "method", "format", "charset", "sign_type", "timestamp", "version",
			       "notify_url", "biz_content", NULL};
	const char *want[] = {"2021000000000001", "alipay.trade.precreate", "JSON", "utf-8", "RSA2",
			      "2024-01-01 08:00:00", "1.0", "https://cert.example.com/pay/alipay/notify?x=1&y=2",
			      "{\"out_trade_no\":\"1789\",\"total_amount\":\"650.00\",\"subject\":\"证书 费用+\"}"};
	const char *pairs[24];
	char *body = NULL, *v, *sig, *ss = NULL, name[80];
	size_t i, k = 0;

	/* 2023-12-31T16:00:00Z is 2024-01-01 00:00:00 in Shanghai; +8h more gives 08:00:00. */
	ok(alipay_build_request(want[0], want[1], want[8], want[7], tsite_key("app_private.pem"), 1704067200, &body) == 0 && body,
	   "request: built");
	if (!body)
		return;
	ok(!strchr(body, ' ') && !strchr(body, '+') && !strchr(body, '"') && !strchr(body, '{'),
	   "request: body is percent-encoded");
	for (i = 0; names[i]; i++) {
		v = form_get(body, names[i]);
		snprintf(name, sizeof(name), "request: %s decodes back", names[i]);
		is_str(v, want[i], name);
		pairs[k++] = names[i];
		pairs[k++] = v;
	}
	pairs[k] = NULL;
	ss = NULL;
	alipay_sign_string(pairs, 0, &ss);
	sig = form_get(body, "sign");
	is_int(alipay_rsa2_verify(tsite_key("app_public.pem"), ss, strlen(ss), sig), 1, "request: signature verifies with the app public key");
	ok(strstr(ss, "sign_type=RSA2") != NULL, "request: sign_type is signed");
	free(ss);
	free(sig);
	for (i = 1; i < k; i += 2)
		free((char *)pairs[i]);
	free(body);

	body = NULL;
	ok(alipay_build_request(want[0], "alipay.trade.query", "{\"out_trade_no\":\"1789\"}", NULL,
				tsite_key("app_private.pem"), 0, &body) == 0, "request: without notify_url built");
	v = body ? form_get(body, "timestamp") : NULL;
	is_str(v, "1970-01-01 08:00:00", "request: epoch is 08:00 in Shanghai");
	free(v);
	ok(body && !strstr(body, "notify_url"), "request: no notify_url parameter");
	free(body);
	body = (char *)1;
	ok(alipay_build_request(want[0], want[1], want[8], NULL, tsite_key("missing.pem"), 0, &body) == -1 && !body,
	   "request: missing key fails");
}

int main(void)
{
	char cmd[128];

	if (!mkdtemp(tmpdir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	test_sign_string();
	test_rsa();
	test_response();
	test_notify();
	test_amounts();
	test_request();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return done_testing();
}
