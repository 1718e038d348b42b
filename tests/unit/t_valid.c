/* tests/unit/t_valid.c: TAP tests of lib/valid.c with the standards' vectors and hostile input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "util.h"
#include "valid.h"

/* Writes v into out for a test name: printable ASCII as is, other bytes as \xNN, so the
 * TAP stream stays one line per test; long values are cut. */
static void show(const char *v, char *out, size_t size)
{
	size_t o = 0;

	for (; *v && o + 5 < size; v++) {
		unsigned char c = (unsigned char)*v;

		if (c >= 0x20 && c < 0x7f && c != '\\')
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
	}
	out[o] = '\0';
}

/* Tests that fn accepts v (answers NULL). */
static void accepts(validator_fn fn, const char *v, const char *what)
{
	const char *msg = fn(v);
	char name[200], shown[120];

	show(v, shown, sizeof shown);
	snprintf(name, sizeof name, "%s accepts \"%s\"", what, shown);
	if (!ok(msg == NULL, name))
		printf("#   message: %s\n", msg);
}

/* Tests that fn refuses v with exactly the message want (any message when want is NULL). */
static void refuses(validator_fn fn, const char *v, const char *want, const char *what)
{
	const char *msg = fn(v);
	char name[200], shown[120];

	show(v, shown, sizeof shown);
	snprintf(name, sizeof name, "%s refuses \"%s\"", what, shown);
	if (want == NULL)
		ok(msg != NULL && msg[0] != '\0', name);
	else
		is_str(msg, want, name);
}

/* The UTF-8 encoding of cp into out (reference encoder, surrogates included); returns its length. */
static int utf8_encode(unsigned cp, char *out)
{
	int n;

	if (cp < 0x80) {
		out[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		out[0] = (char)(0xf0 | cp >> 18);
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	out[n] = '\0';
	return n;
}

/* valid_utf8_len: counts, every code point against a reference, overlongs, truncation, controls. */
static void test_utf8(void)
{
	static const struct {
		const char *s;
		long single, multi;
		const char *name;
	} cases[] = {
		{ "", 0, 0, "empty" },
		{ "abc", 3, 3, "ASCII" },
		{ "\xe4\xb8\xad\xe6\x96\x87", 2, 2, "two CJK characters" },
		{ "a\xe4\xb8\xad\xf0\x9f\x98\x80" "b", 4, 4, "mixed 1-, 3- and 4-byte characters" },
		{ "\xc2\xa0", 1, 1, "U+00A0 (first after C1)" },
		{ "\xdf\xbf", 1, 1, "U+07FF" },
		{ "\xe0\xa0\x80", 1, 1, "U+0800" },
		{ "\xed\x9f\xbf", 1, 1, "U+D7FF" },
		{ "\xee\x80\x80", 1, 1, "U+E000" },
		{ "\xef\xbf\xbd", 1, 1, "U+FFFD" },
		{ "\xf0\x90\x80\x80", 1, 1, "U+10000" },
		{ "\xf4\x8f\xbf\xbf", 1, 1, "U+10FFFF" },
		{ "\xf4\x90\x80\x80", -1, -1, "U+110000" },
		{ "\xf5\x80\x80\x80", -1, -1, "lead F5" },
		{ "\xf7\xbf\xbf\xbf", -1, -1, "lead F7" },
		{ "\xf8\x88\x80\x80\x80", -1, -1, "5-byte form" },
		{ "\xfc\x84\x80\x80\x80\x80", -1, -1, "6-byte form" },
		{ "\xfe", -1, -1, "byte FE" },
		{ "\xff", -1, -1, "byte FF" },
		{ "\xc0\xaf", -1, -1, "overlong '/' in 2 bytes" },
		{ "\xc0\x80", -1, -1, "overlong NUL" },
		{ "\xc1\xbf", -1, -1, "overlong U+007F" },
		{ "\xe0\x80\xaf", -1, -1, "overlong '/' in 3 bytes" },
		{ "\xe0\x9f\xbf", -1, -1, "overlong U+07FF in 3 bytes" },
		{ "\xf0\x80\x80\xaf", -1, -1, "overlong '/' in 4 bytes" },
		{ "\xf0\x8f\xbf\xbf", -1, -1, "overlong U+FFFF in 4 bytes" },
		{ "\xed\xa0\x80", -1, -1, "surrogate U+D800" },
		{ "\xed\xbf\xbf", -1, -1, "surrogate U+DFFF" },
		{ "\xed\xa0\xbd\xed\xb8\x80", -1, -1, "CESU-8 surrogate pair" },
		{ "\x80", -1, -1, "lone continuation byte" },
		{ "a\xbf" "b", -1, -1, "continuation byte inside ASCII" },
		{ "\xe4\xb8", -1, -1, "truncated 3-byte sequence" },
		{ "a\xe4", -1, -1, "lead byte at the end" },
		{ "\xf0\x9f\x98", -1, -1, "truncated 4-byte sequence" },
		{ "\xe4" "ab", -1, -1, "lead byte followed by ASCII" },
		{ "\xc2\xc2\xa0", -1, -1, "lead byte followed by lead byte" },
		{ "\xc2\x80", -1, -1, "C1 U+0080" },
		{ "\xc2\x85", -1, -1, "C1 NEL U+0085" },
		{ "\xc2\x9f", -1, -1, "C1 U+009F" },
		{ "\x7f", -1, -1, "DEL" },
		{ "a\x01" "b", -1, -1, "SOH" },
		{ "\x1b[31m", -1, -1, "ESC" },
		{ "a\tb", -1, 3, "tab" },
		{ "a\nb", -1, 3, "LF" },
		{ "a\r\nb", -1, 4, "CRLF" },
		{ "\x0b", -1, -1, "vertical tab" },
		{ "\x0c", -1, -1, "form feed" },
	};
	char buf[8], name[128];
	size_t i;
	unsigned cp, bad1 = 0, badm = 0, lead, cont, bad2 = 0;

	for (i = 0; i < nitems(cases); i++) {
		snprintf(name, sizeof name, "utf8_len single-line: %s", cases[i].name);
		is_int(valid_utf8_len(cases[i].s, 0), cases[i].single, name);
		snprintf(name, sizeof name, "utf8_len multiline: %s", cases[i].name);
		is_int(valid_utf8_len(cases[i].s, 1), cases[i].multi, name);
	}

	/* Every code point, encoded by the reference encoder, against the rules. */
	for (cp = 1; cp <= 0x10ffff; cp++) {
		int nl = cp == '\t' || cp == '\r' || cp == '\n';
		int good = !(cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff));

		utf8_encode(cp, buf);
		bad1 += valid_utf8_len(buf, 0) != (good ? 1 : -1);
		badm += valid_utf8_len(buf, 1) != (good || nl ? 1 : -1);
	}
	is_int(bad1, 0, "utf8_len single-line: every code point U+0001..U+10FFFF judged right");
	is_int(badm, 0, "utf8_len multiline: every code point U+0001..U+10FFFF judged right");

	/* Every two-byte pair: only C2..DF followed by a continuation, above C1, is a character. */
	for (lead = 0x80; lead <= 0xff; lead++)
		for (cont = 1; cont <= 0xff; cont++) {
			unsigned v = (lead & 0x1f) << 6 | (cont & 0x3f);
			int good = lead >= 0xc2 && lead <= 0xdf && (cont & 0xc0) == 0x80 && v >= 0xa0;

			buf[0] = (char)lead;
			buf[1] = (char)cont;
			buf[2] = '\0';
			bad2 += (valid_utf8_len(buf, 1) == 1) != good;
		}
	is_int(bad2, 0, "utf8_len: every two-byte sequence led by 80..FF judged right");
}

static void test_mobile(void)
{
	static const char msg[] = "请输入11位手机号码";

	accepts(valid_mobile, "13912345678", "mobile");
	accepts(valid_mobile, "13000000000", "mobile");
	accepts(valid_mobile, "19999999999", "mobile");
	refuses(valid_mobile, "12912345678", msg, "mobile");
	refuses(valid_mobile, "11912345678", msg, "mobile");
	refuses(valid_mobile, "10912345678", msg, "mobile");
	refuses(valid_mobile, "23912345678", msg, "mobile");
	refuses(valid_mobile, "1391234567", msg, "mobile");
	refuses(valid_mobile, "139123456789", msg, "mobile");
	refuses(valid_mobile, "1391234567a", msg, "mobile");
	refuses(valid_mobile, " 13912345678", msg, "mobile");
	refuses(valid_mobile, "13912345678 ", msg, "mobile");
	refuses(valid_mobile, "+8613912345678", msg, "mobile");
	refuses(valid_mobile, "139-1234-5678", msg, "mobile");
	refuses(valid_mobile, "\xef\xbc\x91\xef\xbc\x93\xef\xbc\x99\x31\x32\x33\x34\x35\x36\x37\x38", msg,
		"mobile (fullwidth digits)");
}

static void test_password(void)
{
	static const char msg[] = "密码须为8至128位，且同时包含字母和数字";
	char buf[1024];
	int i;

	accepts(valid_password, "abcdefg1", "password (8)");
	accepts(valid_password, "1234567A", "password");
	accepts(valid_password, "correct horse battery 9", "password (spaces)");
	accepts(valid_password, "P@ssw0rd!#$%^&*()", "password (symbols)");
	refuses(valid_password, "abcdef1", msg, "password (7)");
	refuses(valid_password, "abcdefgh", msg, "password (no digit)");
	refuses(valid_password, "12345678", msg, "password (no letter)");
	refuses(valid_password, "!@#$%^&*()", msg, "password (symbols only)");
	/* Counted in characters: 6 CJK characters + a1 are 8 characters but 20 bytes. */
	accepts(valid_password, "密码密码密码a1", "password (8 characters, 20 bytes)");
	refuses(valid_password, "密码密码密a1", msg, "password (7 characters, 17 bytes)");
	refuses(valid_password, "密码密码密码密码", msg, "password (CJK only)");
	/* Fullwidth letters and digits are not ASCII letters and digits. */
	refuses(valid_password, "\xef\xbd\x81\xef\xbd\x82\xef\xbd\x83\xef\xbd\x84\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94",
		msg, "password (fullwidth)");

	memset(buf, 'a', 127);
	buf[127] = '1';
	buf[128] = '\0';
	accepts(valid_password, buf, "password (128)");
	buf[128] = '2';
	buf[129] = '\0';
	refuses(valid_password, buf, msg, "password (129)");
	/* 126 CJK characters + "a1" = 128 characters (380 bytes); one more is 129. */
	buf[0] = '\0';
	for (i = 0; i < 126; i++)
		strcat(buf, "密");
	strcat(buf, "a1");
	is_int(valid_utf8_len(buf, 0), 128, "password: 128-character CJK password counted");
	ok(valid_password(buf) == NULL, "password accepts 128 characters of 380 bytes");
	strcat(buf, "b");
	is_str(valid_password(buf), msg, "password refuses 129 characters");

	refuses(valid_password, "abcdefg1\x01", "密码含有不允许的字符", "password (control)");
	refuses(valid_password, "abcd\tefg1", "密码含有不允许的字符", "password (tab)");
	refuses(valid_password, "abcdefg1\n", "密码含有不允许的字符", "password (newline)");
	refuses(valid_password, "abcdefg1\x7f", "密码含有不允许的字符", "password (DEL)");
	refuses(valid_password, "abcdefg1\xff", "密码含有不允许的字符", "password (bad UTF-8)");
	refuses(valid_password, "abcdefg1\xc0\xb1", "密码含有不允许的字符", "password (overlong)");
}

static void test_code6(void)
{
	static const char msg[] = "验证码为6位数字";

	accepts(valid_code6, "123456", "code6");
	accepts(valid_code6, "000000", "code6");
	accepts(valid_code6, "012345", "code6");
	refuses(valid_code6, "12345", msg, "code6");
	refuses(valid_code6, "1234567", msg, "code6");
	refuses(valid_code6, "12345a", msg, "code6");
	refuses(valid_code6, " 12345", msg, "code6");
	refuses(valid_code6, "123 456", msg, "code6");
	refuses(valid_code6, "-12345", msg, "code6");
	refuses(valid_code6, "", msg, "code6");
	refuses(valid_code6, "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94\xef\xbc\x95\xef\xbc\x96", msg,
		"code6 (fullwidth)");
}

/* The GB 32100-2015 check character, computed independently of lib/valid.c: weights 3^i mod 31. */
static char ref_uscc_check(const char *first17)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	int i, w = 1, sum = 0;

	for (i = 0; i < 17; i++, w = w * 3 % 31)
		sum += (int)(strchr(alphabet, first17[i]) - alphabet) * w;
	return alphabet[(31 - sum % 31) % 31];
}

static void test_uscc(void)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char buf[32], org[16];
	int i, pos, bad, valid_count;

	/* The example of GB 32100-2015, and published codes of large companies. */
	accepts(valid_uscc, "91350100M000100Y43", "uscc (GB 32100 example)");
	accepts(valid_uscc, "914403001922038216", "uscc");
	accepts(valid_uscc, "9144030071526726XG", "uscc (org code check X)");
	accepts(valid_uscc, "91110108551385082Q", "uscc");
	refuses(valid_uscc, "91350100M000100Y4Z", NULL, "uscc (Z outside the alphabet)");
	refuses(valid_uscc, "91350100M000100Y4Z", "统一社会信用代码含有无效字符", "uscc");
	refuses(valid_uscc, "91350100M000100Y44", "统一社会信用代码校验位不正确", "uscc");
	refuses(valid_uscc, "91350100M000100Y42", "统一社会信用代码校验位不正确", "uscc");
	refuses(valid_uscc, "91350100M000101Y43", "统一社会信用代码校验位不正确", "uscc (changed digit)");
	refuses(valid_uscc, "91350100m000100y43", "统一社会信用代码中的字母须大写", "uscc");
	refuses(valid_uscc, "91350100M000100Y4", "统一社会信用代码应为18位", "uscc (17)");
	refuses(valid_uscc, "91350100M000100Y433", "统一社会信用代码应为18位", "uscc (19)");
	refuses(valid_uscc, "91350100I000100Y43", "统一社会信用代码含有无效字符", "uscc (I)");
	refuses(valid_uscc, "91350100O000100Y43", "统一社会信用代码含有无效字符", "uscc (O)");
	refuses(valid_uscc, "91350100S000100Y43", "统一社会信用代码含有无效字符", "uscc (S)");
	refuses(valid_uscc, "91350100V000100Y43", "统一社会信用代码含有无效字符", "uscc (V)");
	refuses(valid_uscc, "91350100-000100Y43", "统一社会信用代码含有无效字符", "uscc (-)");
	refuses(valid_uscc, "91350100M000100Y4\xe4", "统一社会信用代码含有无效字符", "uscc (high byte)");

	is_int(valid_uscc_check_char("91350100M000100Y4"), '3', "uscc check char of the GB example");
	is_int(valid_uscc_check_char("91350100M000100Y43"), '3', "uscc check char ignores the 18th");
	is_int(valid_uscc_check_char("9144030071526726X"), 'G', "uscc check char G");
	is_int(valid_uscc_check_char("91350100M000100Y"), 0, "uscc check char of 16 characters: 0");
	is_int(valid_uscc_check_char("91350100M0001O0Y4"), 0, "uscc check char with O: 0");
	is_int(valid_uscc_check_char("91350100m000100Y4"), 0, "uscc check char with lowercase: 0");

	/* Against a reference: every character at every position shifts the sum by a unit
	 * multiple mod 31, so all 31 check values (0 included) are reached. */
	bad = 0;
	for (pos = 0; pos < 17; pos++)
		for (i = 0; alphabet[i]; i++) {
			strcpy(buf, "91350100M000100Y4");
			buf[pos] = alphabet[i];
			bad += valid_uscc_check_char(buf) != ref_uscc_check(buf);
		}
	is_int(bad, 0, "uscc check char agrees with the reference for 527 codes");

	/* Exactly one of the 31 characters completes a given 17. */
	valid_count = 0;
	strcpy(buf, "91350100M000100Y43");
	for (i = 0; alphabet[i]; i++) {
		buf[17] = alphabet[i];
		valid_count += valid_uscc(buf) == NULL;
	}
	is_int(valid_count, 1, "uscc: one check character in 31 is valid");
	/* A check character of 0 (sum divisible by 31) must come out as '0', not '\0' or 'Y'+1. */
	valid_count = 0;
	for (i = 0; alphabet[i]; i++) {
		strcpy(buf, "91350100M000100Y4");
		buf[3] = alphabet[i];
		if (valid_uscc_check_char(buf) == '0') {
			buf[17] = '0';
			buf[18] = '\0';
			valid_count += valid_uscc(buf) == NULL;
		}
	}
	is_int(valid_count, 1, "uscc: a code whose check character is 0 is accepted");

	/* Right overall check character but a wrong GB 11714 organisation code check (Y5, wants Y4). */
	strcpy(buf, "91350100M000100Y5");
	buf[17] = valid_uscc_check_char(buf);
	buf[18] = '\0';
	refuses(valid_uscc, buf, "统一社会信用代码不正确", "uscc (organisation code check)");

	is_int(valid_uscc_org_code("91350100M000100Y43", org, sizeof org), 0, "uscc org code of the example");
	is_str(org, "M000100Y4", "uscc org code is characters 9-17");
	is_int(valid_uscc_org_code("91350100M000100Y43", org, 10), 0, "uscc org code fits in 10 bytes");
	is_int(valid_uscc_org_code("91350100M000100Y43", org, 9), -1, "uscc org code refuses 9 bytes");
	is_int(valid_uscc_org_code("91350100M000100Y44", org, sizeof org), -1, "uscc org code of an invalid code");
	is_int(valid_uscc_org_code(NULL, org, sizeof org), -1, "uscc org code of NULL");
}

/* The GB 11643 check character, computed independently of lib/valid.c. */
static char ref_id_check(const char *first17)
{
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (first17[i] - '0') * ((1 << (17 - i)) % 11);
	return "10X98765432"[sum % 11];
}

/* Builds an 18-character ID number with region 110105, birth date ymd, sequence 002,
 * and its correct check character into out[19]. */
static void make_id(char out[19], const char *ymd)
{
	snprintf(out, 19, "110105%.8s002", ymd);
	out[17] = ref_id_check(out);
	out[18] = '\0';
}

static void test_resident_id(void)
{
	char id[19], ymd[16], today[16];
	const char *msg;
	time_t t;
	struct tm tm;
	int i, valid_count;

	accepts(valid_resident_id, "11010519491231002X", "resident id (GB 11643 example)");
	is_int(valid_resident_id_check_char("11010519491231002"), 'X', "resident id check char of the example");
	is_int(valid_resident_id_check_char("11010519491231002X"), 'X', "resident id check char ignores the 18th");
	is_int(valid_resident_id_check_char("1101051949123100"), 0, "resident id check char of 16 digits: 0");
	is_int(valid_resident_id_check_char("1101051949123100A"), 0, "resident id check char with a letter: 0");
	refuses(valid_resident_id, "11010519491231002x", "身份证号码末位的X须大写", "resident id (lowercase x)");
	refuses(valid_resident_id, "110105194912310021", "身份证号码不正确", "resident id (wrong check)");
	refuses(valid_resident_id, "110105194912310020", "身份证号码不正确", "resident id (wrong check)");
	refuses(valid_resident_id, "11010619491231002X", "身份证号码不正确", "resident id (changed digit)");
	refuses(valid_resident_id, "110105491231002", "身份证号码应为18位", "resident id (15-digit old number)");
	refuses(valid_resident_id, "11010519491231002", "身份证号码应为18位", "resident id (17)");
	refuses(valid_resident_id, "11010519491231002X1", "身份证号码应为18位", "resident id (19)");
	refuses(valid_resident_id, "1101051949123100AX", "身份证号码不正确", "resident id (letter)");
	refuses(valid_resident_id, "11010519491231002Y", "身份证号码不正确", "resident id (last Y)");
	refuses(valid_resident_id, "X10105194912310021", "身份证号码不正确", "resident id (X first)");
	refuses(valid_resident_id, "11010519491231 02X", "身份证号码不正确", "resident id (space)");

	/* Exactly one of the 11 possible characters completes a given 17. */
	valid_count = 0;
	strcpy(id, "11010519491231002X");
	for (i = 0; i < 11; i++) {
		id[17] = "0123456789X"[i];
		valid_count += valid_resident_id(id) == NULL;
	}
	is_int(valid_count, 1, "resident id: one check character in 11 is valid");

	make_id(id, "19490230");
	refuses(valid_resident_id, id, "出生日期不正确", "resident id (1949-02-30)");
	make_id(id, "20000229");
	accepts(valid_resident_id, id, "resident id (2000-02-29, leap)");
	make_id(id, "20040229");
	accepts(valid_resident_id, id, "resident id (2004-02-29, leap)");
	make_id(id, "19000229");
	refuses(valid_resident_id, id, "出生日期不正确", "resident id (1900-02-29, not leap)");
	make_id(id, "20010229");
	refuses(valid_resident_id, id, "出生日期不正确", "resident id (2001-02-29)");
	make_id(id, "19000101");
	accepts(valid_resident_id, id, "resident id (1900-01-01)");
	make_id(id, "18991231");
	refuses(valid_resident_id, id, "出生日期不正确", "resident id (1899-12-31)");
	make_id(id, "19800431");
	refuses(valid_resident_id, id, "出生日期不正确", "resident id (April 31)");
	make_id(id, "19800430");
	accepts(valid_resident_id, id, "resident id (April 30)");
	make_id(id, "19801231");
	accepts(valid_resident_id, id, "resident id (December 31)");
	make_id(id, "19801301");
	refuses(valid_resident_id, id, "出生日期不正确", "resident id (month 13)");
	make_id(id, "19800001");
	refuses(valid_resident_id, id, "出生日期不正确", "resident id (month 00)");
	make_id(id, "19800100");
	refuses(valid_resident_id, id, "出生日期不正确", "resident id (day 00)");
	make_id(id, "19800132");
	refuses(valid_resident_id, id, "出生日期不正确", "resident id (day 32)");
	make_id(id, "00000000");
	refuses(valid_resident_id, id, "出生日期不正确", "resident id (year 0000)");
	make_id(id, "99991231");
	refuses(valid_resident_id, id, "出生日期不正确", "resident id (9999-12-31)");

	/* Today is accepted, tomorrow is not (unless midnight passed meanwhile: then skipped). */
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(today, sizeof today, "%Y%m%d", &tm);
	make_id(id, today);
	accepts(valid_resident_id, id, "resident id (born today)");
	t += 86400;
	localtime_r(&t, &tm);
	strftime(ymd, sizeof ymd, "%Y%m%d", &tm);
	make_id(id, ymd);
	msg = valid_resident_id(id);
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(ymd, sizeof ymd, "%Y%m%d", &tm);
	if (strcmp(ymd, today) == 0)
		is_str(msg, "出生日期不正确", "resident id refuses a birth date of tomorrow");
	else
		ok(1, "resident id tomorrow # SKIP midnight passed during the test");
}

static void test_email(void)
{
	static const char msg[] = "邮箱地址格式不正确";
	static const char *const good[] = {
		"a@b.cn", "user.name+tag@example.com", "x_y%z-w@mail.example.org", "A@EXAMPLE.COM",
		"a@xn--fiqs8s.cn", "1@2a.com", "a@b-c.d-e.info",
	};
	static const char *const bad[] = {
		"a", "a@", "@b.cn", "a@b", "a@@b.cn", "a@b@c.cn", "a@b.c", "a@b.c1", "a@b.1c", "a@-b.cn",
		"a@b-.cn", "a@b..cn", "a@.b.cn", "a@b.cn.", ".a@b.cn", "a.@b.cn", "a..b@c.cn", "a b@c.cn",
		"a@b c.cn", "a\"@b.cn", "a<b@c.cn", "\xe4\xb8\xad@b.cn", "a@\xe4\xb8\xad.cn", "a@b.cn\n",
		"a@b_c.cn", "a@[127.0.0.1]", "a@127.0.0.1", "a@b.cn ", "a;b@c.cn", "a@b.-cn",
	};
	char buf[300];
	size_t i;

	for (i = 0; i < nitems(good); i++)
		accepts(valid_email, good[i], "email");
	for (i = 0; i < nitems(bad); i++)
		refuses(valid_email, bad[i], msg, "email");

	memset(buf, 'a', 64);
	strcpy(buf + 64, "@b.cn");
	accepts(valid_email, buf, "email (64-character local part)");
	memset(buf, 'a', 65);
	strcpy(buf + 65, "@b.cn");
	refuses(valid_email, buf, msg, "email (65-character local part)");

	strcpy(buf, "a@");
	memset(buf + 2, 'b', 63);
	strcpy(buf + 65, ".cn");
	accepts(valid_email, buf, "email (63-character label)");
	strcpy(buf, "a@");
	memset(buf + 2, 'b', 64);
	strcpy(buf + 66, ".cn");
	refuses(valid_email, buf, msg, "email (64-character label)");

	/* 64 + 1 + (63 + 1 + 63 + 1 + 58 + 3) = 254 bytes. */
	memset(buf, 'a', 64);
	buf[64] = '@';
	memset(buf + 65, 'b', 63);
	buf[128] = '.';
	memset(buf + 129, 'c', 63);
	buf[192] = '.';
	memset(buf + 193, 'd', 58);
	strcpy(buf + 251, ".cn");
	is_int((long long)strlen(buf), 254, "email: the long address is 254 bytes");
	accepts(valid_email, buf, "email (254 bytes)");
	memset(buf + 193, 'd', 59);
	strcpy(buf + 252, ".cn");
	refuses(valid_email, buf, msg, "email (255 bytes)");
}

static void test_text(void)
{
	accepts(valid_text, "福州市鼓楼区某某路1号", "text");
	accepts(valid_text, "a b", "text");
	refuses(valid_text, "a\tb", "内容含有不允许的字符", "text (tab)");
	refuses(valid_text, "a\nb", "内容含有不允许的字符", "text (newline)");
	refuses(valid_text, "a\rb", "内容含有不允许的字符", "text (CR)");
	refuses(valid_text, "\xff", "内容含有不允许的字符", "text (bad UTF-8)");
	refuses(valid_text, "\xc2\x85", "内容含有不允许的字符", "text (NEL)");
	accepts(valid_multiline, "第一行\r\n第二行\n\t缩进", "multiline");
	refuses(valid_multiline, "a\x0b" "b", "内容含有不允许的字符", "multiline (VT)");
	refuses(valid_multiline, "\xed\xa0\x80", "内容含有不允许的字符", "multiline (surrogate)");
}

static void test_token_id_checkbox(void)
{
	char buf[40];

	accepts(valid_token, "send_code", "token");
	accepts(valid_token, "a", "token");
	accepts(valid_token, "step2", "token");
	memset(buf, 'a', 32);
	buf[32] = '\0';
	accepts(valid_token, buf, "token (32)");
	buf[32] = 'a';
	buf[33] = '\0';
	refuses(valid_token, buf, NULL, "token (33)");
	refuses(valid_token, "", NULL, "token");
	refuses(valid_token, "Send", NULL, "token");
	refuses(valid_token, "a-b", NULL, "token");
	refuses(valid_token, "a b", NULL, "token");
	refuses(valid_token, "a.b", NULL, "token");
	refuses(valid_token, "a\n", NULL, "token");

	accepts(valid_id, "1", "id");
	accepts(valid_id, "1234567890123456789", "id (19 digits)");
	accepts(valid_id, "9223372036854775807", "id (INT64_MAX)");
	refuses(valid_id, "9223372036854775808", "编号不正确", "id (INT64_MAX + 1)");
	refuses(valid_id, "9999999999999999999", "编号不正确", "id");
	refuses(valid_id, "12345678901234567890", "编号不正确", "id (20 digits)");
	refuses(valid_id, "0", "编号不正确", "id");
	refuses(valid_id, "01", "编号不正确", "id (leading zero)");
	refuses(valid_id, "-1", "编号不正确", "id");
	refuses(valid_id, "+1", "编号不正确", "id");
	refuses(valid_id, "1.5", "编号不正确", "id");
	refuses(valid_id, "12a", "编号不正确", "id");
	refuses(valid_id, " 1", "编号不正确", "id");
	refuses(valid_id, "0x1f", "编号不正确", "id");
	refuses(valid_id, "", "编号不正确", "id");

	accepts(valid_checkbox, "1", "checkbox");
	refuses(valid_checkbox, "0", "请勾选此项", "checkbox");
	refuses(valid_checkbox, "on", "请勾选此项", "checkbox");
	refuses(valid_checkbox, "11", "请勾选此项", "checkbox");
	refuses(valid_checkbox, "1 ", "请勾选此项", "checkbox");
}

static void test_next(void)
{
	static const char msg[] = "跳转地址不正确";
	static const char *const good[] = {
		"/cgi-bin/", "/cgi-bin/order.fcgi", "/cgi-bin/order.fcgi?id=123&x=%2F",
		"/cgi-bin/order.fcgi/alipay/notify", "/cgi-bin/a..b", "/cgi-bin/...", "/cgi-bin/.hidden",
		"/cgi-bin/a#frag",
	};
	static const char *const bad[] = {
		"http://evil.example/", "https://evil.example/cgi-bin/", "//evil.example/cgi-bin/",
		"javascript:alert(1)", "/cgi-bin//evil.example", "/cgi-bin/a//b", "/cgi-bin/\\evil.example",
		"/\\evil.example/cgi-bin/", "/cgi-bin/a\r\nSet-Cookie: x=1", "/cgi-bin/a\nb", "/cgi-bin/a\rb",
		"/cgi-bin/a\tb", "/cgi-bin/a b", "/cgi-bin/\x7f", "/cgi-bin/\x01", "/cgi-bin/\xe4\xb8\xad",
		"/cgi-bin/../etc/passwd", "/cgi-bin/./order.fcgi", "/cgi-bin/a/..", "/cgi-bin/a/.",
		"/cgi-bin/..?x=1", "/cgi-bin/%2e%2e/x", "/cgi-bin/%2E%2E/x", "/cgi-bin/.%2e/x",
		"/cgi-bin/%2e/x", "/cgi-bin/a/%2e%2e", "/cgi-bin", "/cgi-binx/", "cgi-bin/a", "/CGI-BIN/a",
		"/cgi/bin/a", "", "/cgi-bin/a#/../x",
	};
	char buf[600];
	size_t i;

	for (i = 0; i < nitems(good); i++)
		accepts(valid_next, good[i], "next");
	for (i = 0; i < nitems(bad); i++)
		refuses(valid_next, bad[i], msg, "next");
	strcpy(buf, "/cgi-bin/");
	memset(buf + 9, 'a', 503);
	buf[512] = '\0';
	accepts(valid_next, buf, "next (512 bytes)");
	buf[512] = 'a';
	buf[513] = '\0';
	refuses(valid_next, buf, msg, "next (513 bytes)");
}

int main(void)
{
	test_utf8();
	test_mobile();
	test_password();
	test_code6();
	test_uscc();
	test_resident_id();
	test_email();
	test_text();
	test_token_id_checkbox();
	test_next();
	return done_testing();
}
