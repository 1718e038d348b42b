<?cs # templates/admin/audit.cs: the audit log for admins (who, when, from where, what, which order, outcome) ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title">审计日志</h1>
  <section class="panel">
    <form class="filter-bar" method="get" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="view" value="audit">
      <label class="filter-item"><span>筛选</span>
        <input class="input" type="search" name="q" value="<?cs var:Form.q ?>" placeholder="操作人 / 操作 / IP地址 / 业务单号 / 结果"></label>
      <button type="submit" class="btn btn-primary">查询</button>
    </form>
    <p class="muted">最近 200 条记录，最新在前。审计日志只增不改，保存不少于6个月。</p>
    <div class="table-wrap">
      <table class="table">
        <thead><tr><th scope="col">时间</th><th scope="col">类别</th><th scope="col">操作人</th><th scope="col">IP地址</th><th scope="col">操作</th><th scope="col">业务单号</th><th scope="col">结果</th><th scope="col">说明</th></tr></thead>
        <tbody><?cs each:a = Audit ?><?cs if:a.At ?>
          <tr>
            <td class="nowrap"><?cs var:a.At ?></td>
            <td><?cs var:a.Realm ?></td>
            <td><?cs var:a.Actor ?></td>
            <td class="nowrap"><?cs var:a.Addr ?></td>
            <td><?cs var:a.Action ?></td>
            <td class="mono"><?cs var:a.Order ?></td>
            <td><span class="audit-<?cs var:a.Outcome ?>"><?cs var:a.Outcome ?></span></td>
            <td><?cs var:a.Detail ?></td>
          </tr><?cs /if ?><?cs /each ?>
        </tbody>
      </table>
    </div>
  </section>
  <section class="panel" id="refusals">
    <h2 class="panel-title">未登录请求的拒绝统计</h2>
    <p class="muted">同一IP地址每小时、每类拒绝只有前 3 次逐条记入审计日志（伪造的支付宝通知只保存前 3 份原文），其余只计次数。最近 100 条，最新在前。</p>
    <div class="table-wrap">
      <table class="table">
        <thead><tr><th scope="col">小时</th><th scope="col">IP地址</th><th scope="col">操作</th><th scope="col">原因</th><th scope="col">次数</th><th scope="col">最近一次</th></tr></thead>
        <tbody><?cs each:f = Refusals ?><?cs if:f.Hour ?>
          <tr>
            <td class="nowrap"><?cs var:f.Hour ?></td>
            <td class="nowrap"><?cs var:f.Addr ?></td>
            <td><?cs var:f.Action ?></td>
            <td><?cs var:f.Reason ?></td>
            <td class="mono"><?cs var:f.Times ?></td>
            <td class="nowrap"><?cs var:f.Last ?></td>
          </tr><?cs /if ?><?cs /each ?>
        </tbody>
      </table>
    </div>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
