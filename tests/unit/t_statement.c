/* tests/unit/t_statement.c: TAP tests of lib/statement.c (bank statement CSV parsing in UTF-8 and GB18030, amounts, dates, limits, transfer codes). */
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "statement.h"
#include "tap.h"
#include "valid.h"

#define KEEP 8

/* What the parser passed to the callback: the first KEEP rows and how many there were. */
struct got {
	struct statement_row row[KEEP];
	int n;
};

static void collect(void *ctx, const struct statement_row *row)
{
	struct got *g = ctx;

	if (g->n < KEEP)
		g->row[g->n] = *row;
	g->n++;
}

/* Parses len bytes of text into g (zeroed first); returns statement_parse's result. */
static int parse_n(const char *text, size_t len, struct got *g, const char **err)
{
	memset(g, 0, sizeof(*g));
	*err = NULL;
	return statement_parse(text, len, collect, g, err);
}

static int parse(const char *text, struct got *g, const char **err)
{
	return parse_n(text, strlen(text), g, err);
}

/* An ICBC-like export: title lines, a blank line, the header, credits and a debit, quoted
 * fields with commas, doubled quotes and a line break, Excel's ="…" text form, a summary. */
static const char icbc[] =
	"中国工商银行账户历史明细\n"
	"账号,6222020200112233445\n"
	"户名,福建某某数字认证服务有限公司\n"
	"起止日期,2026-11-01,2026-11-30\n"
	"\n"
	"交易日期,交易流水号,摘要,借方金额,贷方金额,余额,对方户名,对方账号,附言\n"
	"2026-11-03 09:15:22,=\"SN20261103001\",转账,,650.00,10650.00,福州某某科技有限公司,6228480012345678,附言CD8K3M9Q\n"
	"2026-11-04,SN20261104002,手续费,5.00,,10645.00,,,\n"
	"2026/11/05,SN20261105003,\"网银转账,跨行\",,\"1,234.50\",11879.50,\"某某\"\"联合\"\"事务所\",6217000011112222,K7M2P9QA 证书费\n"
	"20261106,SN20261106004,转账,,￥650.00,12529.50,\"多行\n备注有限公司\",1,附言:HJ4N6R8T\n"
	"2026-11-07,SN20261107005,冲正,,-650.00,11879.50,,,\n"
	"合计,,,5.00,\"2,534.50\",,,,\n";

/* Checks the rows parsed from icbc (in any encoding or line ending). */
static void check_icbc(const char *what, int n, const struct got *g, const char *err)
{
	char name[128];

#define NAME(s) (snprintf(name, sizeof(name), "%s: %s", what, s), name)
	is_int(n, 3, NAME("three credits"));
	is_int(g->n, 3, NAME("callback called for each"));
	is_str(err, NULL, NAME("no error"));
	is_int(g->row[0].line, 7, NAME("first credit on line 7"));
	is_str(g->row[0].date, "2026-11-03", NAME("date with time"));
	is_int(g->row[0].amount_fen, 65000, NAME("650.00"));
	is_str(g->row[0].payer, "福州某某科技有限公司", NAME("payer"));
	is_str(g->row[0].remark, "转账 附言CD8K3M9Q", NAME("摘要 and 附言 joined"));
	is_str(g->row[0].serial, "SN20261103001", NAME("serial in Excel's =\"…\" form"));
	is_int(g->row[1].line, 9, NAME("debit skipped, next credit on line 9"));
	is_str(g->row[1].date, "2026-11-05", NAME("slashed date"));
	is_int(g->row[1].amount_fen, 123450, NAME("1,234.50 quoted"));
	is_str(g->row[1].payer, "某某\"联合\"事务所", NAME("doubled quotes"));
	is_str(g->row[1].remark, "网银转账,跨行 K7M2P9QA 证书费", NAME("comma inside quotes"));
	is_int(g->row[2].line, 10, NAME("a record spanning two lines starts on line 10"));
	is_str(g->row[2].date, "2026-11-06", NAME("compact date"));
	is_int(g->row[2].amount_fen, 65000, NAME("￥650.00"));
	is_str(g->row[2].payer, "多行 备注有限公司", NAME("line break in a field becomes a space"));
	is_str(g->row[2].remark, "转账 附言:HJ4N6R8T", NAME("third remark"));
#undef NAME
}

/* Converts the UTF-8 text to GB18030 into a malloc'd NUL-terminated buffer of *n bytes
 * (NULL on failure). */
static char *to_gb18030(const char *text, size_t *n)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	size_t inleft = strlen(text), outleft = 2 * inleft + 4;
	char *in = (char *)text, *out = malloc(outleft + 1), *o = out;

	if (cd == (iconv_t)-1 || !out || iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		free(out);
		out = NULL;
	} else {
		*o = '\0';
	}
	*n = out ? (size_t)(o - out) : 0;
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	return out;
}

/* Replaces every LF of text with CR LF into a malloc'd string. */
static char *to_crlf(const char *text)
{
	char *out = malloc(2 * strlen(text) + 1), *w = out;

	for (; *text; text++) {
		if (*text == '\n')
			*w++ = '\r';
		*w++ = *text;
	}
	*w = '\0';
	return out;
}

/* The ICBC-like export as UTF-8, with a BOM, with CR LF, and as GB18030. */
static void test_icbc(void)
{
	struct got g;
	const char *err;
	char *bom = malloc(sizeof(icbc) + 3), *crlf = to_crlf(icbc), *gb;
	size_t n;
	int rc;

	rc = parse(icbc, &g, &err);
	check_icbc("utf-8", rc, &g, err);
	memcpy(bom, "\xef\xbb\xbf", 3);
	memcpy(bom + 3, icbc, sizeof(icbc));
	rc = parse(bom, &g, &err);
	check_icbc("utf-8 with BOM", rc, &g, err);
	rc = parse(crlf, &g, &err);
	check_icbc("CR LF", rc, &g, err);
	gb = to_gb18030(icbc, &n);
	ok(gb && n != strlen(icbc) && valid_utf8_len(gb, 1) < 0, "gb18030: test file converted (not UTF-8)");
	rc = parse_n(gb, n, &g, &err);
	check_icbc("gb18030", rc, &g, err);
	free(gb);
	free(crlf);
	free(bom);
}

/* A CCB-like export with one signed amount column (negative: a debit) and Chinese dates. */
static void test_signed(void)
{
	struct got g;
	const char *err;
	int rc = parse("记账日期,交易金额,对方户名,交易附言,用途\r\n"
		       "2026年12月01日 10:00:00,650.00,甲公司,k7m2p9qa,证书\r\n"
		       "2026年12月02日,-650.00,乙公司,退款,\r\n"
		       "2026年1月3日,+650.5,丙,,\r\n", &g, &err);

	is_int(rc, 2, "signed column: two credits");
	is_str(g.row[0].date, "2026-12-01", "signed column: 年月日 date with time");
	is_str(g.row[0].remark, "k7m2p9qa 证书", "signed column: remark columns joined");
	is_int(g.row[1].amount_fen, 65050, "signed column: +650.5");
	is_str(g.row[1].date, "2026-01-03", "signed column: one-digit month and day");
	is_str(g.row[1].remark, "", "signed column: empty remarks");
	is_int(g.row[1].line, 4, "signed column: line of the last credit");
}

/* A BOC-like export with one unsigned amount column and a 借贷标志 column saying which rows
 * are credits. */
static void test_direction(void)
{
	struct got g;
	const char *err;
	int rc = parse("交易日期,借贷标志,交易金额,对方户名,摘要,流水号\n"
		       "2026-12-01,贷,650.00,甲公司,K7M2P9QA,A1\n"
		       "2026-12-01,借,650.00,乙公司,K7M2P9QA,A2\n"
		       "2026-12-02,C,400.00,丙公司,W3X4Y5Z6,A3\n"
		       "2026-12-02,,400.00,丁公司,W3X4Y5Z6,A4\n", &g, &err);

	is_int(rc, 2, "direction column: two credits");
	is_str(g.row[0].serial, "A1", "direction column: 贷 is a credit");
	is_str(g.row[1].serial, "A3", "direction column: C is a credit; 借 and an empty mark are not");
	is_int(g.row[1].amount_fen, 40000, "direction column: the unsigned amount");
}

/* The amount cell of a one-row statement in fen, 0 when the row was skipped. */
static int64_t amount_of(const char *cell)
{
	char text[256];
	struct got g;
	const char *err;

	snprintf(text, sizeof(text), "日期,金额\n2026-12-01,\"%s\"\n", cell);
	return parse(text, &g, &err) == 1 ? g.row[0].amount_fen : 0;
}

static void test_amounts(void)
{
	static const struct {
		const char *cell;
		int64_t fen;
	} cases[] = {
		{ "1,234.50", 123450 }, { "￥650.00", 65000 }, { "650", 65000 }, { "650.5", 65050 },
		{ "0.001", 0 }, { "-650.00", 0 }, { "¥650", 65000 }, { "RMB 650.00", 65000 },
		{ "cny650", 65000 }, { "-￥650", 0 }, { "￥-650", 0 }, { "1,234,567.89", 123456789 },
		{ "0.01", 1 }, { "0.00", 0 }, { "", 0 }, { "12,34.00", 0 }, { "1234,567", 0 },
		{ ",123", 0 }, { "1,234,", 0 }, { "650.", 0 }, { ".5", 0 }, { "1e3", 0 },
		{ "650.000", 0 }, { "--650", 0 }, { "6 50", 0 }, { "  650.00\t", 65000 },
		{ "99999999999999.99", 0 }, { "9999999999999.99", 999999999999999 },
	};
	char name[96];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "amount \"%s\"%s", cases[i].cell, cases[i].fen ? "" : " skipped");
		is_int(amount_of(cases[i].cell), cases[i].fen, name);
	}
}

/* The date of a one-row statement whose date cell is cell; "(skipped)" when no row. */
static void check_date(const char *cell, const char *want)
{
	char text[256], name[96];
	struct got g;
	const char *err;

	snprintf(text, sizeof(text), "交易日期,贷方金额\n\"%s\",1.00\n", cell);
	snprintf(name, sizeof(name), "date \"%s\"", cell);
	is_str(parse(text, &g, &err) == 1 ? g.row[0].date : "(skipped)", want, name);
}

static void test_dates(void)
{
	check_date("2026-12-01", "2026-12-01");
	check_date("2026/12/01", "2026-12-01");
	check_date("20261201", "2026-12-01");
	check_date("2026年12月01日", "2026-12-01");
	check_date("2026-12-01 10:22:33", "2026-12-01");
	check_date("2026/12/01T10:22", "2026-12-01");
	check_date("20261201 102233", "2026-12-01");
	check_date("20261201102233", "2026-12-01");
	check_date("2026/1/5", "2026-01-05");
	check_date("2024-02-29", "2024-02-29");
	check_date("2026-02-30", "");
	check_date("2025-02-29", "");
	check_date("2026-13-01", "");
	check_date("2026-00-10", "");
	check_date("2026-12-00", "");
	check_date("12/01/2026", "");
	check_date("2026-12-011", "");
	check_date("2026-12-01x", "");
	check_date("2026121", "");
	check_date("202612011", "");
	check_date("0000-01-01", "");
	check_date("", "");
}

static void check_code(const char *text, const char *want)
{
	char code[9], name[128];
	int found = statement_find_code(text, code);

	snprintf(name, sizeof(name), "code in \"%s\"", text);
	if (want)
		is_str(found ? code : "(none)", want, name);
	else
		is_int(found, 0, name);
}

static void test_codes(void)
{
	is_int((long long)strlen(statement_code_alphabet), 32, "code alphabet: 32 characters");
	is_int((long long)strcspn(statement_code_alphabet, "01IO"), 32, "code alphabet: no 0, 1, I, O");
	check_code("转账 附言CD8K3M9Q", "CD8K3M9Q");
	check_code("转账 附言CD8K3M9QXY", NULL);
	check_code("XABCD2345", NULL);
	check_code("ABCD2345Z", NULL);
	check_code("ABCD2345", "ABCD2345");
	check_code("附言:k7m2p9qa。", "K7M2P9QA");
	check_code("K7M2P9Q0", NULL);
	check_code("K7M2P9Q1", NULL);
	check_code("K7M2P9QI", NULL);
	check_code("K7M2P9QO", NULL);
	check_code("K7M2P9Q", NULL);
	check_code("", NULL);
	check_code("订单 123 K7M2P9QA", "K7M2P9QA");
	check_code("K7M2P9Q0 HJ4N6R8T", "HJ4N6R8T");
	check_code("付款-HJ4N6R8T-谢谢", "HJ4N6R8T");
	check_code("ＨＪ４Ｎ６Ｒ８Ｔ", NULL);
}

/* A header and rows data rows of 1.00 each, in a malloc'd string. */
static char *many_rows(int rows)
{
	static const char line[] = "2026-12-01,1.00,x\n";
	char *text = malloc(32 + (size_t)rows * strlen(line)), *w = text;
	int i;

	w += sprintf(w, "日期,金额,摘要\n");
	for (i = 0; i < rows; i++)
		w += sprintf(w, "%s", line);
	return text;
}

static void test_limits(void)
{
	struct got g;
	const char *err;
	char *text = many_rows(4999), *big;
	int rc;

	is_int(parse(text, &g, &err), 4999, "limits: 5000 records parse");
	free(text);
	text = many_rows(5000);
	rc = parse(text, &g, &err);
	is_int(rc, -1, "limits: 5001 records refused");
	ok(err && strstr(err, "5000"), "limits: the reason names 5000");
	is_int(g.n, 0, "limits: callback never called on failure");
	free(text);

	big = malloc(5 * 1024 + 64);
	strcpy(big, "日期,金额,摘要\n2026-12-01,1.00,");
	memset(big + strlen(big), 'a', 5 * 1024);
	strcpy(big + strlen("日期,金额,摘要\n2026-12-01,1.00,") + 5 * 1024, "\n");
	is_int(parse(big, &g, &err), -1, "limits: a 5 KiB field refused");
	ok(err && strstr(err, "4KB"), "limits: the reason names 4KB");
	strcpy(big, "日期,金额,摘要\n2026-12-01,1.00,");
	memset(big + strlen(big), 'a', 4096);
	strcpy(big + strlen("日期,金额,摘要\n2026-12-01,1.00,") + 4096, "\n");
	is_int(parse(big, &g, &err), 1, "limits: a 4 KiB field is fine");
	is_int((long long)strlen(g.row[0].remark), 255, "limits: remark cut to its buffer");
	free(big);
}

/* Long Chinese payer and remark are cut at a character boundary. */
static void test_truncation(void)
{
	char text[2048], *w = text;
	struct got g;
	const char *err;
	int i;

	w += sprintf(w, "日期,金额,付款人,摘要\n2026-12-01,1.00,");
	for (i = 0; i < 100; i++)
		w += sprintf(w, "汉");
	w += sprintf(w, ",x");
	for (i = 0; i < 100; i++)
		w += sprintf(w, "字");
	sprintf(w, "\n");
	is_int(parse(text, &g, &err), 1, "truncation: the row parses");
	is_int((long long)strlen(g.row[0].payer), 126, "truncation: payer cut to 42 characters");
	ok(valid_utf8_len(g.row[0].payer, 0) == 42, "truncation: payer still UTF-8");
	is_int((long long)strlen(g.row[0].remark), 253, "truncation: remark cut before a split character");
	ok(valid_utf8_len(g.row[0].remark, 0) == 85, "truncation: remark still UTF-8");
}

static void test_errors(void)
{
	struct got g;
	const char *err;
	char text[2048], *w = text;
	int i;

	is_int(parse("", &g, &err), -1, "errors: empty input");
	ok(err != NULL, "errors: empty input has a reason");
	is_int(parse("a,b,c\n1,2,3\n", &g, &err), -1, "errors: no header");
	ok(err && strstr(err, "表头"), "errors: no header has a reason");
	is_int(parse("交易日期,摘要,对方户名\n2026-12-01,x,y\n", &g, &err), -1, "errors: no amount column");
	ok(err && strstr(err, "金额"), "errors: no amount column has a reason");
	is_int(parse_n("\xff\xfe\xff\xfe", 4, &g, &err), -1, "errors: neither UTF-8 nor GB18030");
	ok(err && strstr(err, "编码"), "errors: undecodable has a reason");
	is_int(parse("日期,金额,摘要\n2026-12-01,1.00,\xf4\x90\x80\x80\n", &g, &err), -1,
	    "errors: a code point beyond U+10FFFF is neither");
	for (i = 0; i < 20; i++)
		w += sprintf(w, "标题%d\n", i);
	sprintf(w, "日期,金额\n2026-12-01,1.00\n");
	is_int(parse(text, &g, &err), -1, "errors: header after 20 records not looked for");
	is_int(parse(text + strlen("标题0\n"), &g, &err), 1, "errors: header as record 20 found");
	is_int(parse("日期,金额\n", &g, &err), 0, "errors: a header alone is zero credits");
	is_str(err, NULL, "errors: zero credits is no error");
	is_int(parse("Date,AMOUNT,Remark\n2026-12-01,2.00,x\n", &g, &err), 1, "errors: ASCII names case-insensitive");
	is_int(parse("\"　交易日期　\", \" 金额 \"\n2026-12-01,3.00\n", &g, &err), 1, "errors: header names trimmed");
}

/* Random bytes and random mutations of the ICBC export never crash the parser. */
static void test_garbage(void)
{
	char buf[sizeof(icbc)];
	struct got g;
	const char *err;
	int i, j, bad = 0, rc;

	srand(20261201);
	for (i = 0; i < 3000; i++) {
		size_t n = (size_t)rand() % sizeof(buf);

		if (i % 2) {
			for (j = 0; j < (int)n; j++)
				buf[j] = (char)(rand() % 256);
		} else {
			memcpy(buf, icbc, sizeof(buf));
			for (j = 0; j < 8; j++)
				buf[rand() % (int)sizeof(buf)] = (char)(rand() % 256);
			n = sizeof(buf) - 1;
		}
		rc = parse_n(buf, n, &g, &err);
		bad += rc < -1 || (rc == -1) != (err != NULL) || (rc >= 0 && rc != g.n);
	}
	is_int(bad, 0, "garbage: 3000 random inputs handled");
}

int main(void)
{
	test_icbc();
	test_signed();
	test_direction();
	test_amounts();
	test_dates();
	test_codes();
	test_limits();
	test_truncation();
	test_errors();
	test_garbage();
	return done_testing();
}
