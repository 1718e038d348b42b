/* tests/lint/t_render.c: renders every template against hostile fixtures and checks escaping, CSRF fields, layout and the field contract. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render.h"
#include "../unit/tap.h"

/* The hostile value put in every key, and what it must look like once printed. */
#define HOSTILE "\"><script>alert(1)</script>&' 福建"
#define HOSTILE_HTML "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39; 福建"
#define HOSTILE_URL "%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%26%27"
/* Password values given back to the template must never reach the page. */
#define SECRET "PwSecret9" HOSTILE

/* What one template must offer beyond the generic checks. */
struct page {
	const char *file;
	const char *nav;          /* the Page.Nav it is shown with */
	const char *fields[8];    /* contract field names the form must carry (Form.* / Errors.*) */
	const char *secret[4];    /* of those, the password fields: their value never comes back */
	const char *must[16];     /* literal strings the output must contain */
};

static const struct page pages[] = {
	{ "register/form.cs", "", { "mobile", "code", "password", "password2" }, { "password", "password2" },
	  { "action=\"/cgi-bin/register.fcgi\"", "name=\"action\" value=\"send_code\"",
	    "name=\"action\" value=\"register\"", "同一个手机号不可重复注册", "8–128位，须同时包含字母和数字",
	    "已有账号？", "href=\"/cgi-bin/login.fcgi", ">获取验证码</button>", ">注册</button>" } },
	{ "login/form.cs", "", { "mobile", "password" }, { "password" },
	  { "action=\"/cgi-bin/login.fcgi\"", "name=\"action\" value=\"login\"", "href=\"/cgi-bin/login.fcgi?page=reset\"",
	    "忘记密码？", "没有账号？", "立即注册", ">登录</button>" } },
	{ "login/reset.cs", "", { "mobile", "code", "password", "password2" }, { "password", "password2" },
	  { "action=\"/cgi-bin/login.fcgi\"", "name=\"action\" value=\"send_code\"", "name=\"action\" value=\"reset\"",
	    ">重置密码</button>", ">获取验证码</button>" } },
	{ "login/passwd.cs", "center", { "old_password", "password", "password2" }, { "old_password", "password", "password2" },
	  { "action=\"/cgi-bin/login.fcgi\"", "name=\"action\" value=\"passwd\"", "其他已登录的设备" } },
	{ "home/index.cs", "home", { NULL }, { NULL },
	  { "href=\"/cgi-bin/apply.fcgi\"", "href=\"/cgi-bin/renew.fcgi\"", "href=\"/cgi-bin/orders.fcgi\"",
	    "证书新办", "证书续费", "业务单查询", "填写申请表", "上传材料", "下载并上传申请表", ">提交<", ">支付<",
	    "400元/年", "650元/年", "250元/年", "150元", "办理须知" } },
	{ "home/center.cs", "center", { NULL }, { NULL },
	  { "href=\"/cgi-bin/orders.fcgi\"", "href=\"/cgi-bin/invoice.fcgi\"", "href=\"/cgi-bin/login.fcgi?page=passwd\"",
	    "href=\"/cgi-bin/home.fcgi?page=privacy\"", "href=\"/cgi-bin/home.fcgi?page=cancel\"",
	    "发票抬头管理", "修改密码", "注销账号", "登录设备", "当前设备" } },
	{ "home/privacy.cs", "center", { NULL }, { NULL },
	  { "个人信息保护法", "敏感个人信息", "单独同意", "加密存储", "CFCA", "境内", "六个月", "撤回同意",
	    "注销账号", "登录设备", "生效" } },
	{ "home/cancel.cs", "center", { "password" }, { "password" },
	  { "action=\"/cgi-bin/home.fcgi\"", "name=\"action\" value=\"cancel_account\"", "财务记录" } },
	{ "errors/error.cs", "", { NULL }, { NULL }, { "href=\"/cgi-bin/home.fcgi\"", "首页" } },
};

static const char *top;           /* the source tree */
static char tpl_dir[4096];        /* its templates directory */
static char found[256][256];      /* templates found on disk (outside layout/) */
static int nfound;

/* Counts the non-overlapping occurrences of needle in hay. */
static int count(const char *hay, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += len;
	}
	return n;
}

static int has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

/* Prints a diagnostic line and returns cond (for checks whose failure needs a why). */
static int ok_why(int cond, const char *name, const char *why)
{
	ok(cond, name);
	if (!cond && why)
		printf("#   %s\n", why);
	return cond;
}

static void set(HDF *hdf, const char *key, const char *value)
{
	NEOERR *err = hdf_set_value(hdf, key, value);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		fprintf(stderr, "cannot set %s\n", key);
		exit(99);
	}
}

/* Sets Form.<name> and Errors.<name> to the hostile value. */
static void set_field(HDF *hdf, const char *name, int secret)
{
	char key[128];

	snprintf(key, sizeof key, "Form.%s", name);
	set(hdf, key, secret ? SECRET : HOSTILE);
	snprintf(key, sizeof key, "Errors.%s", name);
	set(hdf, key, "格式不正确" HOSTILE);
}

static int is_secret(const struct page *p, const char *name)
{
	for (int i = 0; i < 4 && p->secret[i]; i++)
		if (strcmp(p->secret[i], name) == 0)
			return 1;
	return 0;
}

/* Sets hostile Form.* and Errors.* for every field name the template source mentions
 * (Form.x, Errors.x, call:field*("x", ...)), so templates added later are covered too. */
static void set_fields_from_source(HDF *hdf, const struct page *p, const char *file)
{
	char path[4300], *src = NULL, *s;
	size_t cap = 0;
	FILE *f;
	static const char *const marks[] = { "Form.", "Errors.", "call:field(\"", "call:field_send(\"" };

	snprintf(path, sizeof path, "%s/%s", tpl_dir, file);
	f = fopen(path, "r");
	if (f == NULL)
		return;
	if (getdelim(&src, &cap, '\0', f) < 0) {
		fclose(f);
		free(src);
		return;
	}
	fclose(f);
	for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
		for (s = src; (s = strstr(s, marks[m])) != NULL; ) {
			char name[64];
			size_t n = 0;

			s += strlen(marks[m]);
			while (n < sizeof name - 1 && (s[n] == '_' || (s[n] >= 'a' && s[n] <= 'z') ||
			       (s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9')))
				n++;
			if (n == 0 || n == sizeof name - 1)
				continue;
			memcpy(name, s, n);
			name[n] = '\0';
			if (strcmp(name, "Form") == 0 || strcmp(name, "next") == 0)
				continue;  /* Errors.Form and Form.next have their own values */
			set_field(hdf, name, (p && is_secret(p, name)) || strstr(name, "password") != NULL);
		}
	}
	free(src);
}

/* Builds the fixture for one template: every contract key hostile. */
static HDF *fixture(const struct page *p, const char *file, int signed_in, int filings, const char *nav)
{
	HDF *hdf;
	NEOERR *err = hdf_init(&hdf);

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		exit(99);
	}
	set(hdf, "Site.Name", "福建省电子政务应用 CFCA数字证书在线受理平台" HOSTILE);
	if (filings) {
		set(hdf, "Site.ICP", "闽ICP备12345678号" HOSTILE);
		set(hdf, "Site.PSB", "闽公网安备 35010202000123号" HOSTILE);
		set(hdf, "Site.Operator", "福建省某某单位" HOSTILE);
	}
	set(hdf, "Page.Title", "页面标题" HOSTILE);
	set(hdf, "Page.Nav", nav);
	set(hdf, "Page.Notice", "操作成功" HOSTILE);
	set(hdf, "Page.Status", "404" HOSTILE);
	set(hdf, "Page.Message", "页面不存在" HOSTILE);
	set(hdf, "Csrf", "tok" HOSTILE);
	set(hdf, "Session.SignedIn", signed_in ? "1" : "0");
	if (signed_in) {
		set(hdf, "Staff.Login", "rev1" HOSTILE);
		set(hdf, "Staff.Reviewer", "1");
		set(hdf, "Staff.Admin", "1");
	}
	if (signed_in)
		set(hdf, "Session.Mobile", "139****5678" HOSTILE);
	set(hdf, "Errors.Form", "表单有误" HOSTILE);
	set(hdf, "Form.next", "/cgi-bin/apply.fcgi?x=" HOSTILE);
	set(hdf, "Account.Mobile", "139****5678" HOSTILE);
	set(hdf, "Account.Created", "2026-11-24 09:30" HOSTILE);
	for (int i = 0; i < 3; i++) {
		char key[64];
		static const char *const attrs[] = { "Id", "Created", "Seen", "Addr", "Agent" };

		for (size_t a = 0; a < sizeof attrs / sizeof attrs[0]; a++) {
			snprintf(key, sizeof key, "Sessions.%d.%s", i, attrs[a]);
			set(hdf, key, HOSTILE);
		}
		snprintf(key, sizeof key, "Sessions.%d.Current", i);
		set(hdf, key, i == 1 ? "1" : "0");
	}
	if (p)
		for (int i = 0; i < 8 && p->fields[i]; i++)
			set_field(hdf, p->fields[i], is_secret(p, p->fields[i]));
	set_fields_from_source(hdf, p, file);
	return hdf;
}

/* Renders file with hdf; returns the output (caller frees) or NULL. */
static char *render(HDF *hdf, const char *file)
{
	char *out = NULL;
	size_t len = 0;

	if (render_page(hdf, tpl_dir, file, &out, &len) != 0)
		return NULL;
	if (strlen(out) != len) {
		free(out);
		return NULL;
	}
	return out;
}

/* Checks that the elements the templates open are all closed. */
static void check_balance(const char *out, const char *label)
{
	static const char *const tags[] = { "div", "form", "section", "article", "aside", "ul", "ol", "li",
		"dl", "table", "thead", "tbody", "tr", "td", "th", "main", "nav", "header", "footer", "p", "a",
		"button", "label", "span", "h1", "h2", "h3", "strong", "html", "head", "body", "title" };
	char why[1024] = "", name[1024];
	size_t used = 0;

	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		char open1[32], open2[32], close[32];
		int opened, closed;

		snprintf(open1, sizeof open1, "<%s>", tags[i]);
		snprintf(open2, sizeof open2, "<%s ", tags[i]);
		snprintf(close, sizeof close, "</%s>", tags[i]);
		opened = count(out, open1) + count(out, open2);
		closed = count(out, close);
		if (opened != closed && used < sizeof why - 64)
			used += (size_t)snprintf(why + used, sizeof why - used, "<%s> opened %d closed %d; ",
			                         tags[i], opened, closed);
	}
	snprintf(name, sizeof name, "%s: every element opened is closed", label);
	ok_why(used == 0, name, why);
}

/* The checks every page gets. */
static void check_generic(const char *out, const char *label, int signed_in, int staff)
{
	char name[1024], why[256];
	/* GET forms only navigate (GET never changes anything): the csrf field is for POSTs. */
	int gets = count(out, " method=\"get\"");
	int forms = count(out, "<form ") - gets, csrf = count(out, "<input type=\"hidden\" name=\"csrf\" value=\"tok" HOSTILE_HTML "\">");

	snprintf(name, sizeof name, "%s: no <script in the output but the site's own files", label);
	ok(count(out, "<script") == count(out, "<script src=\"/js/") && !has(out, "<SCRIPT"), name);
	snprintf(name, sizeof name, "%s: no unescaped hostile text", label);
	ok(!has(out, HOSTILE) && !has(out, "\"><script"), name);
	snprintf(name, sizeof name, "%s: hostile values printed escaped", label);
	ok(!has(out, "alert(1)</script>") && !has(out, "&'") && has(out, HOSTILE_HTML), name);
	snprintf(name, sizeof name, "%s: no inline style or event handler", label);
	ok(!has(out, " style=") && !has(out, "<style") && !has(out, " onclick=") && !has(out, " onload=") &&
	   !has(out, " onsubmit=") && !has(out, "javascript:"), name);
	snprintf(why, sizeof why, "%d forms, %d csrf fields", forms, csrf);
	snprintf(name, sizeof name, "%s: every form carries the csrf field", label);
	ok_why(forms == csrf && count(out, "name=\"csrf\"") == csrf, name, why);
	snprintf(name, sizeof name, "%s: every form posts or gets, explicitly", label);
	is_int(count(out, "<form "), count(out, " method=\"post\"") + gets, name);
	snprintf(name, sizeof name, "%s: head declares utf-8, webkit renderer, viewport, zh-CN", label);
	ok(has(out, "<meta charset=\"utf-8\">") && has(out, "<meta name=\"renderer\" content=\"webkit\">") &&
	   has(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">") &&
	   has(out, "<html lang=\"zh-CN\">") && has(out, "<!DOCTYPE html>"), name);
	snprintf(name, sizeof name, "%s: title is Page.Title - %sSite.Name", label, staff ? "管理后台 - " : "");
	ok(has(out, staff ? "<title>页面标题" HOSTILE_HTML " - 管理后台 - 福建省电子政务应用 CFCA数字证书在线受理平台"
	    HOSTILE_HTML "</title>" : "<title>页面标题" HOSTILE_HTML " - 福建省电子政务应用 CFCA数字证书在线受理平台"
	    HOSTILE_HTML "</title>"), name);
	snprintf(name, sizeof name, "%s: stylesheet linked", label);
	ok(has(out, "<link rel=\"stylesheet\" href=\"/css/certdesk.css\">"), name);
	snprintf(name, sizeof name, "%s: notice and form error shown", label);
	ok(has(out, "操作成功" HOSTILE_HTML) && has(out, "表单有误" HOSTILE_HTML) && has(out, "alert-error") &&
	   has(out, "alert-success"), name);
	if (staff) {
		/* The staff pages: their own header and navigation, never the applicant's. */
		snprintf(name, sizeof name, "%s: staff navigation (queue, audit for admins), no applicant sections", label);
		ok(!has(out, ">个人中心</a>") && (!signed_in || (has(out, ">审核队列</a>") && has(out, ">审计日志</a>"))), name);
		snprintf(name, sizeof name, "%s: staff header %s", label, signed_in ? "names the login and offers 退出"
		    : "offers no sign-out");
		ok(signed_in ? has(out, "工作人员：<strong>rev1" HOSTILE_HTML "</strong>") && has(out, ">退出</button>")
		    && has(out, "action=\"/cgi-bin/admin.fcgi\"") : !has(out, "value=\"logout\""), name);
		check_balance(out, label);
		return;
	}
	snprintf(name, sizeof name, "%s: navigation offers the six sections", label);
	ok(has(out, "href=\"/cgi-bin/home.fcgi\"") && has(out, ">证书新办</a>") && has(out, ">证书续费</a>") &&
	   has(out, ">业务单管理</a>") && has(out, ">发票管理</a>") && has(out, ">个人中心</a>"), name);
	if (signed_in) {
		snprintf(name, sizeof name, "%s: signed-in header names the account and offers 退出", label);
		ok(has(out, "您好，<strong>139****5678" HOSTILE_HTML "</strong>") &&
		   has(out, "<input type=\"hidden\" name=\"action\" value=\"logout\">") && has(out, ">退出</button>") &&
		   !has(out, "account-register"), name);
	} else {
		snprintf(name, sizeof name, "%s: signed-out header offers 登录 and 注册", label);
		ok(has(out, "<a class=\"account-link\" href=\"/cgi-bin/login.fcgi\">登录</a>") &&
		   has(out, "href=\"/cgi-bin/register.fcgi\">注册</a>") && !has(out, "value=\"logout\"") &&
		   !has(out, "您好"), name);
	}
	check_balance(out, label);
}

/* The checks of a known page's contract. */
static void check_page(const struct page *p, const char *out, const char *label)
{
	char name[1024], want[1024];

	for (int i = 0; i < 8 && p->fields[i]; i++) {
		const char *f = p->fields[i];

		snprintf(want, sizeof want, "name=\"%s\"", f);
		snprintf(name, sizeof name, "%s: has field %s", label, f);
		ok(has(out, want), name);
		snprintf(want, sizeof want, "<p class=\"field-error\" id=\"e-%s\">格式不正确" HOSTILE_HTML "</p>", f);
		snprintf(name, sizeof name, "%s: error of %s shown beside it", label, f);
		ok(has(out, want), name);
		snprintf(want, sizeof want, "id=\"f-%s\" name=\"%s\"", f, f);
		snprintf(name, sizeof name, "%s: %s is labelled, marked invalid and described", label, f);
		{
			const char *in = strstr(out, want);
			const char *end = in ? strchr(in, '>') : NULL;
			char tag[1024] = "";
			char label_for[64];

			if (in && end && (size_t)(end - in) < sizeof tag) {
				memcpy(tag, in, (size_t)(end - in));
				tag[end - in] = '\0';
			}
			snprintf(label_for, sizeof label_for, "<label class=\"field-label\" for=\"f-%s\">", f);
			snprintf(want, sizeof want, "e-%s", f);
			ok(has(tag, "is-invalid") && has(tag, "aria-invalid=\"true\"") && has(tag, "aria-describedby=\"") &&
			   has(tag, want) && has(out, label_for), name);
		}
		if (is_secret(p, f)) {
			snprintf(name, sizeof name, "%s: %s never comes back", label, f);
			ok(!has(out, "PwSecret9"), name);
		} else {
			snprintf(want, sizeof want, "value=\"" HOSTILE_HTML "\"");
			snprintf(name, sizeof name, "%s: %s keeps the value entered", label, f);
			ok(has(out, want), name);
		}
	}
	for (int i = 0; i < 16 && p->must[i]; i++) {
		snprintf(name, sizeof name, "%s: contains %s", label, p->must[i]);
		ok(has(out, p->must[i]), name);
	}
}

/* Remembers every template on disk outside layout/. */
static int walk(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	size_t n = strlen(path), base = strlen(tpl_dir) + 1;

	(void)st;
	(void)ftw;
	if (type == FTW_F && n > 3 && strcmp(path + n - 3, ".cs") == 0 && n > base &&
	    strncmp(path + base, "layout/", 7) != 0 && nfound < 256 && strlen(path + base) < sizeof found[0])
		strcpy(found[nfound++], path + base);
	return 0;
}

static const struct page *known(const char *file)
{
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
		if (strcmp(pages[i].file, file) == 0)
			return &pages[i];
	return NULL;
}

/* Renders one page with a fixture and returns the output (NULL on failure, reported). */
static char *render_fixture(const struct page *p, const char *file, int signed_in, int filings, const char *nav,
                            const char *label)
{
	HDF *hdf = fixture(p, file, signed_in, filings, nav);
	char *out = render(hdf, file);
	char name[1024];

	snprintf(name, sizeof name, "%s: renders", label);
	ok(out != NULL, name);
	hdf_destroy(&hdf);
	return out;
}

int main(void)
{
	char label[256], name[1024];
	char *out;

	top = getenv("top_srcdir");
	if (top == NULL || *top == '\0')
		top = ".";
	snprintf(tpl_dir, sizeof tpl_dir, "%s/templates", top);
	if (nftw(tpl_dir, walk, 16, FTW_PHYS) != 0) {
		printf("Bail out! cannot read %s\n", tpl_dir);
		return 1;
	}
	ok(nfound >= (int)(sizeof pages / sizeof pages[0]), "found the templates");
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		int there = 0;

		for (int j = 0; j < nfound; j++)
			there |= strcmp(found[j], pages[i].file) == 0;
		snprintf(name, sizeof name, "%s exists", pages[i].file);
		ok(there, name);
	}

	/* Every template, signed in and out, with every key hostile. */
	for (int j = 0; j < nfound; j++) {
		const struct page *p = known(found[j]);

		for (int signed_in = 0; signed_in <= 1; signed_in++) {
			snprintf(label, sizeof label, "%.200s (%s)", found[j], signed_in ? "signed in" : "signed out");
			out = render_fixture(p, found[j], signed_in, 1, p && *p->nav ? p->nav : HOSTILE, label);
			if (out == NULL)
				continue;
			check_generic(out, label, signed_in, strncmp(found[j], "admin/", 6) == 0);
			if (p)
				check_page(p, out, label);
			snprintf(name, sizeof name, "%s: the active section is marked", label);
			if (p && *p->nav)
				is_int(count(out, "class=\"is-active\" aria-current=\"page\""), 1, name);
			else
				is_int(count(out, "class=\"is-active\""), 0, name);
			free(out);
		}
	}

	/* Footer filings: shown when configured, absent otherwise. */
	out = render_fixture(known("home/index.cs"), "home/index.cs", 0, 1, "home", "home with filings");
	if (out) {
		ok(has(out, ">闽ICP备12345678号" HOSTILE_HTML "</a>") && has(out, "https://beian.miit.gov.cn/"),
		   "footer shows Site.ICP linked to the MIIT register");
		ok(has(out, ">闽公网安备 35010202000123号" HOSTILE_HTML "</a>"), "footer shows Site.PSB");
		ok(has(out, "主办单位：福建省某某单位" HOSTILE_HTML) && has(out, "技术支持"),
		   "footer names Site.Operator as 主办单位, and the technical support");
		free(out);
	}
	out = render_fixture(known("home/index.cs"), "home/index.cs", 0, 0, "home", "home without filings");
	if (out) {
		ok(!has(out, "ICP") && !has(out, "beian") && !has(out, "公网安备") && !has(out, "footer-filing"),
		   "footer shows no filing line when none is configured");
		ok(!has(out, "主办单位"), "footer shows no 主办单位 when Site.Operator is not configured");
		free(out);
	}

	/* Without Site.Name the platform's default name is shown. */
	{
		HDF *hdf = fixture(known("login/form.cs"), "login/form.cs", 0, 0, "");
		hdf_remove_tree(hdf, "Site.Name");
		out = render(hdf, "login/form.cs");
		ok(out && has(out, " - 福建省电子政务应用 CFCA数字证书在线受理平台</title>") &&
		   has(out, "<span class=\"brand-name\">福建省电子政务应用 CFCA数字证书在线受理平台</span>"),
		   "default platform name when Site.Name is not set");
		free(out);
		hdf_destroy(&hdf);
	}

	/* next: kept in a hidden field, carried to the other sign-in page URL-escaped. */
	out = render_fixture(known("register/form.cs"), "register/form.cs", 0, 1, "", "register with next");
	if (out) {
		ok(has(out, "<input type=\"hidden\" name=\"next\" value=\"/cgi-bin/apply.fcgi?x=" HOSTILE_HTML "\">"),
		   "register keeps next in a hidden field");
		ok(has(out, "/cgi-bin/login.fcgi?next=%2Fcgi-bin%2Fapply.fcgi%3Fx%3D" HOSTILE_URL),
		   "register's sign-in link carries next URL-escaped");
		{
			const char *form = strstr(out, "<form ");
			const char *first = form ? strstr(form, "<button ") : NULL;
			ok(first && strncmp(first, "<button type=\"submit\" name=\"action\" value=\"register\"", 52) == 0,
			   "register: Enter submits action=register (first submit button)");
			ok(first && has(out, "tabindex=\"-1\" aria-hidden=\"true\""), "register: the default button is hidden");
		}
		free(out);
	}
	out = render_fixture(known("login/reset.cs"), "login/reset.cs", 0, 1, "", "reset default button");
	if (out) {
		const char *form = strstr(out, "<form ");
		const char *first = form ? strstr(form, "<button ") : NULL;
		ok(first && strncmp(first, "<button type=\"submit\" name=\"action\" value=\"reset\"", 49) == 0,
		   "reset: Enter submits action=reset (first submit button)");
		free(out);
	}
	out = render_fixture(known("login/form.cs"), "login/form.cs", 0, 1, "", "login with next");
	if (out) {
		ok(has(out, "<input type=\"hidden\" name=\"next\" value=\"/cgi-bin/apply.fcgi?x=" HOSTILE_HTML "\">"),
		   "login keeps next in a hidden field");
		ok(has(out, "/cgi-bin/register.fcgi?next=%2Fcgi-bin%2Fapply.fcgi%3Fx%3D" HOSTILE_URL),
		   "login's register link carries next URL-escaped");
		free(out);
	}
	{
		HDF *hdf = fixture(known("login/form.cs"), "login/form.cs", 0, 1, "");
		hdf_remove_tree(hdf, "Form.next");
		out = render(hdf, "login/form.cs");
		ok(out && !has(out, "name=\"next\"") && !has(out, "?next="), "login without next has no next field");
		free(out);
		hdf_destroy(&hdf);
	}

	/* 个人中心: one 下线 form per other session, the current one marked. */
	out = render_fixture(known("home/center.cs"), "home/center.cs", 1, 1, "center", "center sessions");
	if (out) {
		is_int(count(out, "<input type=\"hidden\" name=\"action\" value=\"end_session\">"), 2,
		       "center: 下线 for each other session");
		is_int(count(out, "<input type=\"hidden\" name=\"session\" value=\"" HOSTILE_HTML "\">"), 2,
		       "center: each 下线 names its session");
		is_int(count(out, "当前设备</span>"), 1, "center: the current session is marked 当前设备");
		ok(has(out, "<dd>139****5678" HOSTILE_HTML "</dd>") && has(out, "<dd>2026-11-24 09:30" HOSTILE_HTML "</dd>"),
		   "center: account mobile and creation time shown");
		free(out);
	}

	/* The error page with a realistic status. */
	{
		HDF *hdf = fixture(NULL, "errors/error.cs", 0, 0, "");
		set(hdf, "Page.Status", "404");
		set(hdf, "Page.Message", "页面不存在");
		set(hdf, "Page.Title", "页面不存在");
		hdf_remove_tree(hdf, "Page.Notice");
		hdf_remove_tree(hdf, "Errors");
		out = render(hdf, "errors/error.cs");
		ok(out && has(out, ">404</p>") && has(out, ">页面不存在</h1>") && !has(out, "alert-error"),
		   "error page shows status and message");
		is_str(out && has(out, "<title>") ? "title" : NULL, "title", "error page has a title");
		free(out);
		hdf_destroy(&hdf);
	}

	/* A password typed into a field is never printed, whatever the page. */
	{
		HDF *hdf = fixture(known("login/passwd.cs"), "login/passwd.cs", 1, 1, "center");
		out = render(hdf, "login/passwd.cs");
		is_int(out ? count(out, "type=\"password\"") : -1, 3, "passwd: three password inputs");
		free(out);
		hdf_destroy(&hdf);
	}
	/* A staff list counted past 1000 (the count is capped at 1001) shows 1000+ and no
	 * last page; below that the count and the pages. The same template twice: the parse
	 * kept by render_page renders each request's own data. */
	for (int capped = 1; capped >= 0; capped--) {
		HDF *hdf = fixture(known("admin/queue.cs"), "admin/queue.cs", 1, 1, "queue");
		hdf_set_value(hdf, "Rows.0.Id", "7000000000000000001");
		hdf_set_value(hdf, "Pager.Total", capped ? "1001" : "35");
		hdf_set_value(hdf, "Pager.Page", capped ? "3" : "1");
		hdf_set_value(hdf, "Pager.Pages", capped ? "4" : "2");
		out = render(hdf, "admin/queue.cs");
		if (capped)
			ok(out && has(out, "<strong>1000+</strong>") && has(out, "第 3 页") && has(out, "下一页"),
			   "queue: past 1000 the count shows 1000+, page 3 of no known last, a next page");
		else
			ok(out && has(out, "<strong>35</strong>") && has(out, "第 1 / 2 页") && !has(out, "1000+"),
			   "queue: rendered again, 35 rows show as 35 on page 1 / 2");
		free(out);
		hdf_destroy(&hdf);
	}
	return done_testing();
}
