/* lib/valid.c: the field validators (UTF-8, mobile, password, USCC, resident ID, e-mail, redirect targets). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "valid.h"

/* The alphabet of GB 32100-2015, in value order: digits and capitals without I, O, Z, S, V. */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* 1 for an ASCII digit (isdigit() depends on the locale). */
static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* 1 for an ASCII letter. */
static int is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* 1 when s is exactly n ASCII digits. */
static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return s[n] == '\0';
}

long valid_utf8_len(const char *s, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;

	while (*p) {
		unsigned c = *p, cp;
		int len, i;

		if (c < 0x80) {
			if (c == 0x7f || (c < 0x20 && !(multiline && (c == '\t' || c == '\r' || c == '\n'))))
				return -1;
			p++;
			n++;
			continue;
		}
		/* 0x80-0xc1 are continuation bytes or overlong two-byte leads; 0xf5-0xff never occur. */
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return -1;
		}
		/* A NUL fails this test too, so a truncated sequence never reads past the string. */
		for (i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return -1;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp <= 0x9f)
			return -1;
		p += len;
		n++;
	}
	return n;
}

const char *valid_mobile(const char *v)
{
	if (!all_digits(v, 11) || v[0] != '1' || v[1] < '3')
		return "请输入11位手机号码";
	return NULL;
}

const char *valid_password(const char *v)
{
	long n = valid_utf8_len(v, 0);
	int letter = 0, digit = 0;

	if (n < 0)
		return "密码含有不允许的字符";
	for (; *v; v++) {
		letter |= is_alpha(*v);
		digit |= is_digit(*v);
	}
	if (n < 8 || n > 128 || !letter || !digit)
		return "密码须为8至128位，且同时包含字母和数字";
	return NULL;
}

const char *valid_code6(const char *v)
{
	return all_digits(v, 6) ? NULL : "验证码为6位数字";
}

/* The value (0-30) of a USCC character, or -1 outside the alphabet (NUL included). */
static int uscc_value(char c)
{
	const char *p;

	if (c == '\0' || (p = strchr(uscc_alphabet, c)) == NULL)
		return -1;
	return (int)(p - uscc_alphabet);
}

char valid_uscc_check_char(const char *first17)
{
	/* 3^i mod 31 for i = 0..16. */
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		int v = uscc_value(first17[i]);

		if (v < 0)
			return 0;
		sum += v * w[i];
	}
	return uscc_alphabet[(31 - sum % 31) % 31];
}

/* 1 when the 9-character organisation code (USCC characters 9-17) passes its GB 11714 check:
 * digits count 0-9 and letters A-Z 10-35, weights 3,7,9,10,5,8,4,2, C9 = 11 - sum mod 11
 * with 10 written X and 11 written 0. Holds for the official example 91350100M000100Y43. */
static int org_code_ok(const char *code)
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int i, sum = 0, c;

	for (i = 0; i < 8; i++)
		sum += (is_digit(code[i]) ? code[i] - '0' : code[i] - 'A' + 10) * w[i];
	c = 11 - sum % 11;
	return code[8] == (c == 10 ? 'X' : c == 11 ? '0' : '0' + c);
}

const char *valid_uscc(const char *v)
{
	int i;

	if (strlen(v) != 18)
		return "统一社会信用代码应为18位";
	for (i = 0; i < 18; i++) {
		if (v[i] >= 'a' && v[i] <= 'z')
			return "统一社会信用代码中的字母须大写";
		if (uscc_value(v[i]) < 0)
			return "统一社会信用代码含有无效字符";
	}
	if (valid_uscc_check_char(v) != v[17])
		return "统一社会信用代码校验位不正确";
	if (!org_code_ok(v + 8))
		return "统一社会信用代码不正确";
	return NULL;
}

int valid_uscc_org_code(const char *uscc, char *out, size_t size)
{
	if (uscc == NULL || size < 10 || valid_uscc(uscc) != NULL)
		return -1;
	memcpy(out, uscc + 8, 9);
	out[9] = '\0';
	return 0;
}

char valid_resident_id_check_char(const char *first17)
{
	/* 2^(17-i) mod 11 for i = 0..16. */
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		if (!is_digit(first17[i]))
			return 0;
		sum += (first17[i] - '0') * w[i];
	}
	return "10X98765432"[sum % 11];
}

/* The decimal value of n ASCII digits (already checked). */
static int digits_value(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* 1 when YYYYMMDD (8 digits) is a real date from 1900-01-01 to today (local time). */
static int birth_date_ok(const char *s)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = digits_value(s, 4), m = digits_value(s + 4, 2), d = digits_value(s + 6, 2);
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	time_t now = time(NULL);
	struct tm tm;

	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap))
		return 0;
	if (localtime_r(&now, &tm) == NULL)
		return 0;
	return y * 10000 + m * 100 + d <= (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

const char *valid_resident_id(const char *v)
{
	if (strlen(v) != 18)
		return "身份证号码应为18位";
	if (v[17] == 'x')
		return "身份证号码末位的X须大写";
	if (valid_resident_id_check_char(v) == 0 || !(is_digit(v[17]) || v[17] == 'X'))
		return "身份证号码不正确";
	if (!birth_date_ok(v + 6))
		return "出生日期不正确";
	if (valid_resident_id_check_char(v) != v[17])
		return "身份证号码不正确";
	return NULL;
}

/* 1 for a character allowed in the local part of an address. */
static int local_char(int c)
{
	return is_alpha(c) || is_digit(c) || (c != '\0' && strchr("._%+-", c) != NULL);
}

/* 1 when [s, e) is a dot-separated host name of at least two labels, each 1-63 of
 * [A-Za-z0-9-] not starting or ending with '-', the last one 2 or more letters. */
static int domain_ok(const char *s, const char *e)
{
	int labels = 0;

	for (;;) {
		const char *l = s;
		int letters = 1;

		while (s < e && *s != '.') {
			if (!is_alpha(*s) && !is_digit(*s) && *s != '-')
				return 0;
			letters &= is_alpha(*s);
			s++;
		}
		if (s == l || s - l > 63 || *l == '-' || s[-1] == '-')
			return 0;
		labels++;
		if (s == e)
			return labels >= 2 && letters && s - l >= 2;
		s++;
	}
}

const char *valid_email(const char *v)
{
	static const char msg[] = "邮箱地址格式不正确";
	size_t n = strlen(v), i, local;
	const char *at = strchr(v, '@');

	if (n > 254 || at == NULL || strchr(at + 1, '@') != NULL)
		return msg;
	local = (size_t)(at - v);
	if (local < 1 || local > 64 || v[0] == '.' || at[-1] == '.')
		return msg;
	for (i = 0; i < local; i++)
		if (!local_char(v[i]) || (v[i] == '.' && v[i + 1] == '.'))
			return msg;
	if (!domain_ok(at + 1, v + n))
		return msg;
	return NULL;
}

const char *valid_text(const char *v)
{
	return valid_utf8_len(v, 0) < 0 ? "内容含有不允许的字符" : NULL;
}

const char *valid_multiline(const char *v)
{
	return valid_utf8_len(v, 1) < 0 ? "内容含有不允许的字符" : NULL;
}

const char *valid_token(const char *v)
{
	size_t n = strlen(v), i;

	if (n < 1 || n > 32)
		return "参数不正确";
	for (i = 0; i < n; i++)
		if (!(v[i] >= 'a' && v[i] <= 'z') && !is_digit(v[i]) && v[i] != '_')
			return "参数不正确";
	return NULL;
}

const char *valid_id(const char *v)
{
	size_t n = strlen(v);

	/* 19 digits can exceed INT64_MAX, which no id reaches. */
	if (n < 1 || n > 19 || !all_digits(v, n) || v[0] == '0' ||
	    (n == 19 && strcmp(v, "9223372036854775807") > 0))
		return "编号不正确";
	return NULL;
}

/* 1 when the path segment starting at s is "." or "..", counting "%2e" as a dot as browsers do. */
static int dot_segment(const char *s)
{
	int dots = 0;

	for (;;) {
		if (*s == '.') {
			s++;
		} else if (s[0] == '%' && s[1] == '2' && (s[2] == 'e' || s[2] == 'E')) {
			s += 3;
		} else {
			break;
		}
		dots++;
	}
	return (dots == 1 || dots == 2) && (*s == '\0' || *s == '/' || *s == '?' || *s == '#');
}

const char *valid_next(const char *v)
{
	static const char msg[] = "跳转地址不正确";
	const char *p;

	if (strlen(v) > 512 || strncmp(v, "/cgi-bin/", 9) != 0 || strstr(v, "//") != NULL)
		return msg;
	/* Printable ASCII without space or backslash: no CR/LF, no controls, no raw UTF-8. */
	for (p = v; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f || *p == '\\')
			return msg;
	for (p = v; (p = strchr(p, '/')) != NULL; p++)
		if (dot_segment(p + 1))
			return msg;
	return NULL;
}

const char *valid_checkbox(const char *v)
{
	return strcmp(v, "1") == 0 ? NULL : "请勾选此项";
}

/* 1 when v is one of the NULL-ended words. */
static int one_of(const char *v, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(v, *words) == 0)
			return 1;
	return 0;
}

const char *valid_subject(const char *v)
{
	static const char *const w[] = { "enterprise", "personal", NULL };
	return one_of(v, w) ? NULL : "请选择企业证书或个人证书";
}

const char *valid_kind(const char *v)
{
	static const char *const w[] = { "new", "renew", "reissue", NULL };
	return one_of(v, w) ? NULL : "请选择申请类型";
}

const char *valid_pay_method(const char *v)
{
	static const char *const w[] = { "alipay", "transfer", NULL };
	return one_of(v, w) ? NULL : "请选择支付方式";
}

const char *valid_project(const char *v)
{
	static const char *const w[] = { "bidding", "procurement", "both", "other", NULL };
	return one_of(v, w) ? NULL : "请选择项目应用";
}

const char *valid_years(const char *v)
{
	return v[0] >= '1' && v[0] <= '5' && v[1] == '\0' ? NULL : "申请年限为1至5年";
}

const char *valid_cert_count(const char *v)
{
	size_t n = strlen(v);
	int count = n >= 1 && n <= 2 && strspn(v, "0123456789") == n && v[0] != '0' ? atoi(v) : 0;

	return count >= 1 && count <= 20 ? NULL : "证书个数为1至20个";
}

const char *valid_delivery(const char *v)
{
	static const char *const w[] = { "mail", "pickup", NULL };
	return one_of(v, w) ? NULL : "请选择领取方式";
}

const char *valid_org_nature(const char *v)
{
	static const char *const w[] = { "state", "private", "foreign", "public", "government",
		"social", "other", NULL };
	return one_of(v, w) ? NULL : "请选择企业性质";
}

const char *valid_id_type(const char *v)
{
	static const char *const w[] = { "id_card", "passport", "hk_macau", "taiwan", NULL };
	return one_of(v, w) ? NULL : "请选择证件类型";
}

const char *valid_title_kind(const char *v)
{
	static const char *const w[] = { "company", "personal", NULL };
	return one_of(v, w) ? NULL : "请选择抬头类型（单位或个人）";
}

const char *valid_invoice_type(const char *v)
{
	static const char *const w[] = { "normal", "special", NULL };
	return one_of(v, w) ? NULL : "请选择发票类型";
}

const char *valid_tax_id(const char *v)
{
	size_t n = strlen(v);

	if ((n != 15 && n != 17 && n != 18 && n != 20)
	    || strspn(v, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != n)
		return "纳税人识别号应为15、17、18或20位数字或大写字母";
	if (n == 18 && valid_uscc(v) != NULL)
		return "18位纳税人识别号即统一社会信用代码，请检查是否填写正确";
	return NULL;
}

/* 1 when v is "-" and 1-6 digits, or empty (no extension). */
static int extension_ok(const char *v)
{
	size_t n = strlen(v);

	return n == 0 || (v[0] == '-' && n >= 2 && n <= 7 && all_digits(v + 1, n - 1));
}

/* 1 for a landline: an area code 0[1-9] of 3-4 digits and a 7-8 digit number starting 2-9,
 * with a hyphen between them, or all of it as 10-12 digits; then an optional extension. */
static int landline_ok(const char *v)
{
	size_t d = strspn(v, "0123456789"), local;

	if (v[0] != '0' || v[1] < '1' || v[1] > '9')
		return 0;
	if (v[d] == '-' && (d == 3 || d == 4)) {
		local = strspn(v + d + 1, "0123456789");
		return (local == 7 || local == 8) && v[d + 1] >= '2' && extension_ok(v + d + 1 + local);
	}
	return d >= 10 && d <= 12 && extension_ok(v + d);
}

const char *valid_phone(const char *v)
{
	return valid_mobile(v) == NULL || landline_ok(v) ? NULL : "请填写正确的电话（如 0591-87654321 或手机号）";
}

const char *valid_bank_account(const char *v)
{
	size_t digits = 0;
	const char *p;

	for (p = v; *p; p++) {
		if (is_digit(*p))
			digits++;
		else if (*p != ' ' || p == v || p[1] == ' ' || p[1] == '\0')
			return "请填写正确的银行账号";
	}
	return digits >= 8 && digits <= 40 ? NULL : "请填写正确的银行账号";
}

const char *valid_doc_no(const char *v)
{
	size_t n = strlen(v);

	return n >= 5 && n <= 20 && strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") == n
	    ? NULL : "证件号码为5至20位字母或数字";
}

const char *valid_cert_serial(const char *v)
{
	size_t n = strlen(v);

	return n >= 6 && n <= 64 && strspn(v, "ABCDEFabcdef0123456789:") == n
	    ? NULL : "证书序列号为6至64位十六进制字符";
}

const char *valid_seal_code(const char *v)
{
	size_t n = strlen(v);

	return n >= 1 && n <= 32 && strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") == n
	    ? NULL : "印章编码为字母、数字或连字符";
}

const char *valid_date(const char *v)
{
	int month, day;

	if (strlen(v) != 10 || strncmp(v, "20", 2) != 0 || strspn(v, "0123456789") != 4
	    || v[4] != '-' || v[7] != '-' || strspn(v + 5, "0123456789") != 2
	    || strspn(v + 8, "0123456789") != 2)
		return "日期格式为 YYYY-MM-DD";
	month = (v[5] - '0') * 10 + v[6] - '0';
	day = (v[8] - '0') * 10 + v[9] - '0';
	return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? NULL : "日期格式为 YYYY-MM-DD";
}
