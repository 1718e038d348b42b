<?cs # templates/admin/dashboard.cs: 运营统计 for admins: orders per day and per status, revenue per month as server-drawn SVG bar charts, each with its numbers in a table, and the review times ?><?cs
# A bar chart laid out by lib/svgchart.c (c), titled by the element id-title. ?><?cs
def:bar_chart(c, id, title) ?>
      <svg class="chart" viewBox="0 0 <?cs var:c.Width ?> <?cs var:c.Height ?>" role="img" aria-labelledby="<?cs var:id ?>-svg-title" preserveAspectRatio="xMidYMid meet">
        <title id="<?cs var:id ?>-svg-title"><?cs var:title ?></title><?cs each:k = c.Ticks ?>
        <line x1="<?cs var:c.Left ?>" x2="<?cs var:c.Right ?>" y1="<?cs var:k.Y ?>" y2="<?cs var:k.Y ?>" stroke="#dde3ea" stroke-width="1"/>
        <text x="<?cs var:c.TickX ?>" y="<?cs var:k.Y ?>" dy="4" text-anchor="end" font-size="12" fill="#6b7685"><?cs var:k.Label ?></text><?cs /each ?><?cs each:b = c.Bars ?>
        <rect x="<?cs var:b.X ?>" y="<?cs var:b.Y ?>" width="<?cs var:b.W ?>" height="<?cs var:b.H ?>" fill="#0b4ea2"><title><?cs var:b.Label ?>：<?cs var:b.Text ?></title></rect><?cs if:b.LabelShown ?>
        <text x="<?cs var:b.TextX ?>" y="<?cs var:c.LabelY ?>" text-anchor="middle" font-size="12" fill="#4b5868"><?cs var:b.Label ?></text><?cs /if ?><?cs /each ?>
        <line x1="<?cs var:c.Left ?>" x2="<?cs var:c.Right ?>" y1="<?cs var:c.Bottom ?>" y2="<?cs var:c.Bottom ?>" stroke="#4b5868" stroke-width="1"/>
      </svg><?cs
/def ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title">运营统计</h1>
  <p class="muted">统计时间：<?cs var:Dashboard.At ?>（按本站时区计日、计月）。</p>
  <section class="panel" aria-labelledby="days-title">
    <h2 class="panel-title" id="days-title">近30天每日提交业务单数</h2>
    <div class="chart-pair">
      <figure class="chart-figure"><?cs call:bar_chart(DaysChart, "days", "近30天每日提交业务单数（柱状图）") ?>
        <figcaption class="muted">按最近一次提交的日期计数，不含未提交的草稿。</figcaption>
      </figure>
      <div class="table-wrap chart-table">
        <table class="table" id="days-table">
          <caption class="sr-only">近30天每日提交业务单数</caption>
          <thead><tr><th scope="col">日期</th><th scope="col" class="num">业务单数</th></tr></thead>
          <tbody><?cs each:d = Days ?>
            <tr><th scope="row" class="nowrap"><?cs var:d.Day ?></th><td class="num"><?cs var:d.Orders ?></td></tr><?cs /each ?>
          </tbody>
        </table>
      </div>
    </div>
  </section>
  <section class="panel" aria-labelledby="status-title">
    <h2 class="panel-title" id="status-title">各状态业务单数</h2>
    <div class="chart-pair">
      <figure class="chart-figure"><?cs call:bar_chart(StatusChart, "status", "各状态业务单数（柱状图）") ?>
        <figcaption class="muted">当前处于各状态的已提交业务单数。</figcaption>
      </figure>
      <div class="table-wrap chart-table">
        <table class="table" id="status-table">
          <caption class="sr-only">各状态业务单数</caption>
          <thead><tr><th scope="col">状态</th><th scope="col" class="num">业务单数</th></tr></thead>
          <tbody><?cs each:s = Statuses ?>
            <tr id="status-<?cs var:s.Status ?>"><th scope="row"><?cs var:s.Label ?></th><td class="num"><?cs var:s.Count ?></td></tr><?cs /each ?>
          </tbody>
        </table>
      </div>
    </div>
  </section>
  <section class="panel" aria-labelledby="money-title">
    <h2 class="panel-title" id="money-title">近12个月收入（元）</h2>
    <div class="chart-pair">
      <figure class="chart-figure"><?cs call:bar_chart(MoneyChart, "money", "近12个月净收入（元，柱状图）") ?>
        <figcaption class="muted">净收入 = 当月到账金额（支付宝到账及已确认的对公转账，按登记时间计入当月，含其后退还的款项）− 当月退款金额（按退款时间计入当月）。柱状图为净收入，净收入为负的月份按0绘制。</figcaption>
      </figure>
      <div class="table-wrap chart-table">
        <table class="table" id="money-table">
          <caption class="sr-only">近12个月收入（元）</caption>
          <thead><tr><th scope="col">月份</th><th scope="col" class="num">到账</th><th scope="col" class="num">退款</th><th scope="col" class="num">净收入</th></tr></thead>
          <tbody><?cs each:m = Months ?>
            <tr><th scope="row" class="nowrap"><?cs var:m.Month ?></th><td class="num"><?cs var:m.Received ?></td><td class="num"><?cs var:m.Refunded ?></td><td class="num"><?cs var:m.Net ?></td></tr><?cs /each ?>
          </tbody>
        </table>
      </div>
    </div>
  </section>
  <section class="panel" aria-labelledby="review-title">
    <h2 class="panel-title" id="review-title">审核时长（近30天提交的业务单）</h2>
    <div class="table-wrap">
      <table class="table" id="review-table">
        <thead><tr><th scope="col">已审核（通过或不通过）</th><th scope="col">尚未审核</th><th scope="col">平均审核时长</th><th scope="col">90%的业务单在此时长内审核完毕</th></tr></thead>
        <tbody>
          <tr><td class="num" id="review-decided"><?cs var:Review.Decided ?></td><td class="num" id="review-waiting"><?cs var:Review.Waiting ?></td><td class="num" id="review-avg" data-ms="<?cs var:Review.AvgMs ?>"><?cs if:Review.Decided > 0 ?><?cs var:Review.Avg ?><?cs else ?>—<?cs /if ?></td><td class="num" id="review-p90" data-ms="<?cs var:Review.P90Ms ?>"><?cs if:Review.Decided > 0 ?><?cs var:Review.P90 ?><?cs else ?>—<?cs /if ?></td></tr>
        </tbody>
      </table>
    </div>
    <p class="muted">审核时长自业务单最近一次提交起，至其后首次审核通过或不通过止（按自然时间计）。</p>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
