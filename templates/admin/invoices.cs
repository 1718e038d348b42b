<?cs # templates/admin/invoices.cs: 开票管理 for finance: the requests to issue (oldest first), then the issued and rejected ones ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title">开票管理</h1>
  <section class="panel" aria-labelledby="pending-title">
    <h2 class="panel-title" id="pending-title">待开票</h2><?cs if:Pending.0.Id ?>
    <div class="table-wrap">
      <table class="table" id="pending">
        <thead>
          <tr><th scope="col">申请时间</th><th scope="col">业务单号</th><th scope="col">发票类型</th><th scope="col">发票抬头</th><th scope="col">纳税人识别号</th><th scope="col" class="num">金额(元)</th><th scope="col">接收邮箱</th><th scope="col" class="act">操作</th></tr>
        </thead>
        <tbody><?cs each:i = Pending ?>
          <tr>
            <td class="nowrap"><?cs var:i.Requested ?></td>
            <td class="mono"><?cs var:i.Order ?></td>
            <td class="nowrap"><?cs var:i.Type ?></td>
            <td><?cs var:i.Name ?></td>
            <td class="mono"><?cs var:i.TaxId ?></td>
            <td class="num"><?cs var:i.Amount ?></td>
            <td><?cs var:i.Email ?></td>
            <td class="act"><a href="/cgi-bin/admin.fcgi?invoice=<?cs var:url_escape(i.Id) ?>">开具</a></td>
          </tr><?cs /each ?>
        </tbody>
      </table>
    </div><?cs else ?>
    <p class="empty">没有待开票的申请。</p><?cs /if ?>
  </section>

  <section class="panel" aria-labelledby="done-title">
    <h2 class="panel-title" id="done-title">已处理</h2>
    <form class="filter-bar" method="get" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="view" value="invoices">
      <label class="filter-item"><span>状态</span>
        <select class="input" name="status">
          <option value="">全部</option>
          <option value="issued"<?cs if:Filter.Status == "issued" ?> selected<?cs /if ?>>已开票</option>
          <option value="rejected"<?cs if:Filter.Status == "rejected" ?> selected<?cs /if ?>>已驳回</option>
        </select></label>
      <button type="submit" class="btn btn-default">筛选</button>
    </form><?cs if:Done.0.Id ?>
    <div class="table-wrap">
      <table class="table" id="done">
        <thead>
          <tr><th scope="col">处理时间</th><th scope="col">业务单号</th><th scope="col">发票类型</th><th scope="col">发票抬头</th><th scope="col" class="num">金额(元)</th><th scope="col">状态</th><th scope="col">发票号码 / 驳回原因</th><th scope="col" class="act">操作</th></tr>
        </thead>
        <tbody><?cs each:i = Done ?>
          <tr>
            <td class="nowrap"><?cs var:i.Decided ?></td>
            <td class="mono"><?cs var:i.Order ?></td>
            <td class="nowrap"><?cs var:i.Type ?></td>
            <td><?cs var:i.Name ?></td>
            <td class="num"><?cs var:i.Amount ?></td>
            <td><span class="inv inv-<?cs var:i.StatusCode ?>"><?cs var:i.Status ?></span></td>
            <td><?cs if:i.Number ?><span class="mono"><?cs var:i.Number ?></span><?cs else ?><?cs var:i.Reason ?><?cs /if ?></td>
            <td class="act"><a href="/cgi-bin/admin.fcgi?invoice=<?cs var:url_escape(i.Id) ?>">查看</a></td>
          </tr><?cs /each ?>
        </tbody>
      </table>
    </div>
    <p class="muted">第 <?cs var:Pager.Page ?><?cs if:Pager.Total <= 1000 ?> / <?cs var:Pager.Pages ?><?cs /if ?> 页<?cs if:Pager.Page > 1 ?>　<a href="/cgi-bin/admin.fcgi?view=invoices&amp;status=<?cs var:url_escape(Filter.Status) ?>&amp;p=<?cs var:Pager.Page - 1 ?>">上一页</a><?cs /if ?><?cs if:Pager.Page < Pager.Pages ?>　<a href="/cgi-bin/admin.fcgi?view=invoices&amp;status=<?cs var:url_escape(Filter.Status) ?>&amp;p=<?cs var:Pager.Page + 1 ?>">下一页</a><?cs /if ?></p><?cs else ?>
    <p class="empty">没有已处理的开票申请。</p><?cs /if ?>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
