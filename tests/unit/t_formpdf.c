/* tests/unit/t_formpdf.c: TAP tests of lib/formpdf.c and lib/qr.c: check codes, QR payloads and PNGs, the application form, authorization letter and sample agreement as PDF (read back with poppler-utils). */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "tsite.h"
#include "cfg.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "formpdf.h"

static char dir[] = "/tmp/t_formpdf.XXXXXX";
static int have_poppler;

#define ORDER_ENT 1729333892315484160LL
#define ORDER_MAIL 1688831082373451776LL
#define ORDER_PERSON 1688827229842313216LL
#define ORDER_REISSUE 1688823394944028672LL
#define ORDER_HOSTILE 1666013679407206401LL
#define ORDER_NONE 1666013679407206400LL

#define ORG_NAME "福建星火智慧科技有限公司"
#define LONG_ORG "福州市鼓楼区数字政务与公共资源交易电子化服务创新研究院附属信息技术咨询服务有限责任公司第一分公司"
#define LONG_ADDR "福建省福州市鼓楼区五四路一百五十八号环球广场写字楼第二十八层二八零一至二八零六室（请在工作日九点至十七点之间投递）"
#define USCC "91350100M000100Y43"
#define LEGAL_ID "11010519491231002X"
#define AGENT_ID "350102199003071234"
#define PERSON_ID "350203198808081234"

/* Writes n bytes to path; 0 or -1. */
static int write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	int rc;

	if (!f)
		return -1;
	rc = fwrite(data, 1, n, f) == n ? 0 : -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

/* Runs cmd and returns its standard output with every whitespace character removed
 * (pdftotext breaks lines inside table cells), malloc'd; NULL when it fails. */
static char *run_squeezed(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	char *out;
	size_t n = 0, cap = 1 << 20;
	int c;

	if (!p)
		return NULL;
	out = malloc(cap);
	while (out && (c = getc(p)) != EOF && n + 1 < cap)
		if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && c != '\f')
			out[n++] = (char)c;
	if (out)
		out[n] = '\0';
	if (pclose(p) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* Runs cmd and answers its exit status. */
static int run(const char *cmd)
{
	int rc = system(cmd);

	return rc == -1 ? -1 : WEXITSTATUS(rc);
}

/* Writes pdf to dir/name.pdf (and, with FORMPDF_KEEP set, also there, for looking at). */
static void save_pdf(const char *name, const unsigned char *pdf, size_t len, char *path, size_t size)
{
	const char *keep = getenv("FORMPDF_KEEP");

	snprintf(path, size, "%s/%s.pdf", dir, name);
	write_file(path, pdf, len);
	if (keep && *keep) {
		char kp[512];
		snprintf(kp, sizeof(kp), "%s/%s.pdf", keep, name);
		write_file(kp, pdf, len);
	}
}

/* The text of a PDF (whitespace removed) via pdftotext, malloc'd, or NULL. */
static char *pdf_text(const char *path, int page)
{
	char cmd[600];

	if (page > 0)
		snprintf(cmd, sizeof(cmd), "pdftotext -q -enc UTF-8 -f %d -l %d '%s' - 2>/dev/null", page, page, path);
	else
		snprintf(cmd, sizeof(cmd), "pdftotext -q -enc UTF-8 '%s' - 2>/dev/null", path);
	return run_squeezed(cmd);
}

/* The number of pages pdfinfo reports, or -1. */
static int pdf_pages(const char *path)
{
	char cmd[600], *out, *p;
	int n = -1;

	snprintf(cmd, sizeof(cmd), "pdfinfo '%s' 2>/dev/null", path);
	out = run_squeezed(cmd);
	if (out && (p = strstr(out, "Pages:")) != NULL)
		n = atoi(p + 6);
	free(out);
	return n;
}

/* 1 when pdffonts lists a Noto Sans CJK font that is embedded (emb column "yes"). */
static int cjk_embedded(const char *path)
{
	char cmd[600], line[512];
	FILE *p;
	int found = 0;

	snprintf(cmd, sizeof(cmd), "pdffonts '%s' 2>/dev/null", path);
	p = popen(cmd, "r");
	if (!p)
		return 0;
	while (fgets(line, sizeof(line), p))
		if (strstr(line, "NotoSansCJK") && strstr(line, " yes "))
			found = 1;
	pclose(p);
	return found;
}

/* Checks that the text of a PDF holds each of the strings in want (NULL-ended). */
static void text_has(const char *text, const char *const *want, const char *what)
{
	char name[256];

	for (; *want; want++) {
		snprintf(name, sizeof(name), "%s shows %s", what, *want);
		if (!ok(text && strstr(text, *want), name) && text)
			printf("#   text: %.300s\n", text);
	}
}

/* Inserts an order row; sealed ID numbers through crypto_seal. */
static int insert_order(int64_t id, const char *subject, const char *kind, const char *org,
    const char *uscc, const char *delivery, const char *address)
{
	char *legal = crypto_seal(LEGAL_ID), *agent = crypto_seal(AGENT_ID), *person = crypto_seal(PERSON_ID);
	int rc;

	if (strcmp(subject, "personal") == 0)
		rc = db_exec("INSERT INTO orders (id, user_id, subject, kind, project, years, cert_count,"
		    " delivery, mail_name, mail_mobile, mail_address, name, id_sealed, id_index, mobile,"
		    " email, address, created_ms, updated_ms) VALUES (?, 1, 'personal', ?, 'procurement',"
		    " 2, 1, ?, '王小明', '13800000001', ?, '王小明', ?, 'idx-person', '13800000001',"
		    " 'wxm@example.com', ?, 1700000000000, 1700000000000)", "ittttt",
		    id, kind, delivery, address, person, address);
	else
		rc = db_exec("INSERT INTO orders (id, user_id, subject, kind, project, years, cert_count,"
		    " delivery, mail_name, mail_mobile, mail_address, org_name, org_nature, uscc, legal_name,"
		    " legal_id_sealed, legal_id_index, agent_name, agent_mobile, agent_email, agent_id_type,"
		    " agent_id_sealed, agent_id_index, agent_address, seal_code, prev_order, cert_serial,"
		    " created_ms, updated_ms) VALUES (?, 1, 'enterprise', ?, 'both', 3, 2, ?, '李经办',"
		    " '13900000002', ?, ?, 'private', ?, '张法人', ?, 'idx-legal', '李经办', '13900000002',"
		    " 'lijingban@example.com', 'id_card', ?, 'idx-agent', ?, '3501000012345', NULL, ?,"
		    " 1700000000000, 1700000000000)", "ittttttttt", id, kind, delivery, address, org,
		    uscc, legal, agent, address, strcmp(kind, "new") ? "2A7F00C1" : NULL);
	free(legal);
	free(agent);
	free(person);
	return rc;
}

/* Draws a red seal (ring, star, arc of dots) on a transparent 160×160 PNG and stores it as
 * the order's current seal document, as doc_store would: uploads/<sha[0:2]>/<sha>.png. */
static int add_seal(int64_t order)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 160, 160);
	cairo_t *cr = cairo_create(s);
	static const double star[10][2] = { { 80, 52 }, { 86.5, 71.1 }, { 106.6, 71.3 }, { 90.5, 83.4 },
		{ 96.5, 102.7 }, { 80, 91 }, { 63.5, 102.7 }, { 69.5, 83.4 }, { 53.4, 71.3 }, { 73.5, 71.1 } };
	char tmp[300], sha[65], rel[100], path[400];
	int i, rc;

	cairo_set_source_rgb(cr, 0.85, 0.05, 0.05);
	cairo_set_line_width(cr, 7);
	cairo_arc(cr, 80, 80, 70, 0, 6.2832);
	cairo_stroke(cr);
	cairo_new_path(cr);
	for (i = 0; i < 10; i++)	/* a five-pointed star */
		cairo_line_to(cr, star[i][0], star[i][1]);
	cairo_close_path(cr);
	cairo_fill(cr);
	for (i = 0; i < 14; i++) {	/* dots along the upper arc, where a seal's text runs */
		cairo_save(cr);
		cairo_translate(cr, 80, 80);
		cairo_rotate(cr, 3.4 + i * 2.6 / 13);
		cairo_arc(cr, 50, 0, 4, 0, 6.2832);
		cairo_fill(cr);
		cairo_restore(cr);
	}
	cairo_destroy(cr);
	snprintf(tmp, sizeof(tmp), "%s/seal.png", dir);
	rc = cairo_surface_write_to_png(s, tmp) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_destroy(s);
	if (rc != 0 || crypto_sha256_file(tmp, sha) != 0)
		return -1;
	snprintf(rel, sizeof(rel), "%.2s/%s.png", sha, sha);
	snprintf(path, sizeof(path), "%s/uploads/%.2s", dir, sha);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/uploads/%s", dir, rel);
	if (rename(tmp, path) != 0)
		return -1;
	return db_exec("INSERT INTO documents (order_id, slot, sha256, path, ctype, size, width, height,"
	    " orig_name, created_ms) VALUES (?, 'seal', ?, ?, 'image/png', 1000, 160, 160, 'seal.png', 1)",
	    "itt", (int64_t)order, sha, rel) == 1 ? 0 : -1;
}

static void test_check_codes(void)
{
	char a[9], a2[9], b[9], c[9], text[64], want[96], bad[96];
	int64_t order = 0;
	enum form_doc doc = FORM_AUTHORIZATION;

	is_int(form_check_code(ORDER_ENT, FORM_APPLICATION, a), 0, "a check code is made");
	is_int((long long)strlen(a), 8, "it has 8 characters");
	is_int((long long)strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 8, "all of base32 (A-Z2-7)");
	form_check_code(ORDER_ENT, FORM_APPLICATION, a2);
	is_str(a2, a, "it is stable");
	form_check_code(ORDER_MAIL, FORM_APPLICATION, b);
	ok(strcmp(a, b) != 0, "another order has another code");
	form_check_code(ORDER_ENT, FORM_AUTHORIZATION, c);
	ok(strcmp(a, c) != 0, "the letter's code differs from the form's");
	is_int(form_check_code(0, FORM_APPLICATION, a2), -1, "order 0 has none");
	is_int(form_check_code(ORDER_ENT, (enum form_doc)7, a2), -1, "an unknown document has none");

	is_int(form_qr_text(ORDER_ENT, FORM_APPLICATION, text, sizeof(text)), 0, "a QR payload is made");
	snprintf(want, sizeof(want), "CERTDESK:F:%lld:%s", ORDER_ENT, a);
	is_str(text, want, "it is CERTDESK:F:<order>:<check>");
	is_int(form_qr_text(ORDER_ENT, FORM_APPLICATION, text, 20), -1, "a short buffer is refused");
	form_qr_text(ORDER_ENT, FORM_AUTHORIZATION, text, sizeof(text));
	snprintf(want, sizeof(want), "CERTDESK:A:%lld:%s", ORDER_ENT, c);
	is_str(text, want, "the letter's payload is CERTDESK:A:...");

	ok(form_qr_verify(text, &order, &doc) == 1 && order == ORDER_ENT && doc == FORM_AUTHORIZATION,
	    "verify accepts its own payload and names order and document");
	form_qr_text(ORDER_MAIL, FORM_APPLICATION, text, sizeof(text));
	ok(form_qr_verify(text, &order, &doc) == 1 && order == ORDER_MAIL && doc == FORM_APPLICATION,
	    "and the form's of another order");
	snprintf(bad, sizeof(bad), "CERTDESK:F:%lld:%s", ORDER_MAIL, a);
	is_int(form_qr_verify(bad, NULL, NULL), 0, "another order's number with this check is refused");
	snprintf(bad, sizeof(bad), "CERTDESK:F:%lld:%s", ORDER_ENT, a);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'A' ? 'B' : 'A';
	is_int(form_qr_verify(bad, NULL, NULL), 0, "a changed check is refused");
	snprintf(bad, sizeof(bad), "CERTDESK:A:%lld:%s", ORDER_ENT, a);
	is_int(form_qr_verify(bad, NULL, NULL), 0, "the form's check on the letter is refused");
	snprintf(bad, sizeof(bad), "CERTDESK:F:%lld:%s ", ORDER_ENT, a);
	is_int(form_qr_verify(bad, NULL, NULL), 0, "trailing text is refused");
	snprintf(bad, sizeof(bad), "CERTDESK:F:0%lld:%s", ORDER_ENT, a);
	is_int(form_qr_verify(bad, NULL, NULL), 0, "a leading zero is refused");
	is_int(form_qr_verify("CERTDESK:F:99999999999999999999:AAAAAAAA", NULL, NULL), 0,
	    "an overflowing number is refused");
	is_int(form_qr_verify("CERTDESK:X:1:AAAAAAAA", NULL, NULL), 0, "an unknown document letter is refused");
	is_int(form_qr_verify("", NULL, NULL), 0, "the empty text is refused");
	is_int(form_qr_verify(NULL, NULL, NULL), 0, "NULL is refused");
}

static void test_qr_png(void)
{
	static const char payload[] = "CERTDESK:F:1729333892315484160:ABCDEFGH";
	unsigned char *png = NULL;
	size_t len = 0;
	QRcode *qr = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	int modules = qr ? qr->width : 0;

	ok(qr != NULL, "libqrencode encodes the payload");
	is_int(qr_png(payload, 4, &png, &len), 0, "qr_png renders it");
	ok(png && len > 33 && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0, "the output starts with the PNG signature");
	if (png && len > 33) {
		unsigned w = (unsigned)png[16] << 24 | (unsigned)png[17] << 16 | (unsigned)png[18] << 8 | png[19];
		unsigned h = (unsigned)png[20] << 24 | (unsigned)png[21] << 16 | (unsigned)png[22] << 8 | png[23];
		ok(memcmp(png + 12, "IHDR", 4) == 0, "its first chunk is IHDR");
		is_int(w, (modules + 8) * 4, "its width is (modules + 8) × scale");
		is_int(h, w, "it is square");
	}
	{
		png_image img;
		unsigned char *pix = NULL;
		int x, y, same = 1;

		memset(&img, 0, sizeof(img));
		img.version = PNG_IMAGE_VERSION;
		if (png && png_image_begin_read_from_memory(&img, png, len)) {
			img.format = PNG_FORMAT_GRAY;
			pix = malloc(PNG_IMAGE_SIZE(img));
			if (pix && png_image_finish_read(&img, NULL, pix, 0, NULL))
				for (y = 0; qr && y < (int)img.height; y++)
					for (x = 0; x < (int)img.width; x++) {
						int mx = x / 4 - 4, my = y / 4 - 4;
						int dark = mx >= 0 && my >= 0 && mx < modules && my < modules
						    && (qr->data[my * modules + mx] & 1);
						if ((pix[y * img.width + x] < 128) != dark)
							same = 0;
					}
			else
				same = 0;
		} else
			same = 0;
		ok(same, "decoded with libpng, every pixel matches its module (4-module white quiet zone)");
		free(pix);
		png_image_free(&img);
	}
	free(png);
	png = NULL;
	is_int(qr_png(payload, 0, &png, &len), -1, "scale 0 is refused");
	is_int(qr_png(NULL, 4, &png, &len), -1, "no text is refused");
	is_int(qr_png("otpauth://totp/certdesk:admin?secret=JBSWY3DPEHPK3PXP&issuer=certdesk", 1, &png, &len),
	    0, "a TOTP URI renders at scale 1");
	free(png);
	QRcode_free(qr);
}

/* Renders a document of order, saves it under name, and checks what poppler reads back. */
static void check_pdf(int64_t order, enum form_doc doc, const char *name, const char *const *want,
    int max_pages)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	char path[300], cmd[700], what[100];
	char *text;
	int pages;

	snprintf(what, sizeof(what), "the %s", name);
	ok(form_pdf(order, doc, &pdf, &len) == 0 && pdf, "form_pdf renders the document");
	ok(pdf && len > 1000 && memcmp(pdf, "%PDF-", 5) == 0, "it starts with %PDF-");
	if (!pdf)
		return;
	save_pdf(name, pdf, len, path, sizeof(path));
	free(pdf);
	if (!have_poppler) {
		ok(1, "poppler checks # SKIP poppler-utils not installed");
		return;
	}
	text = pdf_text(path, 0);
	text_has(text, want, what);
	free(text);
	pages = pdf_pages(path);
	ok(pages >= 1 && pages <= max_pages, "its page count is as expected");
	if (pages < 1 || pages > max_pages)
		printf("#   %d pages\n", pages);
	ok(cjk_embedded(path), "pdffonts shows an embedded Noto Sans CJK font");
	snprintf(cmd, sizeof(cmd), "pdftoppm -r 60 -png '%s' '%s/%s' >/dev/null 2>&1", path, dir, name);
	is_int(run(cmd), 0, "pdftoppm renders it");
}

static void test_forms(void)
{
	char fcode[9], acode[9], pcode[9], id[24], pid[24], mid[24];
	unsigned char *pdf = NULL;
	size_t len = 0;

	form_check_code(ORDER_ENT, FORM_APPLICATION, fcode);
	form_check_code(ORDER_ENT, FORM_AUTHORIZATION, acode);
	form_check_code(ORDER_PERSON, FORM_APPLICATION, pcode);
	snprintf(id, sizeof(id), "%lld", ORDER_ENT);
	snprintf(pid, sizeof(pid), "%lld", ORDER_PERSON);
	snprintf(mid, sizeof(mid), "%lld", ORDER_MAIL);
	{
		const char *const want[] = { "数字证书及电子印章申请表", ORG_NAME, USCC, "M000100Y-4", id, fcode,
			"民营企业", "政府采购+工程招投标", "证书新办", "企业高级证书", "2个", "3年", "张法人", LEGAL_ID,
			"李经办", "13900000002", "lijingban@example.com", "居民身份证", AGENT_ID, "3501000012345",
			"自取", "申请机构（公章）", "法定代表人或授权代表（签字）", "日期", NULL };
		check_pdf(ORDER_ENT, FORM_APPLICATION, "form-enterprise", want, 1);
	}
	if (have_poppler) {
		char cmd[400], *out;
		snprintf(cmd, sizeof(cmd), "pdfimages -list '%s/form-enterprise.pdf' 2>/dev/null", dir);
		out = run_squeezed(cmd);
		ok(out && strstr(out, "160160"), "the seal image (160×160) is embedded in the form");
		free(out);
	}
	{
		const char *const want[] = { LONG_ORG, LONG_ADDR, "邮寄", "收件人", "证书续费", "2A7F00C1", mid,
			"（未上传印章图片）", NULL };
		check_pdf(ORDER_MAIL, FORM_APPLICATION, "form-mail", want, 2);
	}
	{
		const char *const want[] = { "证书补办", "邮寄", "收件人", "福建省福州市鼓楼区五四路158号", "以下由受理机构填写",
			"受理人", "审核意见", NULL };
		check_pdf(ORDER_REISSUE, FORM_APPLICATION, "form-reissue-mail", want, 1);
	}
	{
		const char *const want[] = { "数字证书申请表（个人）", "王小明", PERSON_ID, "13800000001",
			"wxm@example.com", "政府采购", "个人高级证书", "2年", pid, pcode, "申请人（签字）", NULL };
		check_pdf(ORDER_PERSON, FORM_APPLICATION, "form-personal", want, 1);
	}
	{
		const char *const want[] = { "授权书", "李经办", AGENT_ID, ORG_NAME, USCC, id, acode,
			"授权单位（公章）", "法定代表人（签字）", "日期", NULL };
		check_pdf(ORDER_ENT, FORM_AUTHORIZATION, "letter", want, 1);
	}
	{
		char sentence[64];
		const char *const want[] = { "现授权<i>A&amp;B</i>（居民身份证：", sentence, NULL };
		snprintf(sentence, sizeof(sentence), "办理业务单号为%lld的", ORDER_HOSTILE);
		check_pdf(ORDER_HOSTILE, FORM_AUTHORIZATION, "letter-hostile", want, 2);
	}
	{
		const char *const want[] = { "<i>A&amp;B</i>", "福州\xef\xbf\xbd", NULL };
		check_pdf(ORDER_HOSTILE, FORM_APPLICATION, "form-hostile", want, 2);	/* cut off at 12 lines */
	}
	ok(form_pdf(ORDER_PERSON, FORM_AUTHORIZATION, &pdf, &len) == -1 && pdf == NULL,
	    "a personal order has no authorization letter");
	ok(form_pdf(ORDER_NONE, FORM_APPLICATION, &pdf, &len) == -1 && pdf == NULL,
	    "an unknown order has no form");
}

static void test_hdf(void)
{
	HDF *hdf = NULL;
	char code[9], text[64];
	NEOERR *err = hdf_init(&hdf);

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		ok(0, "hdf_init");
		return;
	}
	form_check_code(ORDER_ENT, FORM_AUTHORIZATION, code);
	form_qr_text(ORDER_ENT, FORM_AUTHORIZATION, text, sizeof(text));
	is_int(form_to_hdf(ORDER_ENT, FORM_AUTHORIZATION, hdf, "Form"), 0, "form_to_hdf fills the HDF");
	is_str(hdf_get_value(hdf, "Form.CheckCode", NULL), code, "with CheckCode");
	is_str(hdf_get_value(hdf, "Form.QrText", NULL), text, "and QrText");
	is_int(form_to_hdf(0, FORM_APPLICATION, hdf, "Form"), -1, "not for order 0");
	hdf_destroy(&hdf);
}

static void test_agreement(void)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	char path[300], cmd[700];
	int pages, i, marked = 1;
	char *text;

	ok(agreement_sample_pdf(&pdf, &len) == 0 && pdf, "the sample agreement renders");
	ok(pdf && memcmp(pdf, "%PDF-", 5) == 0, "as a PDF");
	if (!pdf)
		return;
	save_pdf("agreement-sample", pdf, len, path, sizeof(path));
	free(pdf);
	if (!have_poppler)
		return;
	pages = pdf_pages(path);
	ok(pages >= 1 && pages <= 2, "it has 1 or 2 pages");
	for (i = 1; i <= pages && i <= 4; i++) {
		text = pdf_text(path, i);
		if (!text || !strstr(text, "样本—仅供开发测试，正式部署请配置Agreement.File指向CA提供的正式文本"))
			marked = 0;
		free(text);
	}
	ok(marked, "every page carries the sample mark");
	text = pdf_text(path, 0);
	{
		const char *const want[] = { "CFCA网上平台办理协议书", "订户的权利和义务", "证书的使用", "信息的真实性",
			"隐私", "责任限制", "争议解决", "订户（盖章）", "日期", NULL };
		text_has(text, want, "the sample agreement");
	}
	free(text);
	ok(cjk_embedded(path), "its CJK font is embedded");
	snprintf(cmd, sizeof(cmd), "pdftoppm -r 60 -png '%s' '%s/agreement' >/dev/null 2>&1", path, dir);
	is_int(run(cmd), 0, "pdftoppm renders it");
}

int main(void)
{
	if (tsite_open(dir) != 0)
		return 1;
	have_poppler = run("pdftotext -v >/dev/null 2>&1") == 0 && run("pdffonts -v >/dev/null 2>&1") == 0
	    && run("pdftoppm -v >/dev/null 2>&1") == 0 && run("pdfinfo -v >/dev/null 2>&1") == 0;
	if (!have_poppler)
		printf("# poppler-utils not found: the PDFs are not read back\n");
	ok(db_exec("INSERT INTO users (id, mobile, pw_hash, created_ms) VALUES (1, '13000000000', 'x', 1)", "") == 1,
	    "an applicant exists");
	ok(insert_order(ORDER_ENT, "enterprise", "new", ORG_NAME, USCC, "pickup", "福建省福州市鼓楼区五四路158号") == 1,
	    "an enterprise order exists");
	ok(insert_order(ORDER_MAIL, "enterprise", "renew", LONG_ORG, USCC, "mail", LONG_ADDR) == 1,
	    "an enterprise renewal by mail with long values exists");
	ok(insert_order(ORDER_REISSUE, "enterprise", "reissue", ORG_NAME, USCC, "mail", "福建省福州市鼓楼区五四路158号") == 1,
	    "an enterprise reissue by mail exists");
	ok(insert_order(ORDER_PERSON, "personal", "new", NULL, NULL, "pickup", "福建省厦门市思明区湖滨南路1号") == 1,
	    "a personal order exists");
	{
		/* 3000 characters of name, markup in the agent's name, invalid UTF-8 in the address */
		char *huge = malloc(3 * 3000 + 1);
		int i;
		for (i = 0; huge && i < 3000; i++)
			memcpy(huge + 3 * i, "长", 3);
		if (huge)
			huge[3 * 3000] = '\0';
		ok(huge && insert_order(ORDER_HOSTILE, "enterprise", "reissue", huge, "not-a-uscc", "mail", "福州\xff\xfe市") == 1
		    && db_exec("UPDATE orders SET agent_name = ? WHERE id = ?", "ti", "<i>A&amp;B</i>",
		    (int64_t)ORDER_HOSTILE) == 1, "an order with hostile values exists");
		free(huge);
	}
	ok(add_seal(ORDER_ENT) == 0, "the enterprise order has a seal image");
	test_check_codes();
	test_qr_png();
	test_forms();
	test_hdf();
	test_agreement();
	db_close();
	/* Release the font caches, so valgrind sees fontconfig's offset-encoded pointers go. */
	pango_cairo_font_map_set_default(NULL);
	FcFini();
	if (!getenv("FORMPDF_KEEP_TMP")) {
		char cmd[300];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	} else
		printf("# kept %s\n", dir);
	return done_testing();
}
