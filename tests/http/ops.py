# tests/http/ops.py: the admin's running of the platform over HTTP (prices changed on the page for later orders only, audited; the dashboard's numbers against the database's; CSV exports parsed back, hostile cells, a year of seeded orders streamed within bounded memory; roles), shared by the lighttpd and Apache tests.
import csv
import datetime
import io
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, HERE)
from httpclient import Client  # noqa: E402
from journeys import register, run_scenario  # noqa: E402
from orders import submit_enterprise  # noqa: E402
from staff import ADMIN, sign_in  # noqa: E402

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))	# Site.TimeZone of the test sites (no DST)
SEED_ORDERS = 40000	# over three years, denser towards now: about half in the last year
OTHER_USCC = "914403001922038216"	# a second organisation (valid check characters)


def day_ms(day):
    """The start (ms) of day YYYY-MM-DD in Shanghai."""
    d = datetime.datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=SHANGHAI)
    return int(d.timestamp() * 1000)


def today(clock):
    """The site's date in Shanghai with the test clock's offset."""
    return datetime.datetime.fromtimestamp(time.time() + clock[0] / 1000.0, SHANGHAI).strftime("%Y-%m-%d")


def table(html, ident):
    """The body rows of table id=ident, each a list of its cells' texts."""
    m = re.search(r'<table[^>]*id="%s".*?<tbody>(.*?)</tbody>' % ident, html, re.S)
    if not m:
        return []
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(1), re.S)]


def yuan(fen):
    return "%d.%02d" % (fen // 100, fen % 100)


def fcgi_hwm(site):
    """The peak resident set (VmHWM, kB) of each admin.fcgi process serving site, by pid."""
    out = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                if b"admin.fcgi" not in f.read():
                    continue
            with open("/proc/%s/environ" % pid, "rb") as f:
                if ("CERTDESK_CONFIG=" + site.config).encode() not in f.read().split(b"\0"):
                    continue
            with open("/proc/%s/status" % pid) as f:
                out[pid] = int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1))
        except (OSError, AttributeError):
            continue
    return out


def prices(t, site, clock, boss, rev, fin, what):
    a, b = Client(site.base), Client(site.base)
    if not (register(t, site, a, "13912340001", "Secret2024ab", "%s: applicant A" % what)
            and register(t, site, b, "13912340002", "Secret2024ab", "%s: applicant B" % what)):
        return
    before, r = submit_enterprise(a, {})
    t.eq(r.status, 303, "%s: an order (enterprise, new, both, one year) is submitted" % what, r.summary())
    t.eq(site.sql("SELECT amount_fen FROM orders WHERE id = %s" % before), "65000", "%s: at 650.00" % what)

    r = rev.get(ADMIN + "?view=prices")
    t.ok(r.status == 403 and "无权" in r.text, "%s: a reviewer opening the prices gets 403" % what, r.summary())
    t.ok(int(site.sql("SELECT count(*) FROM audit WHERE action = 'view_prices' AND outcome = 'refused'")) >= 1,
         "%s: and the refusal is audited" % what)
    change = {"action": "price_set", "subject": "enterprise", "kind": "new", "project": "both", "yuan": "700.50",
              "per_year": "1"}
    r = fin.post(ADMIN, dict(change, csrf=fin.csrf(ADMIN + "?view=payments")))
    t.eq(r.status, 403, "%s: finance cannot change a price" % what, r.summary())
    r = boss.get(ADMIN + "?view=prices&subject=enterprise&kind=new&project=both")
    t.ok(r.status == 200 and "650.00" in r.text and 'value="650.00"' in r.text and "按证书年限" in r.text,
         "%s: the admin sees the price table, the form pre-filled from the row" % what, r.summary())
    csrf = r.csrf()
    r = boss.post(ADMIN, dict(change, yuan="7OO", csrf=csrf))
    t.ok(r.status == 422 and "最多两位小数" in r.text and 'value="7OO"' in r.text,
         "%s: a malformed amount gets 422 with the message and the value kept" % what, r.summary())
    r = boss.post(ADMIN, dict(change, yuan="12.345", csrf=csrf))
    t.eq(r.status, 422, "%s: three decimals are refused" % what)
    r = boss.post(ADMIN, dict(change, per_year="2", csrf=csrf))
    t.eq(r.status, 422, "%s: per_year other than 0 or 1 is refused" % what)
    r = boss.post(ADMIN, dict(change))
    t.eq(r.status, 403, "%s: a change without csrf is refused" % what)
    t.eq(site.sql("SELECT fen || ' ' || per_year FROM prices WHERE subject = 'enterprise' AND kind = 'new'"
                  " AND project = 'both'"), "65000 1", "%s: and none of these changed the price" % what)
    r = boss.post(ADMIN, dict(change, csrf=csrf))
    t.ok(r.status == 303 and "view=prices" in (r.header("Location") or ""), "%s: price_set answers 303" % what,
         r.summary())
    t.eq(site.sql("SELECT fen || ' ' || per_year FROM prices WHERE subject = 'enterprise' AND kind = 'new'"
                  " AND project = 'both'"), "70050 1", "%s: the price is 700.50 a year" % what)
    r = boss.get(r.location_path())
    t.ok("700.50" in r.text and "此后提交的业务单按新价格计费" in r.text, "%s: the table shows it with a notice" % what)
    t.eq(site.sql("SELECT actor || ' ' || outcome || ' ' || detail FROM audit WHERE action = 'price_set'"
                  " AND outcome = 'ok'"),
         "boss ok enterprise/new/both: 650.00元/年 -> 700.50元/年", "%s: audited with the old and the new value" % what)
    t.eq(site.sql("SELECT amount_fen FROM orders WHERE id = %s" % before), "65000",
         "%s: the order submitted before keeps its amount" % what)
    after, r = submit_enterprise(b, {"uscc": OTHER_USCC, "org_name": "厦门某某贸易有限公司"})
    t.eq(r.status, 303, "%s: another order is submitted afterwards" % what,
         re.findall(r'class="(?:field-error|alert[^"]*)"[^>]*>([^<]+)<', r.text) or r.summary())
    t.eq(site.sql("SELECT amount_fen FROM orders WHERE id = %s" % after), "70050",
         "%s: and costs the new price" % what)
    r = boss.post(ADMIN, dict(change, yuan="0.5", per_year="0", csrf=csrf))
    t.eq(site.sql("SELECT fen || ' ' || per_year FROM prices WHERE subject = 'enterprise' AND kind = 'new'"
                  " AND project = 'both'"), "50 0", "%s: a flat price in fen precision (0.5 元)" % what)


def dashboard(t, site, clock, boss, rev, fin, what):
    for who, c in (("reviewer", rev), ("finance", fin)):
        r = c.get(ADMIN + "?view=dashboard")
        t.eq(r.status, 403, "%s: %s opening the dashboard gets 403" % (what, who))
    started = time.time()
    r = boss.get(ADMIN + "?view=dashboard")
    t.ok(r.status == 200 and r.text.count('role="img"') == 3 and r.text.count("<title id=") == 3,
         "%s: the dashboard draws three SVG charts with role=img and a title" % what, r.summary())
    t.diag("%s: dashboard answered in %.2f s" % (what, time.time() - started))
    t.ok("<script" not in r.text.split("</header>")[1], "%s: and needs no script" % what)
    days = table(r.text, "days-table")
    t.ok(len(days) == 30 and days[-1][0] == today(clock), "%s: 30 days ending today in the table" % what, days[-3:])
    want = [[d, site.sql("SELECT count(*) FROM orders WHERE status <> 'draft' AND submitted_ms >= %d"
                         " AND submitted_ms < %d" % (day_ms(d), day_ms(d) + 86400000))] for d, _ in days]
    t.eq(days, want, "%s: orders per day equal the database's" % what)
    t.ok(sum(int(n) for _, n in days) > 100, "%s: (with hundreds of seeded orders in them)" % what)
    statuses = {k: v for k, v in (line.split("|") for line in site.sql(
        "SELECT status, count(*) FROM orders WHERE status <> 'draft' GROUP BY status").splitlines())}
    got = dict((re.search(r'id="status-(\w+)"', row).group(1), n) for row, n in
               ((m.group(0), m.group(1)) for m in re.finditer(r'<tr id="status-\w+">.*?<td class="num">(\d+)</td>', r.text)))
    t.eq(got, dict((s, statuses.get(s, "0")) for s in got), "%s: orders per status equal the database's" % what)
    t.eq(len(got), 8, "%s: every status but draft is counted" % what)
    months = table(r.text, "money-table")
    t.eq(len(months), 12, "%s: 12 months of revenue" % what)
    rows = []
    for m in months:
        start = day_ms(m[0] + "-01")
        y, mo = int(m[0][:4]), int(m[0][5:])
        end = day_ms("%04d-%02d-01" % (y + mo // 12, mo % 12 + 1))
        got_in = int(site.sql("SELECT ifnull(sum(amount_fen), 0) FROM payments WHERE status IN ('received',"
                              " 'duplicate', 'refunded') AND created_ms >= %d AND created_ms < %d" % (start, end)))
        out = int(site.sql("SELECT ifnull(sum(amount_fen), 0) FROM payments WHERE refunded_ms >= %d"
                           " AND refunded_ms < %d" % (start, end)))
        rows.append([m[0], yuan(got_in), yuan(out), yuan(got_in - out) if got_in >= out else "-" + yuan(out - got_in)])
    t.eq(months, rows, "%s: money received, refunded and net per month equal the database's" % what)
    t.ok(sum(float(m[3]) for m in months) > 0 and any(m[2] != "0.00" for m in months),
         "%s: (with seeded payments and refunds in them)" % what)
    first = day_ms(days[0][0])
    pairs = site.sql("SELECT o.submitted_ms || '|' || ifnull(min(h.at_ms), '-') FROM orders o LEFT JOIN order_history h"
                     " ON h.order_id = o.id AND h.to_status IN ('approved', 'rejected') AND h.at_ms >= o.submitted_ms"
                     " WHERE o.status <> 'draft' AND o.submitted_ms >= %d AND o.submitted_ms < %d GROUP BY o.id"
                     % (first, day_ms(days[-1][0]) + 86400000)).split("\n")
    pairs = [p.split("|") for p in pairs if p]
    spans = sorted(int(e) - int(s) for s, e in pairs if e != "-")
    waiting = sum(1 for s, e in pairs if e == "-")
    avg = sum(spans) // len(spans) if spans else 0
    p90 = spans[(len(spans) * 9 + 9) // 10 - 1] if spans else 0
    got = [re.search(r'id="review-%s"[^>]*>(\d+)<' % k, r.text) for k in ("decided", "waiting")]
    ms = [re.search(r'id="review-%s" data-ms="(\d+)"' % k, r.text) for k in ("avg", "p90")]
    t.eq([g and int(g.group(1)) for g in got] + [m and int(m.group(1)) for m in ms], [len(spans), waiting, avg, p90],
         "%s: review times (decided, waiting, mean, 90th percentile) equal the database's" % what)
    t.ok(len(spans) > 10 and 0 < avg <= p90, "%s: (over real decisions)" % what, [len(spans), avg, p90])
    t.ok(re.search(r'id="review-avg"[^>]*>\d+(\.\d)? (小时|分钟)<', r.text), "%s: shown in hours or minutes" % what)


def read_csv(r):
    """The rows of a CSV answer (BOM checked and removed by the utf-8-sig codec)."""
    return list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"), newline="")))


def export(t, site, clock, boss, rev, fin, what):
    r = rev.get(ADMIN + "?view=export")
    t.eq(r.status, 403, "%s: a reviewer cannot export" % what)
    r = fin.get(ADMIN + "?view=export")
    t.ok(r.status == 200 and 'name="what"' in r.text and 'type="date"' in r.text, "%s: finance gets the export form" % what)
    end = today(clock)
    start = (datetime.date.fromisoformat(end) - datetime.timedelta(days=364)).isoformat()
    r = fin.get(ADMIN + "?view=export&what=orders&from=%s&to=%s" % (end, start))
    t.ok(r.status == 422 and "结束日期不能早于开始日期" in r.text, "%s: a reversed range gets 422 with the form" % what)
    r = fin.get(ADMIN + "?view=export&what=orders&from=2026-02-30&to=%s" % end)
    t.eq(r.status, 422, "%s: a day that does not exist is refused" % what)

    lo, hi = day_ms(start), day_ms(end) + 86400000
    victim = site.sql("SELECT id FROM orders WHERE subject = 'enterprise' AND status <> 'draft' AND submitted_ms >= %d"
                      " AND submitted_ms < %d AND legal_id_sealed IS NOT NULL LIMIT 1" % (lo, hi))
    hostile = '=HYPERLINK("http://evil"),"引号"\r\n第二行'
    site.sql("UPDATE orders SET org_name = '%s', agent_name = '-2+3', legal_name = '@SUM(1)' WHERE id = %s"
             % (hostile.replace("'", "''"), victim))
    boss.get(ADMIN + "?view=dashboard")	# the process warmed up: database open, templates read
    before = fcgi_hwm(site)
    c = Client(site.base, timeout=300)
    c.jar = dict(boss.jar)
    started = time.time()
    r = c.get(ADMIN + "?view=export&what=orders&from=%s&to=%s" % (start, end))
    took = time.time() - started
    after = fcgi_hwm(site)
    t.ok(r.status == 200 and r.header("Content-Type") == "text/csv; charset=utf-8",
         "%s: a year of orders answers text/csv" % what, r.summary(300))
    t.ok(re.match(r'attachment; filename="[^"]+"; filename\*=UTF-8\'\'%E4%B8%9A%E5%8A%A1%E5%8D%95_' + start,
                  r.header("Content-Disposition") or ""), "%s: as an attachment named after what and the range" % what,
         r.header("Content-Disposition"))
    t.ok(r.body.startswith(b"\xef\xbb\xbf") and r.body.endswith(b"\r\n"), "%s: with a BOM, CRLF line ends" % what)
    rows = read_csv(r)
    want = int(site.sql("SELECT count(*) FROM orders WHERE status <> 'draft' AND submitted_ms >= %d AND submitted_ms < %d"
                        % (lo, hi)))
    t.eq(len(rows) - 1, want, "%s: one row per order submitted in the year (%d)" % (what, want))
    t.ok(want > 15000, "%s: (a real year: over 15,000 orders)" % what, want)
    t.eq(rows[0][:3], ["业务单号", "提交时间", "状态"], "%s: a Chinese header row" % what)
    t.ok(all(re.fullmatch(r"\t\d{19}", row[0]) for row in rows[1:]), "%s: order numbers as text (a leading tab, 19 digits)" % what)
    mine = [row for row in rows[1:] if row[0] == "\t" + victim]
    t.ok(mine and mine[0][10] == "'" + hostile, "%s: comma, quotes, CR LF and a leading = survive, neutralised by '" % what,
         mine and mine[0][10])
    t.ok(mine and mine[0][14] == "'-2+3" and mine[0][12] == "'@SUM(1)", "%s: so do leading - and @" % what,
         mine and mine[0][12:15])
    ids = [row[i] for row in rows[1:] for i in (13, 16, 18) if row[i]]
    t.ok(ids and all(re.fullmatch(r"\d{3}\*+[\dX]{4}|\*+", v) for v in ids), "%s: ID numbers masked (%d)" % (what, len(ids)),
         [v for v in ids if not re.fullmatch(r"\d{3}\*+[\dX]{4}|\*+", v)][:5])
    t.ok(b"11010519491231002X" not in r.body, "%s: no full ID number anywhere in the file" % what)
    grown = max((after[p] - before[p] for p in before if p in after), default=None)
    name = "%s: streamed: the program's peak memory grew %s kB for a %d kB file" % (what, grown, len(r.body) // 1024)
    if "ASAN_OPTIONS" in os.environ:
        # AddressSanitizer keeps freed memory in quarantine: peaks measure it, not the program
        t.skip(name, "memory is measured in the plain build, not under AddressSanitizer")
    else:
        t.ok(before and set(after) == set(before) and grown < len(r.body) // 4096, name, [before, after])
    t.diag("%s: %d orders exported in %.1f s" % (what, want, took))
    t.eq(site.sql("SELECT actor || ' ' || outcome || ' ' || detail FROM audit WHERE action = 'export' ORDER BY id DESC LIMIT 1"),
         "boss ok orders %s..%s rows=%d" % (start, end, want), "%s: the export is audited: who, what, the range, rows" % what)

    for kind, col, when in (("payments", "created_ms", "status IN ('claimed', 'received', 'declined', 'duplicate', 'refunded')"),
                            ("invoices", "requested_ms", "1")):
        r = fin.get(ADMIN + "?view=export&what=%s&from=%s&to=%s" % (kind, start, end))
        rows = read_csv(r)
        want = int(site.sql("SELECT count(*) FROM %s WHERE %s AND %s >= %d AND %s < %d" % (kind, when, col, lo, col, hi)))
        t.ok(r.status == 200 and len(rows) - 1 == want and want > 100,
             "%s: finance exports the year's %s (%d rows)" % (what, kind, want), r.summary(300))
        t.ok(all(re.fullmatch(r"\t\d{19}", row[1]) for row in rows[1:]), "%s: with their order numbers as text" % what)


def scenario(t, site, what):
    started = time.time()
    # short transactions: the programs the server spawns meanwhile open the database unhindered
    r = site.admin("seed-demo", "--users", "2000", "--orders", str(SEED_ORDERS), "--batch", "500")
    t.eq(r.returncode, 0, "%s: seed-demo of %d orders over three years" % (what, SEED_ORDERS), r.stderr[-400:])
    t.diag("%s: seeded in %.0f s" % (what, time.time() - started))
    clock, secrets, staff = [0], {}, {}
    for login, role, pw in (("rev1", "reviewer", "Review2024x"), ("fin1", "finance", "Finance2024x"),
                            ("boss", "admin", "Admin2024xx")):
        t.eq(site.admin("staff-add", login, role, input=pw + "\n").returncode, 0, "%s: staff-add %s" % (what, login))
        staff[login] = sign_in(t, site, clock, login, pw, "%s: %s" % (what, role), secrets)
    if not all(staff.values()):
        return
    args = (t, site, clock, staff["boss"], staff["rev1"], staff["fin1"], what)
    prices(*args)
    dashboard(*args)
    export(*args)


def run(server):
    run_scenario(scenario, server)
