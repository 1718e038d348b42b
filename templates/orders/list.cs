<?cs # templates/orders/list.cs: 业务单管理: the applicant's orders in the manual's table (序号 … 操作, with 确认收货 for shipped orders), with the status filter, search by order number and the pager ?>
<?cs include:"layout/header.cs" ?>
  <div class="page-head">
    <h1 class="page-title" id="page-title">业务单管理</h1>
    <p class="page-head-actions"><a class="btn btn-primary" href="/cgi-bin/apply.fcgi">证书新办</a><a class="btn btn-default" href="/cgi-bin/renew.fcgi">证书续费</a></p>
  </div>
  <section class="panel orders" aria-labelledby="page-title">
    <form class="order-filter" method="get" action="/cgi-bin/orders.fcgi" role="search" aria-label="查询业务单">
      <div class="filter-item<?cs if:Errors.status ?> has-error<?cs /if ?>">
        <label class="filter-label" for="f-status">业务单状态</label>
        <select id="f-status" name="status" class="input input-select<?cs if:Errors.status ?> is-invalid<?cs /if ?>"<?cs if:Errors.status ?> aria-invalid="true" aria-describedby="e-status"<?cs /if ?>>
          <option value="">全部</option><?cs each:s = Statuses ?>
          <option value="<?cs var:s.Value ?>"<?cs if:s.Value == Form.status ?> selected<?cs /if ?>><?cs var:s.Label ?></option><?cs /each ?>
        </select><?cs if:Errors.status ?>
        <p class="field-error" id="e-status"><?cs var:Errors.status ?></p><?cs /if ?>
      </div>
      <div class="filter-item filter-number<?cs if:Errors.q ?> has-error<?cs /if ?>">
        <label class="filter-label" for="f-q">业务单号</label>
        <input id="f-q" name="q" type="text" inputmode="numeric" maxlength="19" autocomplete="off" placeholder="请输入19位业务单号" value="<?cs var:Form.q ?>" class="input<?cs if:Errors.q ?> is-invalid<?cs /if ?>"<?cs if:Errors.q ?> aria-invalid="true" aria-describedby="e-q"<?cs /if ?>><?cs if:Errors.q ?>
        <p class="field-error" id="e-q"><?cs var:Errors.q ?></p><?cs /if ?>
      </div>
      <div class="filter-actions">
        <button type="submit" class="btn btn-primary">查询</button>
        <a class="btn btn-default" href="/cgi-bin/orders.fcgi">重置</a>
      </div>
    </form>
<?cs if:Pager.Total > 0 ?>
    <p class="result-bar"><?cs if:Filter.Number ?>业务单号 <span class="mono"><?cs var:Filter.Number ?></span> 的查询结果<?cs elif:Filter.StatusLabel ?>业务单状态为“<?cs var:Filter.StatusLabel ?>”的业务单<?cs else ?>全部业务单<?cs /if ?>，共 <strong><?cs var:Pager.Total ?></strong> 条</p>
    <div class="table-wrap">
      <table class="table table-stack order-table">
        <thead>
          <tr><th scope="col" class="col-no">序号</th><th scope="col">业务单号</th><th scope="col">业务类型</th><th scope="col">申请类型</th><th scope="col">证书类型</th><th scope="col" class="num">申请年限(年)</th><th scope="col" class="num">金额(元)</th><th scope="col">业务单状态</th><th scope="col">支付状态</th><th scope="col" class="act">操作</th></tr>
        </thead>
        <tbody><?cs each:o = Orders ?>
          <tr>
            <td data-label="序号" class="col-no"><?cs var:o.No ?></td>
            <td data-label="业务单号" class="mono nowrap"><?cs var:o.Id ?></td>
            <td data-label="业务类型" class="nowrap"><?cs var:o.SubjectLabel ?></td>
            <td data-label="申请类型" class="nowrap"><?cs var:o.KindLabel ?></td>
            <td data-label="证书类型" class="nowrap"><?cs var:o.CertType ?></td>
            <td data-label="申请年限(年)" class="num"><?cs var:o.Years ?></td>
            <td data-label="金额(元)" class="num money"><?cs var:o.AmountYuan ?></td>
            <td data-label="业务单状态" class="nowrap"><span class="st st-<?cs var:o.Status ?>"><?cs var:o.StatusLabel ?></span></td>
            <td data-label="支付状态" class="nowrap"><span class="pay pay-<?cs var:o.PayStatus ?>"><?cs var:o.PayStatusLabel ?></span></td>
            <td data-label="操作" class="act"><span class="ops"><a class="op" href="/cgi-bin/orders.fcgi?order=<?cs var:o.Id ?>">查看</a><?cs
              if:o.CanEdit ?><a class="op" href="/cgi-bin/apply.fcgi?order=<?cs var:o.Id ?>">编辑</a><?cs /if ?><?cs
              if:o.Rejected ?><a class="op op-warn" href="/cgi-bin/orders.fcgi?order=<?cs var:o.Id ?>#review">查看审核结果</a><?cs /if ?><?cs
              if:o.CanPay ?><a class="op op-strong" href="/cgi-bin/pay.fcgi?order=<?cs var:o.Id ?>">支付</a><?cs /if ?><?cs
              if:o.InvoiceState == "issued" ?><a class="op inv inv-issued" href="/cgi-bin/invoice.fcgi?invoice=<?cs var:o.InvoiceId ?>&amp;download=1" title="下载发票">已开票</a><?cs
              elif:o.InvoiceState == "rejected" ?><a class="op inv inv-rejected" href="/cgi-bin/orders.fcgi?order=<?cs var:o.Id ?>#invoice" title="查看驳回原因">已驳回</a><?cs
               if:o.CanInvoice ?><a class="op" href="/cgi-bin/invoice.fcgi?order=<?cs var:o.Id ?>">重新申请</a><?cs /if ?><?cs
              elif:o.InvoiceLabel ?><span class="op-state inv inv-<?cs var:o.InvoiceState ?>"><?cs var:o.InvoiceLabel ?></span><?cs
              elif:o.CanInvoice ?><a class="op" href="/cgi-bin/invoice.fcgi?order=<?cs var:o.Id ?>">开票申请</a><?cs /if ?><?cs
              if:o.CanCancel ?><a class="op op-danger" href="/cgi-bin/orders.fcgi?order=<?cs var:o.Id ?>&amp;page=cancel">取消</a><?cs /if ?><?cs
              if:o.CanReceive ?><form class="op-form" method="post" action="/cgi-bin/orders.fcgi"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><input type="hidden" name="order" value="<?cs var:o.Id ?>"><button type="submit" name="action" value="receive" class="op op-strong">确认收货</button></form><?cs /if ?></span></td>
          </tr><?cs /each ?>
        </tbody>
      </table>
    </div>
    <nav class="pager" aria-label="分页">
      <span class="pager-info">共 <?cs var:Pager.Total ?> 条，第 <?cs var:Pager.Page ?> / <?cs var:Pager.Pages ?> 页</span>
      <span class="pager-links"><?cs if:Pager.Prev ?><a class="btn btn-small btn-default" href="/cgi-bin/orders.fcgi?p=<?cs var:Pager.Prev ?><?cs var:Pager.Query ?>" rel="prev">上一页</a><?cs else ?><span class="btn btn-small btn-default is-disabled" aria-disabled="true">上一页</span><?cs /if ?><?cs
      if:Pager.Next ?><a class="btn btn-small btn-default" href="/cgi-bin/orders.fcgi?p=<?cs var:Pager.Next ?><?cs var:Pager.Query ?>" rel="next">下一页</a><?cs else ?><span class="btn btn-small btn-default is-disabled" aria-disabled="true">下一页</span><?cs /if ?></span>
    </nav>
<?cs elif:Filter.Number ?>
    <div class="empty-state">
      <p class="empty-title">未找到该业务单</p>
      <p class="muted">没有找到业务单号为 <span class="mono"><?cs var:Filter.Number ?></span> 的业务单<?cs if:Filter.StatusLabel ?>（状态“<?cs var:Filter.StatusLabel ?>”）<?cs /if ?>。请核对业务单号；本页只能查询本账号提交的业务单。</p>
      <p><a class="btn btn-default" href="/cgi-bin/orders.fcgi">查看全部业务单</a></p>
    </div>
<?cs elif:Filter.StatusLabel ?>
    <div class="empty-state">
      <p class="empty-title">没有状态为“<?cs var:Filter.StatusLabel ?>”的业务单</p>
      <p><a class="btn btn-default" href="/cgi-bin/orders.fcgi">查看全部业务单</a></p>
    </div>
<?cs else ?>
    <div class="empty-state">
      <p class="empty-title">您还没有业务单</p>
      <p class="muted">办理 CFCA 数字证书，请先在线填写申请表、上传材料并提交，提交后可在本页查看办理进度。</p>
      <p class="empty-actions"><a class="btn btn-primary" href="/cgi-bin/apply.fcgi">证书新办</a><a class="btn btn-default" href="/cgi-bin/renew.fcgi">证书续费</a></p>
    </div>
<?cs /if ?>
    <div class="note">
      <p>温馨提示：业务单状态为“未提交”“待审核”或“审核不通过”时，可点击“编辑”修改申请内容；审核不通过的业务单，可点击“查看审核结果”查看原因，修改后重新提交。证书寄出后，收到证书可点击“确认收货”。所有审核结果和寄出、领取通知都会以短信发送给经办人（个人证书通知申请人本人）。</p>
    </div>
  </section>
<?cs include:"layout/footer.cs" ?>
