/* lib/seed.c: certdesk-admin seed-demo: applicants and orders simulated through their life (lib/lifecycle.c's table) up to now, written in large transactions with reused prepared statements. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "seed.h"
#include "account.h"
#include "audit.h"
#include "clock.h"
#include "crypto.h"
#include "db.h"
#include "filestore.h"
#include "log.h"
#include "order.h"
#include "price.h"
#include "snowflake.h"
#include "statement.h"
#include "util.h"
#include "valid.h"
#include "seed_files.h"

#define MIN_MS (60LL * 1000)
#define HOUR_MS (60 * MIN_MS)
#define DAY_MS (24 * HOUR_MS)
#define YEAR_MS (365 * DAY_MS)
#define CST_MS (8 * HOUR_MS)		/* Asia/Shanghai, no daylight saving */
#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- random numbers */

/* splitmix64: small, fast, and every seed gives a full-period stream. */
struct rng {
	uint64_t s;
};

/* The next 64 random bits of r. */
static uint64_t rnext(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A uniform integer in [lo, hi]. */
static int64_t rrange(struct rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rnext(r) % (uint64_t)(hi - lo + 1));
}

/* 1 with probability permille / 1000. */
static int chance(struct rng *r, int permille)
{
	return (int)(rnext(r) % 1000) < permille;
}

/* One of the n strings of a, uniformly. */
static const char *pick(struct rng *r, const char *const *a, size_t n)
{
	return a[rnext(r) % n];
}
#define PICK(r, a) pick((r), (a), NITEMS(a))

/* A value of t chosen with the weights w (a table ending with a NULL value). */
struct weighted {
	const char *v;
	int w;
};

/* One value of t, by its weight. */
static const char *wpick(struct rng *r, const struct weighted *t)
{
	int total = 0, x, i;

	for (i = 0; t[i].v; i++)
		total += t[i].w;
	x = (int)(rnext(r) % (uint64_t)total);
	for (i = 0; t[i].v; i++)
		if ((x -= t[i].w) < 0)
			return t[i].v;
	return t[0].v;
}

/* ---------------------------------------------------------------- names and numbers */

struct region {
	const char *code, *place, *city;
};

/* Real administrative division codes (GB/T 2260) with the address they begin. */
static const struct region regions[] = {
	{ "350102", "福建省福州市鼓楼区", "福州" }, { "350103", "福建省福州市台江区", "福州" },
	{ "350104", "福建省福州市仓山区", "福州" }, { "350111", "福建省福州市晋安区", "福州" },
	{ "350181", "福建省福清市", "福清" }, { "350203", "福建省厦门市思明区", "厦门" },
	{ "350206", "福建省厦门市湖里区", "厦门" }, { "350503", "福建省泉州市丰泽区", "泉州" },
	{ "350582", "福建省晋江市", "晋江" }, { "350602", "福建省漳州市芗城区", "漳州" },
	{ "350302", "福建省莆田市城厢区", "莆田" }, { "350402", "福建省三明市梅列区", "三明" },
	{ "350702", "福建省南平市延平区", "南平" }, { "350802", "福建省龙岩市新罗区", "龙岩" },
	{ "350902", "福建省宁德市蕉城区", "宁德" }, { "330106", "浙江省杭州市西湖区", "杭州" },
	{ "440305", "广东省深圳市南山区", "深圳" }, { "310115", "上海市浦东新区", "上海" },
};

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
	"何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
	"肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "叶", "程", "魏", "苏", "吕", "丁", "卢", "姚",
	"沈", "钟", "江", "傅", "翁", "游", "欧阳",
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
	"超", "秀", "霞", "平", "刚", "英", "华", "建", "国", "志", "文", "辉", "鑫", "宇", "浩", "婷",
	"雪", "琳", "晨", "欣", "博", "子", "涵", "梓", "怡", "俊", "鹏", "海", "斌", "宁", "佳", "凯",
	"燕", "红", "玲", "慧", "丹", "飞", "峰", "荣", "春", "波", "亮", "健", "颖", "思", "雨", "泽",
};
static const char *const brand[] = {
	"恒", "信", "达", "盛", "华", "建", "鑫", "源", "泰", "安", "通", "宏", "兴", "正", "联", "中",
	"东", "海", "天", "金", "博", "创", "新", "宇", "瑞", "德", "顺", "永", "嘉", "成", "合", "美",
	"和", "祥", "旺", "远", "科", "力", "誉", "闽", "榕", "鹭",
};
static const char *const industries[] = {
	"建设工程", "建筑工程", "科技", "贸易", "电子", "信息技术", "医疗器械", "工程咨询", "环保科技",
	"市政工程", "装饰工程", "物流", "食品", "机电设备", "软件", "水利工程", "园林绿化", "电力工程",
	"招标代理", "造价咨询", "交通工程", "消防工程", "智能科技", "检测技术",
};
static const char *const company_form[] = {
	"有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司", "集团有限公司",
};
static const char *const public_units[] = {
	"第一中学", "人民医院", "疾病预防控制中心", "城市建设档案馆", "公共资源交易中心", "中心小学",
	"妇幼保健院", "水利水电勘测设计院",
};
static const char *const gov_units[] = {
	"住房和城乡建设局", "交通运输局", "水利局", "教育局", "财政局", "自然资源局", "卫生健康委员会",
};
static const char *const social_units[] = {
	"建筑业协会", "招标投标协会", "软件行业协会", "造价工程师协会",
};
static const char *const roads[] = {
	"五四路", "八一七北路", "湖东路", "华林路", "工业路", "杨桥中路", "福飞路", "六一北路", "东街",
	"建设路", "人民路", "解放路", "中山路", "滨海大道", "湖滨南路", "嘉禾路", "泉秀路", "丰泽街",
};
static const char *const email_domains[] = {
	"example.com", "example.cn", "example.net", "example.org",
};

static const struct weighted natures[] = {
	{ "private", 62 }, { "state", 14 }, { "public", 8 }, { "government", 5 }, { "foreign", 4 },
	{ "social", 3 }, { "other", 4 }, { NULL, 0 }
};
static const struct weighted kinds[] = { { "new", 58 }, { "renew", 34 }, { "reissue", 8 }, { NULL, 0 } };
static const struct weighted projects[] = {
	{ "bidding", 40 }, { "procurement", 25 }, { "both", 25 }, { "other", 10 }, { NULL, 0 }
};
static const struct weighted carriers[] = {
	{ "sf", 45 }, { "ems", 25 }, { "jd", 12 }, { "zto", 6 }, { "yto", 5 }, { "sto", 4 },
	{ "yunda", 3 }, { NULL, 0 }
};

/* Appends a Chinese person's name to out. */
static void person_name(struct rng *r, char *out, size_t size)
{
	snprintf(out, size, "%s%s%s", PICK(r, surnames), PICK(r, given), chance(r, 700) ? PICK(r, given) : "");
}

/* A valid mobile number 1[3-9]XXXXXXXXX into out[12]. */
static void mobile_no(struct rng *r, char out[12])
{
	static const char second[] = "33355578889";	/* 13x, 15x and 18x are the common segments */
	int i;

	out[0] = '1';
	out[1] = chance(r, 150) ? (char)('3' + rrange(r, 0, 6)) : second[rnext(r) % (sizeof(second) - 1)];
	for (i = 2; i < 11; i++)
		out[i] = (char)('0' + rrange(r, 0, 9));
	out[11] = '\0';
}

/* An e-mail address under an example.* domain (nothing is ever sent to a real mailbox). */
static void email_addr(struct rng *r, char *out, size_t size)
{
	char local[16];
	int i, n = (int)rrange(r, 4, 8);

	for (i = 0; i < n; i++)
		local[i] = (char)('a' + rrange(r, 0, 25));
	local[n] = '\0';
	snprintf(out, size, "%s%d@%s", local, (int)rrange(r, 1, 999), PICK(r, email_domains));
}

/* A street address in region g. */
static void address_of(struct rng *r, const struct region *g, char *out, size_t size)
{
	snprintf(out, size, "%s%s%d号%s", g->place, PICK(r, roads), (int)rrange(r, 1, 399),
	    chance(r, 500) ? "" : chance(r, 500) ? "A座" : "综合楼");
}

/* A resident ID number (GB 11643) of someone born between years y0 and y1 in region g. */
static void resident_id(struct rng *r, const struct region *g, int y0, int y1, char out[19])
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = (int)rrange(r, y0, y1), m = (int)rrange(r, 1, 12);
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int d = (int)rrange(r, 1, mdays[m - 1] + (m == 2 && leap));

	snprintf(out, 19, "%s%04d%02d%02d%03d", g->code, y, m, d, (int)rrange(r, 1, 999));
	out[17] = valid_resident_id_check_char(out);
	out[18] = '\0';
}

/* A USCC (GB 32100-2015) with registration authority reg and category cat in region g,
 * holding a GB 11714 organisation code (8 characters and their check character). */
static void uscc_code(struct rng *r, char reg, char cat, const struct region *g, char out[19])
{
	static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char letters[] = "ABCDEFGHJKLMNPQRTUWXY";	/* in both codes' alphabets */
	int i, sum = 0, c;
	char *oc = out + 8;

	out[0] = reg;
	out[1] = cat;
	memcpy(out + 2, g->code, 6);
	for (i = 0; i < 8; i++) {
		if (i == 0 && chance(r, 200))
			oc[i] = letters[rnext(r) % (sizeof(letters) - 1)];
		else
			oc[i] = (char)('0' + rrange(r, i == 0 ? 1 : 0, 9));
		sum += (oc[i] <= '9' ? oc[i] - '0' : oc[i] - 'A' + 10) * w[i];
	}
	c = 11 - sum % 11;
	oc[8] = c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
	out[17] = valid_uscc_check_char(out);
	out[18] = '\0';
}

/* Upper-case hexadecimal digits into out (n digits, out has n + 1 bytes). */
static void hex_digits(struct rng *r, char *out, int n)
{
	int i;

	for (i = 0; i < n; i++)
		out[i] = "0123456789ABCDEF"[rnext(r) & 15];
	out[n] = '\0';
}

/* YYYY-MM-DD (Shanghai) of a time in ms. */
static void day_of(int64_t ms, char out[11])
{
	time_t t = (time_t)((ms + CST_MS) / 1000);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* ---------------------------------------------------------------- one order's life */

enum ev_kind {
	EV_SUBMIT, EV_REJECT, EV_APPROVE, EV_CLAIM, EV_PAID, EV_DUP, EV_DUP_REFUND, EV_PRODUCE,
	EV_SHIP, EV_READY, EV_COMPLETE, EV_RECEIVE, EV_CANCEL_USER, EV_CANCEL_STAFF, EV_REFUND,
	EV_INV_REQUEST, EV_INV_ISSUE, EV_INV_REJECT
};

struct event {
	int64_t at;
	enum ev_kind kind;
	int arg;
};

struct hist {
	int64_t at;
	const char *realm, *actor, *from, *to, *reason;
};

struct payment {
	const char *method, *status, *source, *refund_cause;
	int trade;			/* out_trade_no suffix, 0 for a transfer */
	int64_t created, decided, refunded;
	int decided_by, refunded_by;	/* indexes into the staff table below, -1 for none */
	char paid_on[11];
};

struct trade {
	int n;
	const char *state;
	int64_t created;
};

struct invoice {
	const char *status, *type;
	int64_t requested, decided;
	int decided_by;
	char number[24];
	const char *reject_reason;
};

struct doc {
	const char *slot;
	int64_t at;
	int current;
};

struct rejection {
	const char *reason, *items;	/* review_items: the slots or fields, comma-separated */
	const char *list[2];		/* the same one by one */
};

static const struct rejection ent_rejections[] = {
	{ "营业执照扫描件不清晰，请重新上传", "license", { "license", NULL } },
	{ "经办人身份证复印件未加盖公章", "agent_id_front,agent_id_back", { "agent_id_front", "agent_id_back" } },
	{ "申请表未加盖公章", "form", { "form", NULL } },
	{ "授权书缺少法定代表人签字", "authorization", { "authorization", NULL } },
	{ "印章图片不清晰，请在白纸上重新盖章扫描", "seal", { "seal", NULL } },
	{ "单位名称与营业执照不一致", "org_name", { "org_name", NULL } },
};
static const struct rejection per_rejections[] = {
	{ "身份证照片模糊，请重新拍摄上传", "id_front,id_back", { "id_front", "id_back" } },
	{ "申请表未签字", "form", { "form", NULL } },
	{ "协议书未签字", "agreement", { "agreement", NULL } },
};

static const char *const ent_slots[] = {
	"license", "legal_id_front", "legal_id_back", "agent_id_front", "agent_id_back", "seal",
	"agreement", "form", "authorization",
};
static const char *const per_slots[] = { "id_front", "id_back", "agreement", "form" };

/* The demo staff, their roles and (after setup) their ids. */
enum { ST_REVIEWER = 0, ST_FINANCE = 3, ST_PRODUCER = 5, ST_COUNT = 7 };
static const char *const staff_login[ST_COUNT] = {
	SEED_STAFF_PREFIX "reviewer1", SEED_STAFF_PREFIX "reviewer2", SEED_STAFF_PREFIX "reviewer3",
	SEED_STAFF_PREFIX "finance1", SEED_STAFF_PREFIX "finance2",
	SEED_STAFF_PREFIX "producer1", SEED_STAFF_PREFIX "producer2",
};
static const char *const staff_role[ST_COUNT] = {
	"reviewer", "reviewer", "reviewer", "finance", "finance", "producer", "producer",
};
static int64_t staff_id[ST_COUNT];

#define MAX_EV 24
#define MAX_HIST 24
#define MAX_DOCS 16

struct order {
	int64_t id, user, g;
	int64_t created, updated, submitted, reviewed_ms, produced_ms, shipped_ms, completed_ms;
	const char *subject, *kind, *project, *delivery, *status, *pay_status, *method;
	const char *review_reason, *review_items, *carrier, *org_nature, *agent_id_type;
	const struct rejection *rejection;	/* the last one */
	int years, count, rev, reviewer, producer, has_dup;
	int64_t amount;
	char org_name[160], uscc[19], legal_name[32], legal_id[19], agent_name[32], agent_mobile[12];
	char agent_email[64], agent_id[24], agent_address[200], seal_code[16];
	char name[32], id_no[19], mobile[12], email[64], address[200];
	char mail_name[32], mail_mobile[12], mail_address[200];
	char cert_serial[33], issued_serial[33], issued_expires[11], tracking_no[16], transfer_code[9];
	struct event ev[MAX_EV];
	int nev;
	struct hist h[MAX_HIST];
	int nh;
	struct payment pay[4];
	int npay;
	struct trade trades[2];
	int ntrades;
	struct invoice inv[2];
	int ninv;
	struct doc docs[MAX_DOCS];
	int ndocs;
	char notes[3][400];		/* the timeline's 已修改 of each correction */
	int nnotes;
	struct {
		const char *item;	/* a field or a slot, as review_items names it */
		int rev;
		int64_t at;
	} changes[12];
	int nchanges;
};

/* Plans event kind at time at (dropped past MAX_EV). */
static void add_ev(struct order *o, int64_t at, enum ev_kind kind, int arg)
{
	if (o->nev < MAX_EV) {
		o->ev[o->nev].at = at;
		o->ev[o->nev].kind = kind;
		o->ev[o->nev].arg = arg;
		o->nev++;
	}
}

/* Appends a history row and moves the order to its status (dropped past MAX_HIST). */
static void add_hist(struct order *o, int64_t at, const char *realm, const char *actor, const char *from,
    const char *to, const char *reason)
{
	if (o->nh < MAX_HIST) {
		struct hist *h = &o->h[o->nh++];
		h->at = at;
		h->realm = realm;
		h->actor = actor;
		h->from = from;
		h->to = to;
		h->reason = reason;
	}
	o->status = to;
	o->updated = at;
}

/* Appends a document of slot uploaded at at (dropped past MAX_DOCS). */
static void add_doc(struct order *o, const char *slot, int64_t at, int current)
{
	if (o->ndocs < MAX_DOCS) {
		o->docs[o->ndocs].slot = slot;
		o->docs[o->ndocs].at = at;
		o->docs[o->ndocs].current = current;
		o->ndocs++;
	}
}

/* The applicant's data: organisation and people (enterprise) or the person (personal). */
static void make_identity(struct rng *r, struct order *o)
{
	const struct region *g = &regions[rnext(r) % NITEMS(regions)];
	char person[32];

	o->name[0] = o->id_no[0] = o->mobile[0] = o->email[0] = o->address[0] = '\0';
	o->org_name[0] = o->uscc[0] = o->legal_name[0] = o->legal_id[0] = o->agent_name[0] = '\0';
	o->agent_mobile[0] = o->agent_email[0] = o->agent_id[0] = o->agent_address[0] = o->seal_code[0] = '\0';
	o->org_nature = o->agent_id_type = NULL;
	if (strcmp(o->subject, "personal") == 0) {
		person_name(r, o->name, sizeof(o->name));
		resident_id(r, g, 1960, 2004, o->id_no);
		mobile_no(r, o->mobile);
		email_addr(r, o->email, sizeof(o->email));
		address_of(r, g, o->address, sizeof(o->address));
		return;
	}
	o->org_nature = wpick(r, natures);
	if (strcmp(o->org_nature, "government") == 0) {
		snprintf(o->org_name, sizeof(o->org_name), "%s市%s", g->city, PICK(r, gov_units));
		uscc_code(r, '1', '1', g, o->uscc);
	} else if (strcmp(o->org_nature, "public") == 0) {
		snprintf(o->org_name, sizeof(o->org_name), "%s市%s", g->city, PICK(r, public_units));
		uscc_code(r, '1', '2', g, o->uscc);
	} else if (strcmp(o->org_nature, "social") == 0) {
		snprintf(o->org_name, sizeof(o->org_name), "%s市%s", g->city, PICK(r, social_units));
		uscc_code(r, '5', '1', g, o->uscc);
	} else {
		snprintf(o->org_name, sizeof(o->org_name), "%s%s%s%s%s", chance(r, 150) ? "福建" : g->city,
		    PICK(r, brand), PICK(r, brand), PICK(r, industries), PICK(r, company_form));
		uscc_code(r, '9', '1', g, o->uscc);
	}
	person_name(r, o->legal_name, sizeof(o->legal_name));
	resident_id(r, g, 1955, 1995, o->legal_id);
	person_name(r, person, sizeof(person));
	util_copy(o->agent_name, sizeof(o->agent_name), person);
	mobile_no(r, o->agent_mobile);
	email_addr(r, o->agent_email, sizeof(o->agent_email));
	if (chance(r, 970)) {
		o->agent_id_type = "id_card";
		resident_id(r, g, 1965, 2002, o->agent_id);
	} else {
		o->agent_id_type = chance(r, 600) ? "hk_macau" : chance(r, 500) ? "taiwan" : "passport";
		snprintf(o->agent_id, sizeof(o->agent_id), "%c%08d", o->agent_id_type[0] == 'h' ? 'H'
		    : o->agent_id_type[0] == 't' ? 'T' : 'E', (int)rrange(r, 10000000, 99999999));
	}
	address_of(r, g, o->agent_address, sizeof(o->agent_address));
	if (chance(r, 600))
		snprintf(o->seal_code, sizeof(o->seal_code), "%s%07d", g->code, (int)rrange(r, 1, 9999999));
}

/* t, or the next office hour after it (weekdays 08:30-17:30 Shanghai) when staff act. */
static int64_t office(struct rng *r, int64_t t)
{
	int64_t local = t + CST_MS, day = local / DAY_MS, in = local % DAY_MS;
	int64_t jitter = rrange(r, 0, 90 * MIN_MS);	/* drawn always: the stream does not depend on now */
	int k;

	for (k = 0; k < 8; k++, day++, in = 0) {
		int64_t wd = (day + 4) % 7;	/* 1970-01-01 was a Thursday: 0 Sunday ... 6 Saturday */
		if (wd == 0 || wd == 6)
			continue;
		if (in < 8 * HOUR_MS + 30 * MIN_MS)
			return day * DAY_MS - CST_MS + 8 * HOUR_MS + 30 * MIN_MS + jitter;
		if (in < 17 * HOUR_MS + 30 * MIN_MS)
			return t;
	}
	return t;
}

/* The order's plan: its events from submission on, in no particular order (simulate sorts);
 * what staff do falls in office hours. */
static void plan(struct rng *r, struct order *o)
{
	int64_t t = o->created + (chance(r, 600) ? rrange(r, 5 * MIN_MS, 2 * HOUR_MS) : rrange(r, 2 * HOUR_MS, 3 * DAY_MS));
	int64_t approved, paid, start, x;
	int rejections = 0, transfer, cancel_paid, k;

	if (chance(r, 60)) {			/* a draft never submitted */
		if (chance(r, 400))
			add_ev(o, o->created + rrange(r, HOUR_MS, 30 * DAY_MS), EV_CANCEL_USER, 0);
		return;
	}
	add_ev(o, t, EV_SUBMIT, 0);
	for (;;) {
		t = office(r, t + (chance(r, 500) ? rrange(r, 20 * MIN_MS, 8 * HOUR_MS) : rrange(r, 8 * HOUR_MS, 4 * DAY_MS)));
		if (rejections >= 3 || !chance(r, rejections ? 80 : 160))
			break;
		add_ev(o, t, EV_REJECT, (int)(rnext(r) % 64));
		rejections++;
		if (chance(r, 780)) {		/* corrected and submitted again */
			t += rrange(r, 2 * HOUR_MS, 6 * DAY_MS);
			add_ev(o, t, EV_SUBMIT, 1);
			continue;
		}
		if (chance(r, 450))
			add_ev(o, t + rrange(r, DAY_MS, 20 * DAY_MS), EV_CANCEL_USER, 0);
		else if (chance(r, 500))
			add_ev(o, office(r, t + rrange(r, 60 * DAY_MS, 120 * DAY_MS)), EV_CANCEL_STAFF, 1);
		return;
	}
	approved = t;
	add_ev(o, approved, EV_APPROVE, 0);
	/* Money, after the last submission: before or after the approval. */
	start = approved;
	for (k = 0; k < o->nev; k++)
		if (o->ev[k].kind == EV_SUBMIT)
			start = o->ev[k].at;
	if (chance(r, 50)) {			/* never paid: staff close it */
		add_ev(o, office(r, start + rrange(r, 15 * DAY_MS, 45 * DAY_MS)), EV_CANCEL_STAFF, 2);
		return;
	}
	paid = start + (chance(r, 600) ? rrange(r, MIN_MS, 40 * MIN_MS) : rrange(r, HOUR_MS, 4 * DAY_MS));
	transfer = chance(r, 300);
	o->method = transfer ? "transfer" : "alipay";
	if (transfer) {
		add_ev(o, paid, EV_CLAIM, 0);
		paid = office(r, paid + rrange(r, 2 * HOUR_MS, 3 * DAY_MS));
	} else if (chance(r, 20)) {
		o->has_dup = 1;
		add_ev(o, paid + rrange(r, MIN_MS, 30 * MIN_MS), EV_DUP, 0);
		if (chance(r, 600))
			add_ev(o, office(r, paid + rrange(r, DAY_MS, 4 * DAY_MS)), EV_DUP_REFUND, 0);
	}
	add_ev(o, paid, EV_PAID, 0);
	cancel_paid = chance(r, 15);
	if (cancel_paid) {			/* withdrawn after paying: cancelled and refunded */
		x = office(r, paid + rrange(r, HOUR_MS, DAY_MS));
		add_ev(o, x, EV_CANCEL_STAFF, 3);
		add_ev(o, office(r, x + rrange(r, DAY_MS, 4 * DAY_MS)), EV_REFUND, 0);
		return;
	}
	if (chance(r, 250)) {			/* an invoice request */
		x = paid + rrange(r, 10 * MIN_MS, 20 * DAY_MS);
		add_ev(o, x, EV_INV_REQUEST, 0);
		x = office(r, x + (chance(r, 700) ? rrange(r, 4 * HOUR_MS, 2 * DAY_MS) : rrange(r, 2 * DAY_MS, 15 * DAY_MS)));
		if (chance(r, 120)) {
			add_ev(o, x, EV_INV_REJECT, 0);
			if (chance(r, 600)) {
				x += rrange(r, HOUR_MS, 5 * DAY_MS);
				add_ev(o, x, EV_INV_REQUEST, 1);
				add_ev(o, office(r, x + rrange(r, 4 * HOUR_MS, 3 * DAY_MS)), EV_INV_ISSUE, 1);
			}
		} else {
			add_ev(o, x, EV_INV_ISSUE, 0);
		}
	}
	t = office(r, (approved > paid ? approved : paid) + rrange(r, 2 * HOUR_MS, 3 * DAY_MS));
	add_ev(o, t, EV_PRODUCE, 0);
	t = office(r, t + rrange(r, 10 * MIN_MS, DAY_MS));
	if (strcmp(o->delivery, "mail") == 0) {
		add_ev(o, t, EV_SHIP, 0);
		if (chance(r, 600))
			add_ev(o, t + rrange(r, DAY_MS, 5 * DAY_MS), EV_RECEIVE, 0);
		else
			add_ev(o, office(r, t + rrange(r, 3 * DAY_MS, 10 * DAY_MS)), EV_COMPLETE, 0);
	} else {
		add_ev(o, t, EV_READY, 0);
		add_ev(o, office(r, t + rrange(r, HOUR_MS, 14 * DAY_MS)), EV_COMPLETE, 0);
	}
}

static const char *const staff_cancel_reasons[] = {
	"申请人要求撤销",
	"申请人长期未补正，业务单关闭",
	"逾期未支付，业务单关闭",
	"申请人申请撤销，款项将原路退回",
};

/* Finds the payment with status (the last one), or NULL. */
static struct payment *payment_with(struct order *o, const char *status)
{
	int i;

	for (i = o->npay - 1; i >= 0; i--)
		if (strcmp(o->pay[i].status, status) == 0)
			return &o->pay[i];
	return NULL;
}

/* Appends a payment and returns it (a plan makes at most two of the four there is room for). */
static struct payment *new_payment(struct order *o, const char *method, const char *status,
    const char *source, int64_t at)
{
	struct payment *p = &o->pay[o->npay++];

	memset(p, 0, sizeof(*p));
	p->method = method;
	p->status = status;
	p->source = source;
	p->created = at;
	p->decided_by = p->refunded_by = -1;
	return p;
}

/* Runs the plan up to now, as lib/lifecycle.c's rules would move the order: each event
 * applies only from the states its rule allows. */
static void simulate(struct rng *r, struct order *o, int64_t now)
{
	const struct rejection *rej;
	struct payment *p;
	const char *const *slots;
	int i, j, nslots, reviewer = (int)(rnext(r) % 3), finance = ST_FINANCE + (int)(rnext(r) % 2);
	int producer = ST_PRODUCER + (int)(rnext(r) % 2), open;

	o->status = "draft";
	o->pay_status = "unpaid";
	o->nh = o->npay = o->ntrades = o->ninv = o->ndocs = 0;
	o->rev = 1;
	o->submitted = o->reviewed_ms = o->produced_ms = o->shipped_ms = o->completed_ms = 0;
	o->amount = -1;
	o->review_reason = o->review_items = o->carrier = NULL;
	o->rejection = NULL;
	o->nnotes = o->nchanges = 0;
	o->reviewer = o->producer = -1;
	o->issued_serial[0] = o->issued_expires[0] = o->tracking_no[0] = '\0';
	add_hist(o, o->created, "user", "", NULL, "draft", NULL);
	slots = strcmp(o->subject, "enterprise") == 0 ? ent_slots : per_slots;
	nslots = strcmp(o->subject, "enterprise") == 0 ? (int)NITEMS(ent_slots) : (int)NITEMS(per_slots);
	/* Events in time order (insertion sort: a handful each). */
	for (i = 1; i < o->nev; i++)
		for (j = i; j > 0 && o->ev[j].at < o->ev[j - 1].at; j--) {
			struct event e = o->ev[j];
			o->ev[j] = o->ev[j - 1];
			o->ev[j - 1] = e;
		}
	/* Documents: all of them before the first submission, some of them in a draft. */
	{
		int sub = o->nev && o->ev[0].kind == EV_SUBMIT && o->ev[0].at <= now;
		int64_t first = sub ? o->ev[0].at : o->created + (now - o->created < HOUR_MS ? now - o->created : HOUR_MS);
		int n = sub ? nslots : (int)rrange(r, 0, nslots);
		for (i = 0; i < n; i++)
			add_doc(o, slots[i], o->created + (first - o->created) * (i + 1) / (nslots + 1), 1);
	}
	for (i = 0; i < o->nev && o->ev[i].at <= now; i++) {
		const struct event *e = &o->ev[i];
		const char *s = o->status;

		open = util_word_in("pending rejected approved producing shipped ready", s, " ");
		switch (e->kind) {
		case EV_SUBMIT:
			if (strcmp(s, "draft") != 0 && strcmp(s, "rejected") != 0)
				break;
			if (e->arg && o->rejection && o->nnotes < 3) {
				/* corrected as order_note_changes records it: the items named, one
				 * revision, the timeline's 已修改, the documents replaced */
				const struct rejection *rj = o->rejection;
				int had = o->ndocs;
				int64_t at = e->at - rrange(r, MIN_MS, HOUR_MS);
				char *note = o->notes[o->nnotes++];
				const char *label;
				size_t n = (size_t)snprintf(note, sizeof(o->notes[0]), "已修改：");
				o->rev++;
				for (j = 0; j < 2 && rj->list[j] && o->nchanges < (int)NITEMS(o->changes); j++) {
					o->changes[o->nchanges].item = rj->list[j];
					o->changes[o->nchanges].rev = o->rev;
					o->changes[o->nchanges++].at = at;
					label = order_item_label(rj->list[j]);
					if (n < sizeof(o->notes[0]))
						n += (size_t)snprintf(note + n, sizeof(o->notes[0]) - n, "%s%s", j ? "、" : "",
						    label ? label : rj->list[j]);
				}
				for (j = 0; j < had; j++)
					if (o->docs[j].current && util_word_in(rj->items, o->docs[j].slot, ",")) {
						o->docs[j].current = 0;
						add_doc(o, o->docs[j].slot, at, 1);
					}
				add_hist(o, at, "user", "", s, s, note);
			}
			o->amount = price_amount(o->subject, o->kind, o->project, o->years, o->count);
			o->submitted = e->at;
			add_hist(o, e->at, "user", "", s, "pending", NULL);
			break;
		case EV_REJECT:
			if (strcmp(s, "pending") != 0)
				break;
			rej = strcmp(o->subject, "enterprise") == 0 ? &ent_rejections[e->arg % NITEMS(ent_rejections)]
			    : &per_rejections[e->arg % NITEMS(per_rejections)];
			o->review_reason = rej->reason;
			o->review_items = rej->items;
			o->rejection = rej;
			o->reviewer = reviewer;
			o->reviewed_ms = e->at;
			add_hist(o, e->at, "staff", staff_login[reviewer], s, "rejected", rej->reason);
			break;
		case EV_APPROVE:
			if (strcmp(s, "pending") != 0)
				break;
			o->review_reason = o->review_items = NULL;
			o->reviewer = reviewer;
			o->reviewed_ms = e->at;
			add_hist(o, e->at, "staff", staff_login[reviewer], s, "approved", NULL);
			if (strcmp(o->pay_status, "paid") == 0)
				add_hist(o, e->at, "staff", staff_login[reviewer], "approved", "producing", "已审核通过且已支付");
			break;
		case EV_CLAIM:
			if (strcmp(s, "pending") != 0 && strcmp(s, "approved") != 0)
				break;
			p = new_payment(o, "transfer", "claimed", "claim", e->at);
			day_of(e->at - rrange(r, 0, DAY_MS), p->paid_on);
			o->pay_status = "claimed";
			break;
		case EV_PAID:
			if (strcmp(s, "pending") != 0 && strcmp(s, "approved") != 0)
				break;
			if (strcmp(o->method, "transfer") == 0) {
				if (!(p = payment_with(o, "claimed")))
					break;
				p->status = "received";
				p->decided = e->at;
				p->decided_by = finance;
			} else {
				if (o->has_dup) {
					/* an older QR code, replaced, is paid a moment later too */
					o->trades[o->ntrades].n = 1;
					o->trades[o->ntrades].state = "replaced";
					o->trades[o->ntrades++].created = e->at - rrange(r, 2 * HOUR_MS, 20 * HOUR_MS);
				}
				o->trades[o->ntrades].n = o->ntrades + 1;
				o->trades[o->ntrades].state = "paid";
				o->trades[o->ntrades++].created = e->at - rrange(r, 20 * 1000, 10 * MIN_MS);
				p = new_payment(o, "alipay", "received", "notify", e->at);
				p->trade = o->ntrades;
				p->decided = e->at;
			}
			o->pay_status = "paid";
			if (strcmp(s, "approved") == 0)
				add_hist(o, e->at, p->decided_by >= 0 ? "staff" : "system",
				    p->decided_by >= 0 ? staff_login[finance] : "支付宝", s, "producing", "已审核通过且已支付");
			break;
		case EV_DUP:
			if (o->ntrades != 2)
				break;
			p = new_payment(o, "alipay", "duplicate", "notify", e->at);
			p->trade = 1;
			p->decided = e->at;
			p->refund_cause = "重复支付";
			break;
		case EV_DUP_REFUND:
			if (!(p = payment_with(o, "duplicate")))
				break;
			p->status = "refunded";
			p->refunded = e->at;
			p->refunded_by = finance;
			break;
		case EV_PRODUCE:
			if (strcmp(s, "producing") != 0)
				break;
			o->producer = producer;
			o->produced_ms = e->at;
			hex_digits(r, o->issued_serial, 32);
			day_of(e->at + (int64_t)o->years * YEAR_MS, o->issued_expires);
			add_hist(o, e->at, "staff", staff_login[producer], s, s, "证书已制作");
			break;
		case EV_SHIP:
		case EV_READY:
			if (strcmp(s, "producing") != 0 || !o->issued_serial[0])
				break;
			if (e->kind == EV_SHIP) {
				o->carrier = wpick(r, carriers);
				snprintf(o->tracking_no, sizeof(o->tracking_no), "%s%010lld",
				    strcmp(o->carrier, "sf") == 0 ? "SF" : strcmp(o->carrier, "jd") == 0 ? "JD" : "",
				    (long long)rrange(r, 1000000000LL, 9999999999LL));
				o->shipped_ms = e->at;
			}
			add_hist(o, e->at, "staff", staff_login[producer], s, e->kind == EV_SHIP ? "shipped" : "ready", NULL);
			break;
		case EV_COMPLETE:
		case EV_RECEIVE:
			if (e->kind == EV_RECEIVE ? strcmp(s, "shipped") != 0 : !util_word_in("shipped ready", s, " "))
				break;
			o->completed_ms = e->at;
			if (e->kind == EV_RECEIVE)
				add_hist(o, e->at, "user", "", s, "completed", NULL);
			else
				add_hist(o, e->at, "staff", staff_login[producer], s, "completed", NULL);
			break;
		case EV_CANCEL_USER:
			if (!util_word_in("draft pending rejected", s, " ") || strcmp(o->pay_status, "unpaid") != 0)
				break;
			add_hist(o, e->at, "user", "", s, "cancelled", NULL);
			break;
		case EV_CANCEL_STAFF:
			if (!open)
				break;
			add_hist(o, e->at, "staff", staff_login[reviewer], s,
			    "cancelled", staff_cancel_reasons[e->arg]);
			break;
		case EV_REFUND:
			if (strcmp(o->pay_status, "paid") != 0 || !(p = payment_with(o, "received")))
				break;
			p->status = "refunded";
			p->refunded = e->at;
			p->refunded_by = finance;
			o->pay_status = "refunded";
			break;
		case EV_INV_REQUEST:
			if (strcmp(o->pay_status, "paid") != 0 || strcmp(s, "cancelled") == 0 || o->ninv >= 2)
				break;
			memset(&o->inv[o->ninv], 0, sizeof(o->inv[0]));
			o->inv[o->ninv].status = "pending";
			o->inv[o->ninv].type = strcmp(o->subject, "enterprise") == 0 && chance(r, 200) ? "special" : "normal";
			o->inv[o->ninv].requested = e->at;
			o->inv[o->ninv].decided_by = -1;
			o->ninv++;
			break;
		case EV_INV_ISSUE:
		case EV_INV_REJECT:
			if (o->ninv == 0 || strcmp(o->inv[o->ninv - 1].status, "pending") != 0)
				break;
			o->inv[o->ninv - 1].status = e->kind == EV_INV_ISSUE ? "issued" : "rejected";
			o->inv[o->ninv - 1].decided = e->at;
			o->inv[o->ninv - 1].decided_by = finance;
			if (e->kind == EV_INV_ISSUE) {
				char day[11];
				day_of(e->at, day);
				snprintf(o->inv[o->ninv - 1].number, sizeof(o->inv[0].number), "%.2s%018lld", day + 2,
				    (long long)(o->id % 1000000000000000000LL));
			} else {
				o->inv[o->ninv - 1].reject_reason = "发票抬头与纳税人识别号不一致，请核对后重新申请";
			}
			break;
		}
	}
}

/* ---------------------------------------------------------------- writing */

struct placeholder {
	const unsigned char *data;
	size_t len;
	const char *ext, *ctype;
	int width, height;
	char rel[128], sha[65];
};

static struct placeholder ph[3] = {
	{ ph_scan_png, sizeof(ph_scan_png), "png", "image/png", 160, 100, "", "" },
	{ ph_seal_png, sizeof(ph_seal_png), "png", "image/png", 100, 100, "", "" },
	{ ph_pdf, sizeof(ph_pdf), "pdf", "application/pdf", 0, 0, "", "" },
};
static char invoice_rel[128], invoice_sha[65];

/* The placeholder a slot's document points at. */
static const struct placeholder *ph_for(const char *slot)
{
	if (strcmp(slot, "seal") == 0)
		return &ph[1];
	if (strcmp(slot, "agreement") == 0 || strcmp(slot, "form") == 0 || strcmp(slot, "authorization") == 0)
		return &ph[2];
	return &ph[0];
}

/* Seals an ID number as order_save does (upper case, crypto_seal, blind index); *sealed is
 * malloc'd (NULL for an empty value). Returns 0 or -1. */
static int seal_id(const char *v, char **sealed, char idx[65])
{
	char upper[32];
	size_t i;

	*sealed = NULL;
	idx[0] = '\0';
	if (!v[0])
		return 0;
	util_copy(upper, sizeof(upper), v);
	for (i = 0; upper[i]; i++)
		if (upper[i] >= 'a' && upper[i] <= 'z')
			upper[i] = (char)(upper[i] - 'a' + 'A');
	*sealed = crypto_seal(upper);
	if (!*sealed || crypto_blind_index(upper, idx) != 0) {
		free(*sealed);
		*sealed = NULL;
		return -1;
	}
	return 0;
}

#define NZ(s) ((s)[0] ? (s) : NULL)

/* Inserts the order row; 1 when stored, 0 on a constraint (a clash to draw again), -1 on error. */
static int write_order_row(const struct order *o)
{
	char *legal = NULL, *agent = NULL, *person = NULL, li[65], ai[65], pi[65];
	int rc, ent = strcmp(o->subject, "enterprise") == 0;
	int submitted = o->submitted != 0;

	if (seal_id(o->legal_id, &legal, li) != 0 || seal_id(o->agent_id, &agent, ai) != 0
	    || seal_id(o->id_no, &person, pi) != 0) {
		free(legal);
		free(agent);
		return -1;
	}
	rc = db_exec("INSERT INTO orders (id, user_id, subject, kind, project, years, cert_count, status,"
	    " pay_status, amount_fen, delivery, mail_name, mail_mobile, mail_address, agree, consent,"
	    " org_name, org_nature, uscc, legal_name, legal_id_sealed, legal_id_index, agent_name,"
	    " agent_mobile, agent_email, agent_id_type, agent_id_sealed, agent_id_index, agent_address,"
	    " seal_code, name, id_sealed, id_index, mobile, email, address, cert_serial, review_reason,"
	    " review_items, created_ms, updated_ms, submitted_ms, claimed_by, claimed_ms, reviewed_by,"
	    " reviewed_ms, transfer_code, rev, issued_serial, issued_expires, produced_ms, produced_by,"
	    " carrier, tracking_no, shipped_ms, completed_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, -1),"
	    " ?, ?, ?, ?, ?, ?,"				/* 11-16 */
	    " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"	/* 17-39 */
	    " ?, ?, nullif(?, 0), nullif(?, 0), nullif(?, 0), nullif(?, 0), nullif(?, 0),"	/* 40-46 */
	    " ?, ?, ?, ?, nullif(?, 0), nullif(?, 0), ?, ?, nullif(?, 0), nullif(?, 0))",	/* 47-56 */
	    "iitttiittittttii" "ttttttttttttttttttttttt" "iiiiiii" "tittiittii",
	    o->id, o->user, o->subject, o->kind, o->project, (int64_t)o->years, (int64_t)o->count,
	    o->status, o->pay_status, o->amount, o->delivery,
	    NZ(o->mail_name), NZ(o->mail_mobile), NZ(o->mail_address), (int64_t)submitted, (int64_t)submitted,
	    ent ? o->org_name : NULL, o->org_nature, NZ(o->uscc), NZ(o->legal_name), legal, NZ(li),
	    NZ(o->agent_name), NZ(o->agent_mobile), NZ(o->agent_email), o->agent_id_type, agent, NZ(ai),
	    NZ(o->agent_address), NZ(o->seal_code), NZ(o->name), person, NZ(pi), NZ(o->mobile), NZ(o->email),
	    NZ(o->address), NZ(o->cert_serial), o->review_reason, o->review_items,
	    o->created, o->updated, o->submitted,
	    o->reviewer >= 0 ? staff_id[o->reviewer] : 0, o->reviewed_ms,
	    o->reviewer >= 0 ? staff_id[o->reviewer] : 0, o->reviewed_ms,
	    submitted ? o->transfer_code : NULL, (int64_t)o->rev, NZ(o->issued_serial), NZ(o->issued_expires),
	    o->produced_ms, o->producer >= 0 ? staff_id[o->producer] : 0, o->carrier, NZ(o->tracking_no),
	    o->shipped_ms, o->completed_ms);
	free(legal);
	free(agent);
	free(person);
	if (rc == 1)
		return 1;
	return sqlite3_errcode(db_handle()) == SQLITE_CONSTRAINT ? 0 : -1;
}

/* Writes the order's history, documents, trades, payments and invoices. Returns 0 or -1. */
static int write_rest(const struct order *o, struct seed_stats *st)
{
	char ot[40], tn[40], day[11], payer[64];
	int i;

	for (i = 0; i < o->nh; i++) {
		const struct hist *h = &o->h[i];
		if (db_exec("INSERT INTO order_history (order_id, at_ms, realm, actor, from_status, to_status,"
		    " reason) VALUES (?, ?, ?, ?, ?, ?, ?)", "iittttt", o->id, h->at, h->realm, h->actor, h->from,
		    h->to, h->reason) != 1)
			return -1;
	}
	st->history += o->nh;
	for (i = 0; i < o->ndocs; i++) {
		const struct placeholder *p = ph_for(o->docs[i].slot);
		if (db_exec("INSERT INTO documents (order_id, slot, sha256, path, ctype, size, width, height,"
		    " created_ms, current) VALUES (?, ?, ?, ?, ?, ?, nullif(?, 0), nullif(?, 0), ?, ?)",
		    "ittttiiiii", o->id, o->docs[i].slot, p->sha, p->rel, p->ctype, (int64_t)p->len,
		    (int64_t)p->width, (int64_t)p->height, o->docs[i].at, (int64_t)o->docs[i].current) != 1)
			return -1;
	}
	st->documents += o->ndocs;
	for (i = 0; i < o->nchanges; i++)
		if (db_exec("INSERT INTO order_changes (order_id, rev, item, at_ms) VALUES (?, ?, ?, ?)", "iiti", o->id,
		    (int64_t)o->changes[i].rev, o->changes[i].item, o->changes[i].at) != 1)
			return -1;
	for (i = 0; i < o->ntrades; i++) {
		snprintf(ot, sizeof(ot), "%lld_%d", (long long)o->id, o->trades[i].n);
		if (db_exec("INSERT INTO alipay_trades (out_trade_no, order_id, amount_fen, state, created_ms,"
		    " expires_ms) VALUES (?, ?, ?, ?, ?, ?)", "tiitii", ot, o->id, o->amount, o->trades[i].state,
		    o->trades[i].created, o->trades[i].created + 2 * HOUR_MS) != 1)
			return -1;
	}
	for (i = 0; i < o->npay; i++) {
		const struct payment *p = &o->pay[i];
		const char *mob = o->agent_mobile[0] ? o->agent_mobile : o->mobile;
		int alipay = p->trade > 0;

		if (alipay) {
			snprintf(ot, sizeof(ot), "%lld_%d", (long long)o->id, p->trade);
			day_of(p->created, day);
			snprintf(tn, sizeof(tn), "%.4s%.2s%.2s%019lld%d", day, day + 5, day + 8, (long long)o->id, p->trade);
			snprintf(payer, sizeof(payer), "%.3s****%.4s", mob, mob + 7);
		} else {
			util_copy(payer, sizeof(payer), o->org_name[0] ? o->org_name : o->name);
		}
		if (db_exec("INSERT INTO payments (order_id, method, status, amount_fen, source, out_trade_no,"
		    " trade_no, payer, paid_on, created_ms, decided_ms, decided_by, refunded_ms, refunded_by,"
		    " refund_reason, refund_cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0),"
		    " nullif(?, 0), nullif(?, 0), nullif(?, 0), ?, ?)", "ittitttttiiiiitt",
		    o->id, p->method, p->status, o->amount, p->source, alipay ? ot : NULL, alipay ? tn : NULL, payer,
		    alipay ? NULL : p->paid_on, p->created, p->decided, p->decided_by >= 0 ? staff_id[p->decided_by] : 0,
		    p->refunded, p->refunded_by >= 0 ? staff_id[p->refunded_by] : 0,
		    p->refunded ? (strcmp(p->status, "refunded") == 0 && p->refund_cause ? "重复支付，原路退回"
		    : "业务单已取消，原路退回") : NULL, p->refund_cause) != 1)
			return -1;
	}
	st->payments += o->npay;
	for (i = 0; i < o->ninv; i++) {
		const struct invoice *v = &o->inv[i];
		int company = strcmp(o->subject, "enterprise") == 0, special = strcmp(v->type, "special") == 0;
		int issued = strcmp(v->status, "issued") == 0;
		char phone[16];

		snprintf(phone, sizeof(phone), "0591-8%07d", (int)(o->id % 10000000));
		if (db_exec("INSERT INTO invoices (order_id, user_id, type, status, amount_fen, title_kind, name,"
		    " tax_id, address, phone, bank, account, email, number, file_path, file_sha256, file_ctype,"
		    " file_size, reject_reason, requested_ms, decided_ms, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?,"
		    " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?, ?, nullif(?, 0), nullif(?, 0))",
		    "iittittttttttttttitiii", o->id, o->user, v->type, v->status, o->amount,
		    company ? "company" : "personal", company ? o->org_name : o->name, company ? o->uscc : NULL,
		    special ? o->agent_address : NULL, special ? phone : NULL, special ? "中国银行福州分行营业部" : NULL,
		    special ? "4070 5836 1234" : NULL, company ? o->agent_email : o->email,
		    issued ? v->number : NULL, issued ? invoice_rel : NULL, issued ? invoice_sha : NULL,
		    issued ? "application/pdf" : NULL, issued ? (int64_t)sizeof(ph_pdf) : 0, v->reject_reason,
		    v->requested, v->decided, v->decided_by >= 0 ? staff_id[v->decided_by] : 0) != 1)
			return -1;
	}
	st->invoices += o->ninv;
	return 0;
}

/* ---------------------------------------------------------------- the run */

struct slot {
	int64_t at;
	int64_t user;		/* index into the new users */
	int64_t key;		/* its index before sorting: what its content is drawn from */
};

/* qsort order of slots: by time, then by key (a total order: the result is the same on
 * every run). */
static int by_time(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at ? 1 : x->key < y->key ? -1 : x->key > y->key;
}

int seed_has_real_orders(void)
{
	sqlite3_stmt *st = db_prepare("SELECT EXISTS (SELECT 1 FROM users u WHERE u.pw_hash IS NOT ?1"
	    " AND EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id) AND NOT EXISTS (SELECT 1 FROM audit a"
	    " WHERE a.action = 'seed-demo' AND a.outcome = 'demo-user' AND a.detail = CAST(u.id AS TEXT)))");
	int rc;

	if (!st || db_bindv(st, "t", SEED_PW_MARK) != 0)
		return -1;
	rc = sqlite3_step(st);
	rc = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	return rc;
}

/* Adds the demo staff unless present and reads their ids. Returns 0 or -1. */
static int setup_staff(int64_t now)
{
	int i;

	for (i = 0; i < ST_COUNT; i++) {
		if (db_exec("INSERT INTO staff (login, role, pw_hash, disabled, created_ms) VALUES (?, ?, ?, 1, ?)"
		    " ON CONFLICT (login) DO NOTHING", "ttti", staff_login[i], staff_role[i], SEED_PW_MARK,
		    now - 3 * YEAR_MS - 30 * DAY_MS) < 0)
			return -1;
		if ((staff_id[i] = db_int("SELECT id FROM staff WHERE login = ?", 0, "t", staff_login[i])) <= 0)
			return -1;
	}
	return 0;
}

/* Stores the placeholder files once (content-addressed: a second run finds them there). */
static int setup_files(void)
{
	size_t i;

	for (i = 0; i < NITEMS(ph); i++)
		if (filestore_put(ph[i].data, ph[i].len, NULL, ph[i].ext, ph[i].rel, sizeof(ph[i].rel), ph[i].sha) != 0)
			return -1;
	return filestore_put(ph_pdf, sizeof(ph_pdf), "invoices", "pdf", invoice_rel, sizeof(invoice_rel), invoice_sha);
}

/* How many orders each new user gets: 1-50, skewed towards few, summing to total; the
 * first one is the busiest, with min(50, total - users + 1). */
static int *order_counts(struct rng *r, int64_t users, int64_t total)
{
	int *c = malloc((size_t)users * sizeof(*c));
	int64_t i, sum = 0, diff;

	if (!c)
		return NULL;
	for (i = 0; i < users; i++) {
		uint64_t x = (rnext(r) & 0xffff) * (rnext(r) & 0xffff);	/* u1·u2·2^32, mean 2^30 */
		int64_t v = 1 + (int64_t)((uint64_t)(4 * (total - users)) * (x >> 8) / ((uint64_t)users << 24));
		c[i] = (int)(v > 50 ? 50 : v);
		if (i == 0)
			c[i] = (int)(total - users + 1 < 50 ? total - users + 1 : 50);
		sum += c[i];
	}
	for (diff = total - sum; diff != 0;) {
		if ((i = (int64_t)(rnext(r) % (uint64_t)users)) == 0 && users > 1)
			continue;
		if (diff > 0 && c[i] < 50) {
			c[i]++;
			diff--;
		} else if (diff < 0 && c[i] > 1) {
			c[i]--;
			diff++;
		}
	}
	return c;
}

/* A creation time within [start, end): denser towards now, mostly in office hours. It
 * draws the same random numbers whatever the times (so a seed gives the same data whenever
 * it runs). */
static int64_t order_time(struct rng *r, int64_t start, int64_t end)
{
	int64_t span = end - start, a = rrange(r, 0, span - 1), b = rrange(r, 0, span - 1);
	int uniform = chance(r, 300), weekday = chance(r, 700), office_hours = chance(r, 880);
	int64_t in_day = rrange(r, 8 * HOUR_MS + 30 * MIN_MS, 17 * HOUR_MS + 30 * MIN_MS), back = rrange(r, 1, MIN_MS);
	int64_t t = a > b || uniform ? a : b, day, wd;	/* growing: 70% with a density rising towards now */

	t += start;
	day = (t + CST_MS) / DAY_MS;
	wd = (day + 4) % 7;		/* 1970-01-01 was a Thursday: 0 Sunday ... 6 Saturday */
	if ((wd == 0 || wd == 6) && weekday)
		day += wd == 0 ? 1 : 2;
	if (office_hours)
		t = day * DAY_MS - CST_MS + in_day;
	return t < end ? t : end - back;
}

/* The n-th seeded order's transfer code: a bijection of n on 40 bits, 8 letters of 5 bits. */
static void transfer_code(int64_t n, char out[9])
{
	uint64_t v = ((uint64_t)n * 0x5DEECE66DULL + 0x2545F491ULL) & ((1ULL << 40) - 1);
	int i;

	for (i = 7; i >= 0; i--, v >>= 5)
		out[i] = statement_code_alphabet[v & 31];
	out[8] = '\0';
}

/* Fills the order with key g (unique among all seeded orders) from its own random stream. */
static void make_order(uint64_t seed, struct order *o, int64_t now)
{
	struct rng r = { seed ^ ((uint64_t)o->g * 0xD1B54A32D192ED03ULL) };
	const struct region *g;

	o->subject = chance(&r, 760) ? "enterprise" : "personal";
	o->kind = wpick(&r, kinds);
	o->project = wpick(&r, projects);
	o->years = strcmp(o->kind, "reissue") == 0 ? 1 : (int)(chance(&r, 550) ? 1 : chance(&r, 450) ? 2
	    : chance(&r, 600) ? 3 : 5);
	o->count = strcmp(o->subject, "personal") == 0 || chance(&r, 880) ? 1 : (int)rrange(&r, 2, 5);
	o->delivery = chance(&r, 550) ? "mail" : "pickup";
	make_identity(&r, o);
	g = &regions[rnext(&r) % NITEMS(regions)];
	o->mail_name[0] = o->mail_mobile[0] = o->mail_address[0] = o->cert_serial[0] = '\0';
	if (strcmp(o->delivery, "mail") == 0) {
		util_copy(o->mail_name, sizeof(o->mail_name), o->agent_name[0] ? o->agent_name : o->name);
		util_copy(o->mail_mobile, sizeof(o->mail_mobile), o->agent_mobile[0] ? o->agent_mobile : o->mobile);
		address_of(&r, g, o->mail_address, sizeof(o->mail_address));
	}
	if (strcmp(o->kind, "new") != 0)
		hex_digits(&r, o->cert_serial, 32);
	transfer_code(o->g, o->transfer_code);
	o->nev = o->has_dup = 0;
	o->method = "alipay";
	plan(&r, o);
	simulate(&r, o, now);
}

/* Restores the connection's usual durability and cache. */
static void restore_pragmas(void)
{
	db_exec("PRAGMA synchronous = FULL", "");
	db_exec("PRAGMA cache_size = -2000", "");
}

int seed_demo(const struct seed_opts *opt, struct seed_stats *st)
{
	int64_t now = clock_now_ms(), start = now - 3 * YEAR_MS, end = now - 10 * MIN_MS;
	int64_t batch = opt->batch > 0 ? opt->batch : 10000, base_user, base_g, i, k, prev_ms = -1;
	int64_t *first = NULL;
	int prev_seq = 0, worker = 0, *counts = NULL, rc = -1, in_tx = 0, tries;
	struct slot *slots = NULL;
	struct order *o = NULL;
	struct rng r = { opt->seed };
	char mobile[12], idtext[24], *demo_hash = NULL;

	memset(st, 0, sizeof(*st));
	if (opt->users < 1 || opt->orders < opt->users || opt->orders > 50 * opt->users || opt->orders > 100000000)
		return 2;
	if ((k = seed_has_real_orders()) != 0)
		return k < 0 ? -1 : 1;
	if (setup_files() != 0 || setup_staff(now) != 0)
		return -1;
	if (opt->demo_password && !(demo_hash = crypto_password_hash(opt->demo_password, acct_password_cost())))
		return -1;
	counts = order_counts(&r, opt->users, opt->orders);
	slots = malloc((size_t)opt->orders * sizeof(*slots));
	first = malloc((size_t)opt->users * sizeof(*first));
	o = malloc(sizeof(*o));
	if (!counts || !slots || !first || !o)
		goto out;
	for (i = 0, k = 0; i < opt->users; i++) {
		int c;
		first[i] = end;
		for (c = 0; c < counts[i]; c++, k++) {
			slots[k].at = order_time(&r, start, end);
			slots[k].user = i;
			slots[k].key = k;
			if (slots[k].at < first[i])
				first[i] = slots[k].at;
		}
	}
	qsort(slots, (size_t)opt->orders, sizeof(*slots), by_time);
	/* This connection only, for the run: an interrupted run loses at most its last batch, and
	 * only an operating-system crash could harm the file, which holds no real order (refused
	 * above) but demo data that a new seed makes again. */
	db_exec("PRAGMA synchronous = OFF", "");
	db_exec("PRAGMA cache_size = -262144", "");
	/* The applicants, in one transaction: ids from the current maximum on. */
	if (db_begin() != 0)
		goto out;
	in_tx = 1;
	base_user = db_int("SELECT ifnull(max(id), 0) + 1 FROM users", 1, "");
	base_g = db_int("SELECT count(*) FROM orders", 0, "");
	for (i = 0; i < opt->users; i++) {
		for (tries = 0;; tries++) {
			mobile_no(&r, mobile);
			k = db_exec("INSERT INTO users (id, mobile, pw_hash, created_ms) VALUES (?, ?, ?, ?)"
			    " ON CONFLICT (mobile) DO NOTHING", "itti", base_user + i, mobile,
			    i == 0 && demo_hash ? demo_hash : SEED_PW_MARK, first[i] - rrange(&r, MIN_MS, 20 * DAY_MS));
			if (k == 1)
				break;
			if (k < 0 || tries > 100)
				goto out;
		}
		if (i == 0)
			util_copy(st->demo_mobile, sizeof(st->demo_mobile), mobile);
	}
	st->users = opt->users;
	st->demo_user = base_user;
	st->demo_orders = counts[0];
	if (demo_hash) {	/* the mark that keeps the demo applicant's orders seeded */
		snprintf(idtext, sizeof(idtext), "%lld", (long long)base_user);
		audit_log("system", "certdesk-admin", "", "seed-demo", 0, "demo-user", idtext);
	}
	for (i = 0; i < opt->orders; i++) {
		int64_t ms = slots[i].at - SNOW_EPOCH_MS;

		if (!in_tx) {
			if (db_begin() != 0)
				goto out;
			in_tx = 1;
		}
		if (ms <= prev_ms && prev_seq < 4095) {
			ms = prev_ms;
			prev_seq++;
		} else {
			if (ms <= prev_ms)
				ms = prev_ms + 1;
			prev_seq = 0;
			worker = (int)(rnext(&r) % 8);	/* a handful of FastCGI processes */
		}
		prev_ms = ms;
		memset(o, 0, offsetof(struct order, ev));
		o->g = base_g + slots[i].key;
		o->user = base_user + slots[i].user;
		o->created = ms + SNOW_EPOCH_MS;
		o->id = ms << 22 | (int64_t)worker << 12 | prev_seq;
		for (tries = 0;; tries++) {
			make_order(opt->seed + (uint64_t)tries * 0x9E3779B97F4A7C15ULL, o, now);
			k = write_order_row(o);
			if (k == 1)
				break;
			if (k < 0 || tries > 8) {
				log_error("seed-demo: order %lld could not be stored", (long long)o->id);
				goto out;
			}
			o->id ^= 1LL << 11;	/* a clash with an earlier run's number: the other half of the sequence */
		}
		if (write_rest(o, st) != 0)
			goto out;
		st->orders++;
		if ((i + 1) % batch == 0 || i + 1 == opt->orders) {
			if (db_commit() != 0) {
				in_tx = 0;
				goto out;
			}
			in_tx = 0;
			if (opt->progress)
				opt->progress(opt->ctx, i + 1, opt->orders);
		}
	}
	if (in_tx) {			/* users only (no orders): commit them */
		if (db_commit() != 0) {
			in_tx = 0;
			goto out;
		}
		in_tx = 0;
	}
	/* The orders were written past order_save: their names enter the search index here. */
	if (order_search_rebuild() != 0)
		goto out;
	db_exec("PRAGMA optimize", "");
	rc = 0;
out:
	if (in_tx)
		db_rollback();
	restore_pragmas();
	free(demo_hash);
	free(counts);
	free(slots);
	free(first);
	free(o);
	return rc;
}
