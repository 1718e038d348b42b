/* lib/alipay.c: the Alipay open-platform protocol layer (sign strings, RSA2, gateway responses, notifications, request bodies). */
#include "alipay.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "crypto.h"
#include "util.h"

/* Key files are small; anything bigger is not a key. */
#define KEY_FILE_MAX 16384
/* Notification bodies are a few kilobytes; refuse absurd ones. */
#define NOTIFY_MAX (256 * 1024)
#define NOTIFY_PARAMS_MAX 128

struct pair {
	const char *name, *value;
};

/* ASCII letters and digits whatever the locale. */
static int alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : strcmp(x->value, y->value);
}

int alipay_sign_string(const char *const *params, int exclude_sign_type, char **out)
{
	size_t n = 0, k = 0, total = 1, i;
	struct pair *v;
	char *s, *p;

	*out = NULL;
	while (params[2 * n])
		n++;
	v = malloc((n ? n : 1) * sizeof(*v));
	if (!v)
		return -1;
	for (i = 0; i < n; i++) {
		const char *name = params[2 * i], *value = params[2 * i + 1];

		if (!util_present(name) || !util_present(value) || strcmp(name, "sign") == 0 ||
		    (exclude_sign_type && strcmp(name, "sign_type") == 0))
			continue;
		v[k].name = name;
		v[k].value = value;
		total += strlen(name) + strlen(value) + 2;
		k++;
	}
	qsort(v, k, sizeof(*v), pair_cmp);
	s = p = malloc(total);
	if (!s) {
		free(v);
		return -1;
	}
	for (i = 0; i < k; i++) {
		size_t ln = strlen(v[i].name), lv = strlen(v[i].value);

		if (i)
			*p++ = '&';
		memcpy(p, v[i].name, ln);
		p += ln;
		*p++ = '=';
		memcpy(p, v[i].value, lv);
		p += lv;
	}
	*p = '\0';
	free(v);
	*out = s;
	return 0;
}

/* Decodes standard base64: the length must be a multiple of 4 ('=' padding only at the
 * end), no whitespace or other characters. Returns the malloc'd
 * bytes and their count in *n, or NULL when malformed. */
static unsigned char *b64_decode(const char *s, size_t len, size_t *n)
{
	unsigned char *buf;
	size_t pad = 0, i;
	int r;

	if (len == 0 || len % 4 || len > (size_t)1 << 20)
		return NULL;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '=') {
			if (i < len - 2)
				return NULL;
			pad++;
		} else if (pad || !(alnum(c) || c == '+' || c == '/')) {
			return NULL;
		}
	}
	buf = malloc(len / 4 * 3 + 1);
	if (!buf)
		return NULL;
	r = EVP_DecodeBlock(buf, (const unsigned char *)s, (int)len);
	if (r < 0 || (size_t)r < pad) {
		free(buf);
		return NULL;
	}
	*n = (size_t)r - pad;
	return buf;
}

/* Reads a key file into a malloc'd NUL-terminated buffer; NULL when unreadable or too big. */
static char *read_key_file(const char *path)
{
	FILE *f;
	char *buf;
	size_t n;

	if (!util_present(path) || (f = fopen(path, "rb")) == NULL)
		return NULL;
	buf = malloc(KEY_FILE_MAX + 1);
	if (!buf) {
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, KEY_FILE_MAX + 1, f);
	fclose(f);
	if (n == 0 || n > KEY_FILE_MAX) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

/* The DER of a bare base64 key: whitespace stripped, then decoded. NULL when malformed. */
static unsigned char *bare_der(char *text, size_t *n)
{
	char *r = text, *w = text;
	unsigned char *der;

	for (; *r; r++)
		if (!isspace((unsigned char)*r))
			*w++ = *r;
	*w = '\0';
	der = b64_decode(text, (size_t)(w - text), n);
	return der;
}

/* Accepts only RSA keys of at least 2048 bits; frees and returns NULL otherwise. */
static EVP_PKEY *rsa_only(EVP_PKEY *k)
{
	if (k && (!EVP_PKEY_is_a(k, "RSA") || EVP_PKEY_get_bits(k) < 2048)) {
		EVP_PKEY_free(k);
		return NULL;
	}
	return k;
}

/* Loads a private (is_private) or public RSA key in any of the accepted forms. Encrypted
 * PEM keys are refused (never a passphrase prompt). */
static EVP_PKEY *load_key(const char *path, int is_private)
{
	char *text = read_key_file(path), *name = NULL, *header = NULL;
	unsigned char *der = NULL;
	const unsigned char *p;
	EVP_PKEY *k = NULL;
	size_t n = 0;
	int rsa_pub = 0;

	if (!text)
		return NULL;
	if (strstr(text, "-----BEGIN")) {
		BIO *bio = BIO_new_mem_buf(text, -1);
		long dl = 0;

		if (bio && PEM_read_bio(bio, &name, &header, &der, &dl) == 1 && dl > 0 &&
		    header[0] == '\0') {
			n = (size_t)dl;
			if (is_private ? strcmp(name, "PRIVATE KEY") != 0 && strcmp(name, "RSA PRIVATE KEY") != 0
				       : strcmp(name, "PUBLIC KEY") != 0 && !(rsa_pub = strcmp(name, "RSA PUBLIC KEY") == 0)) {
				OPENSSL_free(der);
				der = NULL;
			}
		} else if (der) {
			OPENSSL_free(der);
			der = NULL;
		}
		BIO_free(bio);
		OPENSSL_free(name);
		OPENSSL_free(header);
		if (der) {
			/* Hand the DER over to malloc'd memory so one free() fits both paths. */
			unsigned char *copy = malloc(n);

			if (copy)
				memcpy(copy, der, n);
			OPENSSL_free(der);
			der = copy;
		}
	} else {
		der = bare_der(text, &n);
	}
	free(text);
	if (!der)
		return NULL;
	p = der;
	if (is_private) {
		k = d2i_AutoPrivateKey(NULL, &p, (long)n);
	} else {
		if (!rsa_pub)
			k = d2i_PUBKEY(NULL, &p, (long)n);
		if (!k) {
			p = der;
			k = d2i_PublicKey(EVP_PKEY_RSA, NULL, &p, (long)n);
		}
	}
	if (k && p != der + n) {
		EVP_PKEY_free(k);
		k = NULL;
	}
	free(der);
	return rsa_only(k);
}

int alipay_rsa2_sign(const char *private_key_pem_path, const char *data, char **b64)
{
	EVP_PKEY *k;
	EVP_MD_CTX *ctx;
	unsigned char *sig = NULL;
	size_t n = 0;
	int rc = -1;

	*b64 = NULL;
	if (!data || (k = load_key(private_key_pem_path, 1)) == NULL)
		return -1;
	ctx = EVP_MD_CTX_new();
	if (ctx && EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, k) == 1 &&
	    EVP_DigestSign(ctx, NULL, &n, (const unsigned char *)data, strlen(data)) == 1 &&
	    (sig = malloc(n)) != NULL &&
	    EVP_DigestSign(ctx, sig, &n, (const unsigned char *)data, strlen(data)) == 1 &&
	    (*b64 = crypto_base64(sig, n)) != NULL)
		rc = 0;
	free(sig);
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
	return rc;
}

/* Verifies with an already loaded key: 1 valid, 0 invalid, -1 on allocation failure. */
static int verify_with(EVP_PKEY *k, const char *data, size_t len, const char *b64sig)
{
	EVP_MD_CTX *ctx;
	unsigned char *sig;
	size_t n;
	int rc = 0;

	if (!b64sig || !data)
		return 0;
	sig = b64_decode(b64sig, strlen(b64sig), &n);
	if (!sig)
		return 0;
	if (n != (size_t)EVP_PKEY_get_size(k)) {
		free(sig);
		return 0;
	}
	ctx = EVP_MD_CTX_new();
	if (!ctx)
		rc = -1;
	else if (EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, k) != 1)
		rc = -1;
	else
		rc = EVP_DigestVerify(ctx, sig, n, (const unsigned char *)data, len) == 1;
	EVP_MD_CTX_free(ctx);
	free(sig);
	return rc;
}

int alipay_rsa2_verify(const char *public_key_pem_path, const char *data, size_t len,
		       const char *b64sig)
{
	EVP_PKEY *k = load_key(public_key_pem_path, 0);
	int rc;

	if (!k)
		return -1;
	rc = verify_with(k, data, len, b64sig);
	EVP_PKEY_free(k);
	return rc;
}

/* ---- raw JSON scanning ---- */

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* p at '"': returns the position after the closing quote, or NULL. */
static const char *skip_string(const char *p)
{
	for (p++; *p; p++) {
		if (*p == '\\') {
			if (!*++p)
				return NULL;
		} else if (*p == '"') {
			return p + 1;
		} else if ((unsigned char)*p < 0x20) {
			return NULL;
		}
	}
	return NULL;
}

/* Skips one JSON value (strings, nested objects/arrays, literals) starting at p; returns
 * the position after it, or NULL. Well-formedness of the whole is checked by jansson. */
static const char *skip_value(const char *p)
{
	int depth = 0;

	if (*p != '{' && *p != '[') {
		if (*p == '"')
			return skip_string(p);
		while (*p && (alnum((unsigned char)*p) || *p == '-' || *p == '+' || *p == '.'))
			p++;
		return p;
	}
	for (; *p; p++) {
		if (*p == '"') {
			p = skip_string(p);
			if (!p)
				return NULL;
			p--;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			if (--depth == 0)
				return p + 1;
		}
	}
	return NULL;
}

/* Finds the value of the top-level member named key (raw, unescaped name) in the raw
 * object text; stores its span. Returns 1 found once, 0 absent or malformed or twice. */
static int find_member(const char *json, const char *key, const char **start, const char **end)
{
	const char *p = skip_ws(json);
	size_t klen = strlen(key);
	int found = 0, match;

	if (*p++ != '{')
		return 0;
	p = skip_ws(p);
	if (*p == '}')
		return 0;
	for (;;) {
		const char *name = p, *v, *e;

		if (*p != '"' || (p = skip_string(p)) == NULL)
			return 0;
		match = (size_t)(p - name) == klen + 2 && memcmp(name + 1, key, klen) == 0;
		p = skip_ws(p);
		if (*p++ != ':')
			return 0;
		v = skip_ws(p);
		e = skip_value(v);
		if (!e || e == v)
			return 0;
		if (match) {
			if (found)
				return 0;
			found = 1;
			*start = v;
			*end = e;
		}
		p = skip_ws(e);
		if (*p == '}')
			break;
		if (*p++ != ',')
			return 0;
		p = skip_ws(p);
	}
	return found;
}

int alipay_response_verify(const char *raw_json, const char *method, const char *public_key_path,
			   char **node_json)
{
	char node[128], *text;
	const char *s = NULL, *e = NULL, *sign;
	json_t *root;
	size_t i;
	EVP_PKEY *k;
	int rc;

	*node_json = NULL;
	if (!raw_json || !util_present(method) || strlen(method) + sizeof("_response") > sizeof(node))
		return 0;
	for (i = 0; method[i]; i++)
		node[i] = method[i] == '.' ? '_' : method[i];
	strcpy(node + i, "_response");

	root = json_loads(raw_json, JSON_REJECT_DUPLICATES, NULL);
	if (!root)
		return 0;
	sign = json_string_value(json_object_get(root, "sign"));
	if (!json_is_object(root) || !json_is_object(json_object_get(root, node)) || !util_present(sign) ||
	    find_member(raw_json, node, &s, &e) != 1 || *s != '{') {
		json_decref(root);
		return 0;
	}
	k = load_key(public_key_path, 0);
	if (!k) {
		json_decref(root);
		return -1;
	}
	rc = verify_with(k, s, (size_t)(e - s), sign);
	EVP_PKEY_free(k);
	json_decref(root);
	if (rc != 1)
		return rc;
	text = malloc((size_t)(e - s) + 1);
	if (!text)
		return -1;
	memcpy(text, s, (size_t)(e - s));
	text[e - s] = '\0';
	*node_json = text;
	return 1;
}

/* ---- notifications ---- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Form-decodes s[0..n) into a malloc'd string ('+' is a space). NULL when a %XX is broken
 * or decodes to NUL (*bad set), or on allocation failure (*bad clear). */
static char *form_decode(const char *s, size_t n, int *bad)
{
	char *out = malloc(n + 1), *w = out;
	size_t i;

	*bad = 0;
	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '+') {
			*w++ = ' ';
		} else if (s[i] == '%') {
			int h, l;

			if (i + 2 >= n) {
				*bad = 1;
				break;
			}
			h = hexval((unsigned char)s[i + 1]);
			l = hexval((unsigned char)s[i + 2]);
			if (h < 0 || l < 0 || (h == 0 && l == 0)) {
				*bad = 1;
				break;
			}
			*w++ = (char)(h * 16 + l);
			i += 2;
		} else if (s[i] == '\0') {
			*bad = 1;
			break;
		} else {
			*w++ = s[i];
		}
	}
	if (*bad) {
		free(out);
		return NULL;
	}
	*w = '\0';
	return out;
}

int alipay_fen_to_amount(int64_t fen, char out[24])
{
	if (fen < 0) {
		out[0] = '\0';
		return -1;
	}
	snprintf(out, 24, "%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
	return 0;
}

/* The value of name among the n decoded pairs (flat name, value array), or NULL. */
static const char *param(char **kv, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(kv[2 * i], name) == 0)
			return kv[2 * i + 1];
	return NULL;
}

/* Copies an optional (required when req) field; 0 when missing-but-required or too long. */
static int field(char **kv, size_t n, const char *name, char *dst, size_t size, int req)
{
	const char *v = param(kv, n, name);

	if (!util_present(v))
		return !req;
	return util_copy(dst, size, v) == 0;
}

int alipay_notify_parse(const char *body, size_t len, const char *public_key_path,
			struct alipay_notify *out)
{
	char **kv = NULL, *signstr = NULL;
	const char *sign, *sign_type, *amount;
	size_t n = 0, i, j, pos = 0;
	int rc = 0, bad;

	memset(out, 0, sizeof(*out));
	if (!body || len > NOTIFY_MAX)
		return 0;
	kv = calloc(2 * NOTIFY_PARAMS_MAX + 1, sizeof(*kv));
	if (!kv)
		return -1;
	while (pos < len) {
		const char *seg = body + pos, *amp = memchr(seg, '&', len - pos), *eq;
		size_t sl = amp ? (size_t)(amp - seg) : len - pos;

		pos += sl + 1;
		if (sl == 0)
			continue;
		if (n == NOTIFY_PARAMS_MAX)
			goto out;
		eq = memchr(seg, '=', sl);
		kv[2 * n] = form_decode(seg, eq ? (size_t)(eq - seg) : sl, &bad);
		if (!kv[2 * n]) {
			rc = bad ? 0 : -1;
			goto out;
		}
		kv[2 * n + 1] = eq ? form_decode(eq + 1, sl - (size_t)(eq - seg) - 1, &bad) : strdup("");
		if (!kv[2 * n + 1]) {
			n++;
			rc = eq && bad ? 0 : -1;
			goto out;
		}
		n++;
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (strcmp(kv[2 * i], kv[2 * j]) == 0)
				goto out;

	sign = param(kv, n, "sign");
	sign_type = param(kv, n, "sign_type");
	if (!util_present(sign) || (sign_type && strcmp(sign_type, "RSA2") != 0))
		goto out;
	if (alipay_sign_string((const char *const *)kv, 1, &signstr) != 0) {
		rc = -1;
		goto out;
	}
	rc = alipay_rsa2_verify(public_key_path, signstr, strlen(signstr), sign);
	if (rc != 1)
		goto out;

	rc = 0;
	amount = param(kv, n, "total_amount");
	if (!field(kv, n, "app_id", out->app_id, sizeof(out->app_id), 1) ||
	    !field(kv, n, "out_trade_no", out->out_trade_no, sizeof(out->out_trade_no), 1) ||
	    !field(kv, n, "trade_status", out->trade_status, sizeof(out->trade_status), 1) ||
	    !field(kv, n, "trade_no", out->trade_no, sizeof(out->trade_no), 0) ||
	    !field(kv, n, "seller_id", out->seller_id, sizeof(out->seller_id), 0) ||
	    !field(kv, n, "buyer_logon_id", out->buyer_logon_id, sizeof(out->buyer_logon_id), 0) ||
	    !field(kv, n, "notify_id", out->notify_id, sizeof(out->notify_id), 0) ||
	    util_yuan_to_fen(amount, &out->total_fen) != 0) {
		memset(out, 0, sizeof(*out));
		goto out;
	}
	rc = 1;
out:
	if (rc != 1)
		memset(out, 0, sizeof(*out));
	free(signstr);
	for (i = 0; i < 2 * n; i++)
		free(kv[i]);
	free(kv);
	return rc;
}

/* ---- requests ---- */

/* Appends name=percent-encoded(value) (with a leading '&' unless first) to buf at *w. */
static void append_enc(char *buf, size_t *w, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *v = (const unsigned char *)value;

	if (*w)
		buf[(*w)++] = '&';
	memcpy(buf + *w, name, strlen(name));
	*w += strlen(name);
	buf[(*w)++] = '=';
	for (; *v; v++) {
		if (alnum(*v) || *v == '-' || *v == '.' || *v == '_' || *v == '~') {
			buf[(*w)++] = (char)*v;
		} else {
			buf[(*w)++] = '%';
			buf[(*w)++] = hex[*v >> 4];
			buf[(*w)++] = hex[*v & 15];
		}
	}
	buf[*w] = '\0';
}

int alipay_build_request(const char *app_id, const char *method, const char *biz_content_json,
			 const char *notify_url, const char *private_key_path, int64_t now_s,
			 char **form_body)
{
	char ts[32], *signstr = NULL, *sign = NULL, *buf;
	const char *p[22];
	time_t t;
	struct tm tm;
	size_t k = 0, need = 1, i, w = 0;

	*form_body = NULL;
	if (!util_present(app_id) || !util_present(method) || !util_present(biz_content_json))
		return -1;
	t = (time_t)(now_s + 8 * 3600);
	if (!gmtime_r(&t, &tm) || strftime(ts, sizeof(ts), "%Y-%m-%d %H:%M:%S", &tm) == 0)
		return -1;
	p[k++] = "app_id", p[k++] = app_id;
	p[k++] = "method", p[k++] = method;
	p[k++] = "format", p[k++] = "JSON";
	p[k++] = "charset", p[k++] = "utf-8";
	p[k++] = "sign_type", p[k++] = "RSA2";
	p[k++] = "timestamp", p[k++] = ts;
	p[k++] = "version", p[k++] = "1.0";
	if (util_present(notify_url))
		p[k++] = "notify_url", p[k++] = notify_url;
	p[k++] = "biz_content", p[k++] = biz_content_json;
	p[k] = NULL;
	if (alipay_sign_string(p, 0, &signstr) != 0 ||
	    alipay_rsa2_sign(private_key_path, signstr, &sign) != 0) {
		free(signstr);
		return -1;
	}
	free(signstr);
	p[k++] = "sign", p[k++] = sign;
	p[k] = NULL;
	for (i = 0; i < k; i += 2)
		need += strlen(p[i]) + 3 * strlen(p[i + 1]) + 2;
	buf = malloc(need);
	if (!buf) {
		free(sign);
		return -1;
	}
	buf[0] = '\0';
	for (i = 0; i < k; i += 2)
		append_enc(buf, &w, p[i], p[i + 1]);
	free(sign);
	*form_body = buf;
	return 0;
}
