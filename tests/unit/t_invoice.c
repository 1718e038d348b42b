/* tests/unit/t_invoice.c: TAP tests of invoices: title rules, titles and their default, requests for paid orders with a copy of the title, issuing a PDF or OFD (stored file, queued e-mail), rejecting, the file download, labels and account cancellation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include "tap.h"
#include "tsite.h"
#include "account.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "invoice.h"
#include "order.h"
#include "payment.h"
#include "review.h"
#include "util.h"

#define FINANCE 1	/* staff id */
#define NO_STAFF 999	/* no such staff member: the issuing transaction fails */

static char dir[] = "/tmp/t_invoice.XXXXXX";
static int64_t user1, user2;

/* ---------------------------------------------------------------- helpers */

/* A form: name=value pairs, then overrides (a NULL value removes the field). */
struct form {
	const char *const *pairs;
	const char *const *over;
};

/* The value of name in a NULL-ended pair list; *found tells whether it was listed. */
static const char *lookup(const char *const *p, const char *name, int *found)
{
	for (*found = 0; p && p[0]; p += 2)
		if (strcmp(p[0], name) == 0) {
			*found = 1;
			return p[1];
		}
	return NULL;
}

/* The getter: overrides first, absent and empty values as NULL. */
static const char *get(void *ctx, const char *name)
{
	const struct form *f = ctx;
	int found;
	const char *v = lookup(f->over, name, &found);

	if (!found)
		v = lookup(f->pairs, name, &found);
	return v && *v ? v : NULL;
}

static const char *const company[] = {
	"kind", "company", "name", "福州某某科技有限公司", "tax_id", "91350100M000100Y43",
	"address", "福州市鼓楼区五四路1号", "phone", "0591-87654321", "bank", "中国银行福州鼓楼支行",
	"account", "4071 5820 1234 5678 901", "email", "finance@example.com", NULL
};
static const char *const personal[] = {
	"kind", "personal", "name", "张三", "email", "zhangsan@example.cn", NULL
};

/* The problems bad() reported: "field:message" lines. */
struct problems {
	char fields[256], msgs[1024];
	int calls;
};

static void bad(void *ctx, const char *field, const char *msg)
{
	struct problems *p = ctx;
	size_t n = strlen(p->fields), m = strlen(p->msgs);

	p->calls++;
	snprintf(p->fields + n, sizeof(p->fields) - n, "%s%s", n ? "," : "", field);
	snprintf(p->msgs + m, sizeof(p->msgs) - m, "%s%s", m ? "|" : "", msg);
}

static int count_mismatches;	/* checks whose count differed from the problems reported */

/* The fields with problems in base with one override (name = value), comma-separated. */
static const char *problems_of(const char *const *base, const char *name, const char *value,
    struct problems *p)
{
	const char *over[] = { name, value, NULL };
	struct form f = { base, name ? over : NULL };

	memset(p, 0, sizeof(*p));
	if (invoice_title_check(get, &f, bad, p) != p->calls)
		count_mismatches++;
	return p->fields;
}

/* Saves a title of user from base with overrides; returns its id (0 on failure). */
static int64_t save(int64_t user, int64_t id, const char *const *base, const char *const *over,
    int make_default, enum invoice_result want, const char *name)
{
	struct form f = { base, over };

	is_int(invoice_title_save(user, &id, get, &f, make_default), want, name);
	return id;
}

/* A text column of the first row of sql with one integer parameter, into out ("(none)" when no row). */
static const char *text_of(const char *sql, int64_t id, char *out, size_t size)
{
	sqlite3_stmt *st = db_prepare(sql);

	snprintf(out, size, "(none)");
	if (st && db_bindv(st, "i", id) == 0 && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	if (st)
		sqlite3_reset(st);
	return out;
}

/* A temporary file holding len bytes of data, rewound. */
static FILE *file_of(const void *data, size_t len)
{
	FILE *fp = tmpfile();

	if (fp) {
		fwrite(data, 1, len, fp);
		rewind(fp);
	}
	return fp;
}

/* Builds a ZIP at path holding one entry name with text; returns the file opened for reading. */
static FILE *zip_of(const char *name, const char *text)
{
	char path[600];
	zip_source_t *src;
	zip_t *za;
	FILE *fp;
	int err;

	snprintf(path, sizeof(path), "%s/tmp/test.zip", dir);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	src = za ? zip_source_buffer(za, text, strlen(text), 0) : NULL;
	if (!src || zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		if (za)
			zip_discard(za);
		return NULL;
	}
	if (zip_close(za) != 0)
		return NULL;
	fp = fopen(path, "rb");
	unlink(path);
	return fp;
}

/* How many files lie under Data.Dir/uploads/invoices. */
static int stored_files(void)
{
	char cmd[700];
	FILE *p;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "find '%s/uploads/invoices' -type f 2>/dev/null | wc -l", dir);
	p = popen(cmd, "r");
	if (p) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	return n;
}

/* 1 when the file at Data.Dir/uploads/<rel> holds exactly data. */
static int stored_equal(const char *rel, const void *data, size_t len)
{
	char path[800];
	unsigned char *buf;
	size_t n;
	int same;

	snprintf(path, sizeof(path), "%s/uploads/%s", dir, rel);
	if (util_read_file(path, 1 << 24, &buf, &n) != 0)
		return 0;
	same = n == len && memcmp(buf, data, len) == 0;
	free(buf);
	return same;
}

/* ---------------------------------------------------------------- title rules */

static void test_title_rules(void)
{
	static const struct { const char *const *base; const char *field, *value, *want; } cases[] = {
		{ company, NULL, NULL, "" },
		{ personal, NULL, NULL, "" },
		{ company, "kind", NULL, "kind" },
		{ company, "kind", "group", "kind" },
		{ company, "name", NULL, "name" },
		{ personal, "name", NULL, "name" },
		{ company, "name", "福州\x01公司", "name" },
		{ company, "name", "\xe7\xa6\x8f", "" },
		{ company, "name", "\xe7\xa6", "name" },
		{ company, "email", NULL, "email" },
		{ personal, "email", NULL, "email" },
		{ company, "email", "a@b", "email" },
		{ company, "email", "a@@example.com", "email" },
		{ company, "email", "a@localhost", "email" },
		{ company, "email", "wang.fang+fp@mail.example.com.cn", "" },
		{ company, "tax_id", NULL, "tax_id" },
		{ personal, "tax_id", NULL, "" },
		{ personal, "tax_id", "350102123456789", "" },
		{ personal, "tax_id", "12345", "tax_id" },
		{ company, "tax_id", "350102123456789", "" },
		{ company, "tax_id", "35010212345678901", "" },
		{ company, "tax_id", "91350100M000100Y43", "" },
		{ company, "tax_id", "35010212345678901234", "" },
		{ company, "tax_id", "3501021234567890", "tax_id" },
		{ company, "tax_id", "350102123456789012345", "tax_id" },
		{ company, "tax_id", "3501021234567890123", "tax_id" },
		{ company, "tax_id", "91350100M000100Y44", "tax_id" },
		{ company, "tax_id", "91350100m000100y43", "tax_id" },
		{ company, "tax_id", "35010212345678a", "tax_id" },
		{ company, "tax_id", "350102 123456789", "tax_id" },
		{ company, "phone", NULL, "" },
		{ company, "phone", "0591-87654321", "" },
		{ company, "phone", "059187654321", "" },
		{ company, "phone", "0591-8765432", "" },
		{ company, "phone", "010-62345678", "" },
		{ company, "phone", "010-12345678", "phone" },
		{ company, "phone", "0591-87654321-8021", "" },
		{ company, "phone", "13800138000", "" },
		{ company, "phone", "12800138000", "phone" },
		{ company, "phone", "87654321", "phone" },
		{ company, "phone", "0591-0765432", "phone" },
		{ company, "phone", "0591--87654321", "phone" },
		{ company, "phone", "0591-87654321-", "phone" },
		{ company, "phone", "0591-876543210", "phone" },
		{ company, "phone", "(0591)87654321", "phone" },
		{ company, "account", "6216610000001234567", "" },
		{ company, "account", "1234567", "account" },
		{ company, "account", "12345678", "" },
		{ company, "account", "6216  6100 0000", "account" },
		{ company, "account", " 62166100000", "account" },
		{ company, "account", "62166100000 ", "account" },
		{ company, "account", "6216-6100-0000", "account" },
		{ company, "account", "12345678901234567890123456789012345678901", "account" },
		{ personal, "account", "abc", "account" },
		{ company, "bank", "中国银行", "" },
		{ company, "address", "", "" },
	};
	struct problems p;
	char name[160], longtext[1024];
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		snprintf(name, sizeof(name), "rules: %s %s=%s", cases[i].base == company ? "company" : "personal",
		    cases[i].field ? cases[i].field : "-", cases[i].value ? cases[i].value : "(none)");
		is_str(problems_of(cases[i].base, cases[i].field, cases[i].value, &p), cases[i].want, name);
	}
	problems_of(company, "tax_id", NULL, &p);
	is_str(p.msgs, "请填写纳税人识别号", "rules: the missing tax id's message");
	problems_of(company, "tax_id", "3501021234567890", &p);
	is_str(p.msgs, "纳税人识别号应为15、17、18或20位数字或大写字母", "rules: a bad tax id's message");
	problems_of(company, "name", NULL, &p);
	is_str(p.msgs, "请填写发票抬头名称", "rules: the missing name's message");
	problems_of(company, "email", "a@b", &p);
	is_str(p.msgs, "请填写正确的电子邮箱", "rules: a bad e-mail's message");
	problems_of(company, "phone", "12345", &p);
	is_str(p.msgs, "请填写正确的电话（如 0591-87654321 或手机号）", "rules: a bad phone's message");
	problems_of(company, "account", "62-16", &p);
	is_str(p.msgs, "请填写正确的银行账号", "rules: a bad account's message");
	problems_of(personal, "kind", NULL, &p);
	is_str(p.fields, "kind", "rules: without a kind only the kind is missing (name and e-mail given)");
	{
		const char *over[] = { "kind", "company", "name", NULL, "tax_id", NULL, "email", NULL, NULL };
		struct form f = { personal, over };
		memset(&p, 0, sizeof(p));
		is_int(invoice_title_check(get, &f, bad, &p), 3, "rules: three problems counted");
		is_str(p.fields, "name,tax_id,email", "rules: in field order");
	}

	/* Lengths count characters: 100 Chinese characters pass, 101 do not. */
	for (i = 0, longtext[0] = '\0'; i < 100; i++)
		strcat(longtext, "汉");
	is_str(problems_of(company, "name", longtext, &p), "", "rules: a name of 100 characters");
	strcat(longtext, "汉");
	is_str(problems_of(company, "name", longtext, &p), "name", "rules: a name of 101 characters");
	is_str(p.msgs, "发票抬头名称不能超过100个字", "rules: its message");
	for (i = 0, longtext[0] = '\0'; i < 120; i++)
		strcat(longtext, "路");
	is_str(problems_of(company, "address", longtext, &p), "", "rules: an address of 120 characters");
	strcat(longtext, "1");
	is_str(problems_of(company, "address", longtext, &p), "address", "rules: an address of 121 characters");
	for (i = 0, longtext[0] = '\0'; i < 61; i++)
		strcat(longtext, "行");
	is_str(problems_of(company, "bank", longtext, &p), "bank", "rules: a bank of 61 characters");
	is_int(count_mismatches, 0, "rules: the count returned is the number of problems reported");
}

static void test_special_ready(void)
{
	struct invoice_title t;

	memset(&t, 0, sizeof(t));
	strcpy(t.kind, "company");
	strcpy(t.name, "福州某某科技有限公司");
	strcpy(t.tax_id, "91350100M000100Y43");
	strcpy(t.address, "福州市");
	strcpy(t.phone, "0591-87654321");
	strcpy(t.bank, "中国银行");
	strcpy(t.account, "62166100000012");
	strcpy(t.email, "a@example.com");
	is_int(invoice_title_special_ready(&t), 1, "special: a complete company title");
	t.bank[0] = '\0';
	is_int(invoice_title_special_ready(&t), 0, "special: no bank");
	strcpy(t.bank, "中国银行");
	t.phone[0] = '\0';
	is_int(invoice_title_special_ready(&t), 0, "special: no phone");
	strcpy(t.phone, "0591-87654321");
	t.account[0] = '\0';
	is_int(invoice_title_special_ready(&t), 0, "special: no account");
	strcpy(t.account, "62166100000012");
	t.address[0] = '\0';
	is_int(invoice_title_special_ready(&t), 0, "special: no address");
	strcpy(t.address, "福州市");
	t.tax_id[0] = '\0';
	is_int(invoice_title_special_ready(&t), 0, "special: no tax id");
	strcpy(t.tax_id, "91350100M000100Y43");
	strcpy(t.kind, "personal");
	is_int(invoice_title_special_ready(&t), 0, "special: a personal title never");
}

/* ---------------------------------------------------------------- titles */

/* Collects title ids in the order invoice_title_each gives them. */
struct ids {
	int64_t v[32];
	int n;
};

static void add_title_id(void *ctx, const struct invoice_title *t)
{
	struct ids *ids = ctx;

	if (ids->n < 32)
		ids->v[ids->n++] = t->id;
}

static int64_t default_of(int64_t user)
{
	return db_int("SELECT id FROM invoice_titles WHERE user_id = ? AND is_default = 1", 0, "i", user);
}

static void test_titles(void)
{
	static const char *const renamed[] = { "name", "张三（改）", NULL };
	static const char *const broken[] = { "email", "not-an-address", NULL };
	struct invoice_title t;
	struct ids ids = { { 0 }, 0 };
	int64_t a, b, c, id;
	int i;

	a = save(user1, 0, company, NULL, 0, INVOICE_OK, "titles: a company title");
	is_int(default_of(user1), a, "titles: the first becomes the default");
	b = save(user1, 0, personal, NULL, 0, INVOICE_OK, "titles: a personal title");
	is_int(default_of(user1), a, "titles: the second does not take the default");
	c = save(user1, 0, company, NULL, 1, INVOICE_OK, "titles: a third, made default");
	is_int(default_of(user1), c, "titles: the default moved");
	is_int(db_int("SELECT count(*) FROM invoice_titles WHERE user_id = ? AND is_default = 1", 0, "i", user1), 1,
	    "titles: one default");
	is_int(invoice_title_each(user1, add_title_id, &ids), 3, "titles: three listed");
	ok(ids.v[0] == c && ids.v[1] == b && ids.v[2] == a, "titles: the default first, then newest first");

	ok(invoice_title_get(user1, a, &t), "titles: get");
	is_str(t.name, "福州某某科技有限公司", "titles: name stored");
	is_str(t.account, "4071 5820 1234 5678 901", "titles: account stored as given");
	is_str(t.kind, "company", "titles: kind stored");
	is_int(t.is_default, 0, "titles: not the default");
	ok(invoice_title_get(user1, b, &t) && t.tax_id[0] == '\0' && t.phone[0] == '\0',
	    "titles: absent fields read as empty");

	id = save(user1, b, personal, renamed, 1, INVOICE_OK, "titles: edit, made default");
	is_int(id, b, "titles: the id stays");
	is_int(default_of(user1), b, "titles: the edit moved the default");
	ok(invoice_title_get(user1, b, &t) && strcmp(t.name, "张三（改）") == 0, "titles: edited");
	save(user1, b, personal, broken, 0, INVOICE_INVALID, "titles: an invalid edit is refused");
	ok(invoice_title_get(user1, b, &t) && strcmp(t.email, "zhangsan@example.cn") == 0, "titles: and changes nothing");
	save(user2, b, personal, NULL, 0, INVOICE_NOT_FOUND, "titles: another applicant cannot edit it");
	ok(!invoice_title_get(user2, b, &t), "titles: nor read it");
	is_int(invoice_title_delete(user2, b), INVOICE_NOT_FOUND, "titles: nor delete it");
	is_int(invoice_title_make_default(user2, a), INVOICE_NOT_FOUND, "titles: nor make it the default");
	is_int(invoice_title_make_default(user1, a), INVOICE_OK, "titles: 设为默认");
	is_int(default_of(user1), a, "titles: the default moved back");
	is_int(invoice_title_make_default(user1, b), INVOICE_OK, "titles: 设为默认 again");
	is_int(default_of(user1), b, "titles: one default, the one chosen");
	save(user1, 0, company, broken, 0, INVOICE_INVALID, "titles: an invalid new title is refused");

	is_int(invoice_title_delete(user1, b), INVOICE_OK, "titles: delete the default");
	is_int(default_of(user1), c, "titles: the newest remaining becomes the default");
	is_int(invoice_title_delete(user1, a), INVOICE_OK, "titles: delete another");
	is_int(default_of(user1), c, "titles: the default stays");
	is_int(invoice_title_delete(user1, a), INVOICE_NOT_FOUND, "titles: deleting twice");
	is_int(invoice_title_delete(user1, c), INVOICE_OK, "titles: delete the last");
	is_int(db_int("SELECT count(*) FROM invoice_titles WHERE user_id = ?", -1, "i", user1), 0, "titles: none left");

	for (i = 0; i < INVOICE_TITLES_MAX; i++) {
		struct form f = { personal, NULL };
		id = 0;
		if (invoice_title_save(user2, &id, get, &f, 0) != INVOICE_OK)
			break;
	}
	is_int(i, INVOICE_TITLES_MAX, "titles: up to the limit");
	save(user2, 0, personal, NULL, 0, INVOICE_STATE, "titles: one more is refused");
	save(user2, id, personal, renamed, 0, INVOICE_OK, "titles: editing at the limit is fine");
	is_int(db_exec("DELETE FROM invoice_titles WHERE user_id = ?", "i", user2), INVOICE_TITLES_MAX,
	    "titles: cleared");
}

/* ---------------------------------------------------------------- requests */

/* Inserts a submitted order of user in status, paid: fen received by transfer (a
 * 'received' payment, as finance's confirmation leaves it). */
static int64_t paid_order(int64_t user, const char *status, int64_t fen)
{
	int64_t id = tsite_add_order(user, status, "paid", fen);

	if (db_exec("INSERT INTO payments (order_id, method, status, amount_fen, source, created_ms)"
	    " VALUES (?, 'transfer', 'received', ?, 'claim', ?)", "iii", id, fen, clock_now_ms()) != 1)
		printf("# could not insert the payment of %lld\n", (long long)id);
	return id;
}

static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

static void test_requests_and_issue(void)
{
	static const char *const no_bank[] = { "bank", NULL, NULL };
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
	int64_t paid = paid_order(user1, "producing", 65000);
	int64_t paid2 = paid_order(user1, "completed", 40000);
	int64_t unpaid = tsite_add_order(user1, "pending", "unpaid", 65000);
	int64_t other = paid_order(user2, "producing", 1);
	int64_t tc = save(user1, 0, company, NULL, 0, INVOICE_OK, "request: a company title");
	int64_t tp = save(user1, 0, personal, NULL, 0, INVOICE_OK, "request: a personal title");
	int64_t tn = save(user1, 0, company, no_bank, 0, INVOICE_OK, "request: a title without a bank");
	int64_t t2 = save(user2, 0, personal, NULL, 0, INVOICE_OK, "request: another applicant's title");
	int64_t inv = 0, inv2 = 0, none = 0, mail;
	static const char *const edited[] = { "name", "改名后的公司", NULL };
	struct invoice_row row;
	char buf[600], rel[128], sub[160];
	FILE *fp;
	int files;

	is_int(invoice_request(user1, unpaid, "normal", tc, &none), INVOICE_UNPAID, "request: an unpaid order");
	is_int(invoice_request(user2, paid, "normal", t2, &none), INVOICE_NOT_FOUND, "request: another's order");
	is_int(invoice_request(user1, other, "normal", tc, &none), INVOICE_NOT_FOUND, "request: another's order (2)");
	is_int(invoice_request(0, paid, "normal", tc, &none), INVOICE_NOT_FOUND, "request: user 0 is nobody");
	is_int(invoice_request(user1, paid, "normal", t2, &none), INVOICE_NOT_FOUND, "request: another's title");
	is_int(invoice_request(user1, paid, "vat", tc, &none), INVOICE_INVALID, "request: an unknown type");
	is_int(invoice_request(user1, paid, "special", tp, &none), INVOICE_NOT_SPECIAL, "request: special, personal title");
	is_int(invoice_request(user1, paid, "special", tn, &none), INVOICE_NOT_SPECIAL, "request: special, no bank");
	is_int(none, 0, "request: no id given out on refusal");
	ok(invoice_state_of_order(paid, &none, NULL, 0) == NULL && none == 0, "request: no state yet");
	is_int(invoice_request(user1, paid, "normal", tc, &inv), INVOICE_OK, "request: normal");
	ok(inv > 0, "request: its id");
	is_int(invoice_request(user1, paid, "normal", tp, &none), INVOICE_OPEN_EXISTS, "request: a second one");
	is_int(invoice_request(user1, paid2, "special", tc, &inv2), INVOICE_OK, "request: special, complete title");
	is_str(invoice_state_of_order(paid, &none, NULL, 0), "待开票", "request: the order shows 待开票");
	is_int(none, inv, "request: with the request's id");

	save(user1, tc, company, edited, 0, INVOICE_OK, "request: edit the title afterwards");
	is_int(invoice_title_delete(user1, tc), INVOICE_OK, "request: and delete it");
	ok(invoice_get(inv, user1, &row), "request: get by its owner");
	is_str(row.title.name, "福州某某科技有限公司", "request: keeps the name it was asked with");
	is_str(row.title.tax_id, "91350100M000100Y43", "request: and the tax id");
	is_str(row.title.email, "finance@example.com", "request: and the e-mail");
	is_str(row.status, "pending", "request: pending");
	is_str(row.type, "normal", "request: type");
	is_int(row.amount_fen, 65000, "request: the order's amount");
	is_int(row.order_id, paid, "request: the order");
	is_str(row.order_subject, "enterprise", "request: the order's subject");
	is_int(row.title.id, 0, "request: the copy has no title id");
	ok(!invoice_get(inv, user2, &row), "request: not for another applicant");
	ok(invoice_get(inv, 0, &row), "request: staff see it");

	/* Issuing. */
	is_int(invoice_issue(inv + 1000, FINANCE, "25352000000012345678", NULL, "x.pdf"), INVOICE_NOT_FOUND,
	    "issue: unknown invoice");
	fp = file_of(pdf, sizeof(pdf) - 1);
	is_int(invoice_issue(inv, FINANCE, "1234567", fp, "x.pdf"), INVOICE_INVALID, "issue: a 7-digit number");
	is_int(invoice_issue(inv, FINANCE, "2535200000001234567890", fp, "x.pdf"), INVOICE_INVALID,
	    "issue: a 22-character number");
	is_int(invoice_issue(inv, FINANCE, "12345678-", fp, "x.pdf"), INVOICE_INVALID, "issue: a hyphen");
	fclose(fp);
	fp = file_of(png, sizeof(png) - 1);
	is_int(invoice_issue(inv, FINANCE, "25352000000012345678", fp, "invoice.pdf"), INVOICE_BAD_FILE,
	    "issue: a PNG named .pdf");
	fclose(fp);
	fp = zip_of("content.xml", "<ofd/>");
	is_int(invoice_issue(inv, FINANCE, "25352000000012345678", fp, "invoice.ofd"), INVOICE_BAD_FILE,
	    "issue: a ZIP without OFD.xml");
	if (fp)
		fclose(fp);
	fp = zip_of("Doc_0/OFD.xml", "<ofd/>");
	is_int(invoice_issue(inv, FINANCE, "25352000000012345678", fp, "invoice.ofd"), INVOICE_BAD_FILE,
	    "issue: OFD.xml not at the root");
	if (fp)
		fclose(fp);
	fp = file_of("", 0);
	is_int(invoice_issue(inv, FINANCE, "25352000000012345678", fp, "invoice.pdf"), INVOICE_BAD_FILE,
	    "issue: an empty file");
	fclose(fp);
	is_int(stored_files(), 0, "issue: nothing stored for refused files");

	/* A failing transaction (no such staff member) leaves nothing behind. */
	fp = file_of(pdf, sizeof(pdf) - 1);
	is_int(invoice_issue(inv, NO_STAFF, "25352000000012345678", fp, "invoice.pdf"), INVOICE_ERROR,
	    "issue: the transaction fails");
	is_int(stored_files(), 0, "issue: the file it stored is removed");
	is_int(db_int("SELECT count(*) FROM outbox", -1, ""), 0, "issue: no mail queued");
	ok(invoice_get(inv, 0, &row) && strcmp(row.status, "pending") == 0, "issue: still pending");

	is_int(invoice_issue(inv, FINANCE, "25352000000012345678", fp, "发票.pdf"), INVOICE_OK, "issue: a PDF");
	fclose(fp);
	ok(invoice_get(inv, user1, &row), "issue: get");
	is_str(row.status, "issued", "issue: issued");
	is_str(row.number, "25352000000012345678", "issue: the number");
	is_str(row.file_ctype, "application/pdf", "issue: PDF");
	is_int(row.file_size, (long long)sizeof(pdf) - 1, "issue: the size");
	ok(row.decided_ms > 0, "issue: decided");
	is_str(text_of("SELECT decided_by FROM invoices WHERE id = ?", inv, buf, sizeof(buf)), "1", "issue: by whom");
	text_of("SELECT file_path FROM invoices WHERE id = ?", inv, rel, sizeof(rel));
	crypto_sha256_hex(pdf, sizeof(pdf) - 1, buf);
	snprintf(sub, sizeof(sub), "invoices/%.2s/", buf);
	ok(strncmp(rel, sub, strlen(sub)) == 0 && strstr(rel, buf) && strstr(rel, ".pdf"),
	    "issue: stored under uploads/invoices by its SHA-256");
	is_str(text_of("SELECT file_sha256 FROM invoices WHERE id = ?", inv, sub, sizeof(sub)), buf,
	    "issue: the hash recorded");
	ok(stored_equal(rel, pdf, sizeof(pdf) - 1), "issue: the stored file is byte-identical");
	is_int(stored_files(), 1, "issue: one file stored");

	mail = db_int("SELECT mail_id FROM invoices WHERE id = ?", 0, "i", inv);
	is_int(db_int("SELECT count(*) FROM outbox", -1, ""), 1, "mail: one queued");
	is_int(db_int("SELECT id FROM outbox", 0, ""), mail, "mail: recorded on the invoice");
	is_str(text_of("SELECT kind FROM outbox WHERE id = ?", mail, buf, sizeof(buf)), "mail", "mail: an e-mail");
	is_str(text_of("SELECT recipient FROM outbox WHERE id = ?", mail, buf, sizeof(buf)), "finance@example.com",
	    "mail: to the title's address as requested");
	text_of("SELECT subject FROM outbox WHERE id = ?", mail, buf, sizeof(buf));
	snprintf(sub, sizeof(sub), "%lld", (long long)paid);
	ok(strstr(buf, "发票") && strstr(buf, sub), "mail: the subject names 发票 and the order number");
	printf("#   subject: %s\n", buf);
	text_of("SELECT body FROM outbox WHERE id = ?", mail, buf, sizeof(buf));
	ok(strstr(buf, sub) && strstr(buf, "增值税普通发票") && strstr(buf, "25352000000012345678")
	    && strstr(buf, "福州某某科技有限公司") && strstr(buf, "650.00"),
	    "mail: the body names the order, type, number, title and amount");
	is_int(db_int("SELECT count(*) FROM outbox_files WHERE outbox_id = ?", -1, "i", mail), 1, "mail: one attachment");
	snprintf(sub, sizeof(sub), "uploads/%s", rel);
	is_str(text_of("SELECT path FROM outbox_files WHERE outbox_id = ?", mail, buf, sizeof(buf)), sub,
	    "mail: the attachment is the stored file");
	is_str(text_of("SELECT name FROM outbox_files WHERE outbox_id = ?", mail, buf, sizeof(buf)),
	    "发票_25352000000012345678.pdf", "mail: its name");
	is_str(text_of("SELECT ctype FROM outbox_files WHERE outbox_id = ?", mail, buf, sizeof(buf)),
	    "application/pdf", "mail: its type");
	is_str(invoice_state_of_order(paid, &none, NULL, 0), "已开票", "issue: the order shows 已开票");
	is_int(invoice_request(user1, paid, "normal", tp, &none), INVOICE_OPEN_EXISTS, "issue: no new request after");

	fp = file_of(pdf, sizeof(pdf) - 1);
	is_int(invoice_issue(inv, FINANCE, "25352000000012345679", fp, "x.pdf"), INVOICE_STATE, "issue: twice");
	/* The same bytes for another invoice, failing: the file stays, the first invoice names it. */
	is_int(invoice_issue(inv2, NO_STAFF, "25352000000012345679", fp, "x.pdf"), INVOICE_ERROR,
	    "issue: same bytes, failing transaction");
	fclose(fp);
	ok(stored_equal(rel, pdf, sizeof(pdf) - 1), "issue: a file another invoice names stays");

	fp = zip_of("OFD.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD/>");
	is_int(invoice_issue(inv2, FINANCE, "12345678", fp, "invoice.ofd"), INVOICE_OK, "issue: an OFD");
	if (fp)
		fclose(fp);
	ok(invoice_get(inv2, 0, &row) && strcmp(row.file_ctype, "application/ofd") == 0, "issue: application/ofd");
	mail = db_int("SELECT mail_id FROM invoices WHERE id = ?", 0, "i", inv2);
	is_str(text_of("SELECT name FROM outbox_files WHERE outbox_id = ?", mail, buf, sizeof(buf)), "发票_12345678.ofd",
	    "issue: the OFD attachment's name");
	is_str(text_of("SELECT ctype FROM outbox_files WHERE outbox_id = ?", mail, buf, sizeof(buf)), "application/ofd",
	    "issue: the OFD attachment's type");
	text_of("SELECT subject FROM outbox WHERE id = ?", mail, buf, sizeof(buf));
	snprintf(sub, sizeof(sub), "%lld", (long long)paid2);
	ok(strstr(buf, sub) != NULL, "issue: the OFD mail names its order");
	text_of("SELECT body FROM outbox WHERE id = ?", mail, buf, sizeof(buf));
	ok(strstr(buf, "增值税专用发票") && strstr(buf, "400.00"), "issue: the OFD mail names the type and amount");
	files = stored_files();
	is_int(files, 2, "issue: two files stored");
}

/* ---------------------------------------------------------------- download, reject, lists */

/* Counts rows given to a list callback and records their ids. */
static void add_invoice_id(void *ctx, const struct invoice_row *inv)
{
	struct ids *ids = ctx;

	if (ids->n < 32)
		ids->v[ids->n++] = inv->id;
}

static void test_file_reject_lists(void)
{
	int64_t order = paid_order(user1, "producing", 12300);
	int64_t tp = default_of(user1), inv, inv_b, none;
	int64_t issued = db_int("SELECT min(id) FROM invoices WHERE status = 'issued'", 0, "");
	struct ids ids = { { 0 }, 0 };
	struct invoice_row row;
	unsigned char *buf;
	size_t len;
	char ctype[24], name[96];
	FILE *fp;

	is_int(invoice_file(issued, user1, &buf, &len, ctype, name), 0, "file: for its owner");
	ok(len == sizeof(pdf) - 1 && memcmp(buf, pdf, len) == 0, "file: the bytes");
	is_str(ctype, "application/pdf", "file: the type");
	is_str(name, "发票_25352000000012345678.pdf", "file: the name");
	free(buf);
	is_int(invoice_file(issued, user2, &buf, &len, ctype, name), -1, "file: not for another applicant");
	ok(buf == NULL && len == 0, "file: nothing given");
	is_int(invoice_file(issued, 0, &buf, &len, ctype, name), 0, "file: for staff");
	free(buf);

	ok(tp > 0, "reject: a title to ask with");
	is_int(invoice_request(user1, order, "normal", tp, &inv), INVOICE_OK, "reject: a request");
	is_int(invoice_file(inv, user1, &buf, &len, ctype, name), -1, "file: none while pending");
	is_int(invoice_reject(inv, FINANCE, ""), INVOICE_INVALID, "reject: an empty reason");
	is_int(invoice_reject(inv, FINANCE, NULL), INVOICE_INVALID, "reject: no reason");
	is_int(invoice_reject(inv, FINANCE, "\xff"), INVOICE_INVALID, "reject: a malformed reason");
	is_int(invoice_reject(inv + 1000, FINANCE, "抬头有误"), INVOICE_NOT_FOUND, "reject: unknown invoice");
	is_int(invoice_reject(inv, FINANCE, "抬头名称与营业执照不一致\n请修改后重新申请"), INVOICE_OK, "reject");
	ok(invoice_get(inv, user1, &row), "reject: get");
	is_str(row.status, "rejected", "reject: rejected");
	is_str(row.reject_reason, "抬头名称与营业执照不一致\n请修改后重新申请", "reject: the reason");
	is_str(invoice_state_of_order(order, &none, NULL, 0), "已驳回", "reject: the order shows 已驳回");
	is_int(invoice_reject(inv, FINANCE, "again"), INVOICE_STATE, "reject: twice");
	fp = file_of(pdf, sizeof(pdf) - 1);
	is_int(invoice_issue(inv, FINANCE, "25352000000099999999", fp, "x.pdf"), INVOICE_STATE, "reject: then issue");
	fclose(fp);
	is_int(invoice_reject(issued, FINANCE, "迟了"), INVOICE_STATE, "reject: an issued invoice");
	is_int(invoice_request(user1, order, "normal", tp, &inv_b), INVOICE_OK, "reject: a new request is allowed");
	is_str(invoice_state_of_order(order, &none, NULL, 0), "待开票", "reject: the order shows the latest");
	is_int(none, inv_b, "reject: the latest's id");

	invoice_each_of_order(order, add_invoice_id, &ids);
	ok(ids.n == 2 && ids.v[0] == inv && ids.v[1] == inv_b, "lists: the order's requests, oldest first");
	ids.n = 0;
	is_int(invoice_list("pending", 0, 10, add_invoice_id, &ids), 1, "lists: one pending");
	is_int(ids.n, 1, "lists: given");
	ids.n = 0;
	is_int(invoice_list(NULL, 0, 10, add_invoice_id, &ids), 3, "lists: three decided (all but the pending one)");
	ok(ids.n == 3 && ids.v[0] == inv && ids.v[2] == issued, "lists: the decided ones newest first");
	ids.n = 0;
	is_int(invoice_list("issued", 1, 10, add_invoice_id, &ids), 2, "lists: offset counts all");
	ok(ids.n == 1 && ids.v[0] == issued, "lists: the page after the offset");

	is_str(invoice_type_label("normal"), "增值税普通发票", "labels: normal");
	is_str(invoice_type_label("special"), "增值税专用发票", "labels: special");
	is_str(invoice_status_label("pending"), "待开票", "labels: pending");
	is_str(invoice_status_label("issued"), "已开票", "labels: issued");
	is_str(invoice_status_label("rejected"), "已驳回", "labels: rejected");
	is_str(invoice_kind_label("company"), "单位", "labels: company");
	is_str(invoice_kind_label("personal"), "个人", "labels: personal");
	ok(invoice_type_label("x") == NULL && invoice_status_label("") == NULL && invoice_kind_label(NULL) == NULL,
	    "labels: unknown values");
}

static void test_cancel(void)
{
	int64_t user3, order, t, inv;
	struct invoice_row row;

	user3 = tsite_add_user("13912345670");
	order = paid_order(user3, "completed", 50000);
	t = save(user3, 0, company, NULL, 0, INVOICE_OK, "cancel: a title");
	save(user3, 0, personal, NULL, 0, INVOICE_OK, "cancel: another");
	is_int(invoice_request(user3, order, "special", t, &inv), INVOICE_OK, "cancel: a request");
	is_int(acct_cancel(user3), 0, "cancel: the account");
	is_int(db_int("SELECT count(*) FROM invoice_titles WHERE user_id = ?", -1, "i", user3), 0,
	    "cancel: the titles are gone");
	ok(invoice_get(inv, 0, &row) && strcmp(row.title.name, "福州某某科技有限公司") == 0
	    && strcmp(row.title.account, "4071 5820 1234 5678 901") == 0, "cancel: the request keeps its copy");
	is_int(invoice_titles_purge(user3), 0, "purge: nothing more to remove");
}

/* Staff cancel a paid order whose invoice request is pending: the request is rejected with
 * the reason, in the cancellation's transaction; an issued one stays issued. */
static void test_order_cancelled(void)
{
	int64_t user4, order, t, inv, reviewer;
	struct invoice_row row;

	/* Cancelling is a reviewer's action in the order's life table. */
	reviewer = tsite_add_staff("shen", "reviewer");
	user4 = tsite_add_user("13912345672");
	order = paid_order(user4, "pending", 65000);
	t = save(user4, 0, company, NULL, 0, INVOICE_OK, "withdraw: a title");
	is_int(invoice_request(user4, order, "normal", t, &inv), INVOICE_OK, "withdraw: a pending request");
	is_int(review_cancel(order, reviewer, "shen", "重复申请"), REVIEW_OK, "withdraw: staff cancel the order");
	ok(invoice_get(inv, 0, &row) && strcmp(row.status, "rejected") == 0
	    && strstr(row.reject_reason, "业务单已取消") != NULL, "withdraw: the request is rejected, saying why");
	is_int(invoice_withdraw(order, FINANCE, "x"), 0, "withdraw: nothing pending any more");
}

/* The money rules (SPEC §2): an invoice only while the order's money is received and not
 * refunded and the order not cancelled, for the money received, never amount_fen blindly. */
static void test_money_rules(void)
{
	int64_t user5 = tsite_add_user("13912345673"), t, inv, none = 0;
	int64_t unpaid, edited, cancelled, refunded, dup;
	int64_t reviewer = db_int("SELECT id FROM staff WHERE login = 'shen'", 0, "");	/* test_order_cancelled's */
	struct invoice_row row;
	struct order_row o;
	FILE *fp;

	t = save(user5, 0, company, NULL, 0, INVOICE_OK, "money: a title");

	/* Money received, then the amount on the order differs (what an edit could leave): the
	 * invoice is for the money, 250.00, not the order's 1250.00. */
	edited = paid_order(user5, "producing", 25000);
	db_exec("UPDATE orders SET amount_fen = 125000 WHERE id = ?", "i", edited);
	is_int(invoice_received_fen(edited), 25000, "money: the money received for the order");
	is_int(invoice_request(user5, edited, "normal", t, &inv), INVOICE_OK, "money: a request");
	ok(invoice_get(inv, user5, &row) && row.amount_fen == 25000, "money: the invoice amount is the money received");

	/* Unpaid, with money only to refund: refused, and the page's rule agrees. */
	unpaid = tsite_add_order(user5, "pending", "unpaid", 25000);
	ok(order_get(unpaid, user5, &o) && !invoice_allowed(&o), "money: an unpaid order may not ask");
	is_int(invoice_request(user5, unpaid, "normal", t, &none), INVOICE_UNPAID, "money: an unpaid order is refused");
	dup = tsite_add_order(user5, "pending", "unpaid", 125000);
	db_exec("INSERT INTO payments (order_id, method, status, amount_fen, source, created_ms, refund_cause)"
	    " VALUES (?, 'alipay', 'duplicate', 25000, 'notify', 0, '交易已失效')", "i", dup);
	is_int(invoice_received_fen(dup), 0, "money: money to refund is not received money");
	is_int(invoice_request(user5, dup, "normal", t, &none), INVOICE_UNPAID,
	    "money: an order with only money to refund is refused");
	ok(order_get(dup, user5, &o) && !invoice_allowed(&o), "money: and its list shows no 开票申请");

	/* Paid, then cancelled by staff: refused. */
	cancelled = paid_order(user5, "pending", 65000);
	is_int(review_cancel(cancelled, reviewer, "shen", "申请人要求取消"), REVIEW_OK, "money: staff cancel a paid order");
	ok(order_get(cancelled, user5, &o) && strcmp(o.pay_status, "paid") == 0 && !invoice_allowed(&o),
	    "money: a cancelled order may not ask, though its money is still recorded");
	is_int(invoice_request(user5, cancelled, "normal", t, &none), INVOICE_UNPAID, "money: a cancelled order is refused");

	/* Paid, cancelled and refunded: refused. */
	refunded = paid_order(user5, "pending", 40000);
	review_cancel(refunded, reviewer, "shen", "申请人要求取消");
	is_int(payment_refund(refunded, FINANCE, "cai", "已原路退回"), PAYMENT_OK, "money: the money is refunded");
	ok(order_get(refunded, user5, &o) && strcmp(o.pay_status, "refunded") == 0 && !invoice_allowed(&o),
	    "money: a refunded order may not ask");
	is_int(invoice_request(user5, refunded, "normal", t, &none), INVOICE_UNPAID, "money: a refunded order is refused");
	is_int(db_int("SELECT count(*) FROM invoices WHERE order_id IN (?, ?, ?, ?)", -1, "iiii", unpaid, dup,
	    cancelled, refunded), 0, "money: no invoice exists for any of them");

	/* A request asked while paid is not issued once the order is cancelled and refunded. */
	{
		int64_t late = paid_order(user5, "producing", 30000), linv;
		is_int(invoice_request(user5, late, "normal", t, &linv), INVOICE_OK, "money: a request on a paid order");
		db_exec("UPDATE orders SET status = 'cancelled' WHERE id = ?", "i", late);
		fp = file_of(pdf, sizeof(pdf) - 1);
		is_int(invoice_issue(linv, FINANCE, "25352000000077777777", fp, "x.pdf"), INVOICE_STATE,
		    "money: finance cannot issue it for a cancelled order");
		fclose(fp);
		ok(invoice_get(linv, 0, &row) && strcmp(row.status, "pending") == 0, "money: it stays pending, not issued");
	}
}

int main(void)
{
	if (tsite_open(dir) != 0) {
		printf("Bail out! cannot make the site\n");
		return 1;
	}
	user1 = tsite_add_user("13912345678");
	user2 = tsite_add_user("13912345679");
	if (!user1 || !user2 || tsite_add_staff("cai", "finance") != FINANCE) {
		printf("Bail out! cannot make the users\n");
		tsite_close(dir);
		return 1;
	}
	test_title_rules();
	test_special_ready();
	test_titles();
	test_requests_and_issue();
	test_file_reject_lists();
	test_cancel();
	test_order_cancelled();
	test_money_rules();
	tsite_close(dir);
	return done_testing();
}
