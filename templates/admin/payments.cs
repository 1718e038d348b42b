<?cs # templates/admin/payments.cs: 支付管理 for finance: transfer claims to confirm, money to refund (待退款) with its cause, every payment (one row each, with the Alipay trade number), and the bank statement import ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title">支付管理</h1>
  <section class="panel" aria-labelledby="claims-title">
    <h2 class="panel-title" id="claims-title">待确认的对公转账</h2><?cs if:Claims.0.Id ?>
    <div class="table-wrap">
      <table class="table" id="claims">
        <thead>
          <tr><th scope="col">业务单号</th><th scope="col">单位 / 申请人</th><th scope="col">附言码</th><th scope="col" class="num">金额(元)</th><th scope="col">付款账户</th><th scope="col">转账日期</th><th scope="col">提交时间</th><th scope="col" class="act">操作</th></tr>
        </thead>
        <tbody><?cs each:c = Claims ?>
          <tr>
            <td class="mono"><?cs var:c.Order ?></td>
            <td><?cs var:c.Name ?></td>
            <td class="mono"><?cs var:c.Code ?></td>
            <td class="num"><?cs var:c.Amount ?></td>
            <td><?cs var:c.Payer ?></td>
            <td class="nowrap"><?cs var:c.PaidOn ?></td>
            <td class="nowrap"><?cs var:c.At ?></td>
            <td class="act"><a href="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(c.Order) ?>#payments">核对</a><?cs if:c.Slip ?> · <a href="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(c.Order) ?>&amp;slip=<?cs var:url_escape(c.Slip) ?>" target="_blank" rel="noopener">回单</a><?cs /if ?></td>
          </tr><?cs /each ?>
        </tbody>
      </table>
    </div><?cs else ?>
    <p class="empty">没有待确认的转账。</p><?cs /if ?>
  </section>

  <section class="panel" aria-labelledby="refunds-title">
    <h2 class="panel-title" id="refunds-title">待退款<?cs if:ToRefundTotal > 0 ?>（<?cs var:ToRefundTotal ?> 笔）<?cs /if ?></h2><?cs if:ToRefund.0.Id ?>
    <p class="panel-lead">以下款项已到账，但不能用于支付其业务单（交易已失效、金额不符、业务单已取消或重复支付），请原路退回后在业务单页面登记退款。</p>
    <div class="table-wrap">
      <table class="table" id="to-refund">
        <thead>
          <tr><th scope="col">业务单号</th><th scope="col">单位 / 申请人</th><th scope="col">方式</th><th scope="col" class="num">金额(元)</th><th scope="col">退款原因</th><th scope="col">支付宝交易号 / 付款账户</th><th scope="col">到账时间</th><th scope="col" class="act">操作</th></tr>
        </thead>
        <tbody><?cs each:p = ToRefund ?>
          <tr>
            <td class="mono"><?cs var:p.Order ?></td>
            <td><?cs var:p.Name ?></td>
            <td class="nowrap"><?cs var:p.Method ?></td>
            <td class="num"><?cs var:p.Amount ?></td>
            <td><strong class="refund-cause"><?cs var:p.Cause ?></strong></td>
            <td><?cs if:p.TradeNo ?><span class="mono"><?cs var:p.TradeNo ?></span><?cs else ?><?cs var:p.Payer ?><?cs /if ?></td>
            <td class="nowrap"><?cs var:p.At ?></td>
            <td class="act"><a href="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(p.Order) ?>#payments">退款</a></td>
          </tr><?cs /each ?>
        </tbody>
      </table>
    </div><?cs else ?>
    <p class="empty">没有待退款的款项。</p><?cs /if ?>
  </section>

  <section class="panel" aria-labelledby="statement-title">
    <h2 class="panel-title" id="statement-title">导入银行流水</h2>
    <p class="panel-lead">上传网银导出的流水（CSV，UTF-8 或 GBK 编码均可），系统按附言码和金额匹配业务单，预览核对后再入账。</p>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi/statement_upload" enctype="multipart/form-data">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="action" value="statement_upload">
      <div class="field<?cs if:Errors.file ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-file">流水文件</label>
        <div class="field-body">
          <input id="f-file" name="file" type="file" accept=".csv,text/csv" class="input-file<?cs if:Errors.file ?> is-invalid<?cs /if ?>"<?cs if:Errors.file ?> aria-invalid="true" aria-describedby="e-file"<?cs /if ?>><?cs call:field_msgs("file", "") ?>
        </div>
      </div>
      <div class="form-actions"><button type="submit" class="btn btn-primary">上传并预览</button></div>
    </form>
  </section>

  <section class="panel" aria-labelledby="all-title">
    <h2 class="panel-title" id="all-title">支付记录</h2>
<?cs if:All.0.Id ?>
    <p class="muted">共 <strong><?cs if:Pager.Total > 1000 ?>1000+<?cs else ?><?cs var:Pager.Total ?><?cs /if ?></strong> 笔，最新的在前</p>
    <div class="table-wrap">
      <table class="table" id="payments">
        <thead>
          <tr><th scope="col">业务单号</th><th scope="col">单位 / 申请人</th><th scope="col">方式</th><th scope="col" class="num">金额(元)</th><th scope="col">状态</th><th scope="col">支付宝交易号 / 付款账户</th><th scope="col">时间</th><th scope="col" class="act">操作</th></tr>
        </thead>
        <tbody><?cs each:p = All ?>
          <tr>
            <td class="mono"><?cs var:p.Order ?></td>
            <td><?cs var:p.Name ?></td>
            <td class="nowrap"><?cs var:p.Method ?></td>
            <td class="num"><?cs var:p.Amount ?></td>
            <td><span class="pay pay-<?cs var:p.StatusCode ?>"><?cs var:p.Status ?></span><?cs if:p.Cause ?><br><span class="refund-cause"><?cs var:p.Cause ?></span><?cs /if ?></td>
            <td><?cs if:p.TradeNo ?><span class="mono"><?cs var:p.TradeNo ?></span><?cs else ?><?cs var:p.Payer ?><?cs /if ?></td>
            <td class="nowrap"><?cs var:p.At ?></td>
            <td class="act"><a href="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(p.Order) ?>#payments">查看</a></td>
          </tr><?cs /each ?>
        </tbody>
      </table>
    </div>
    <p class="muted">第 <?cs var:Pager.Page ?><?cs if:Pager.Total <= 1000 ?> / <?cs var:Pager.Pages ?><?cs /if ?> 页<?cs if:Pager.Page > 1 ?>　<a href="/cgi-bin/admin.fcgi?view=payments&amp;p=<?cs var:Pager.Page - 1 ?>">上一页</a><?cs /if ?><?cs if:Pager.Page < Pager.Pages ?>　<a href="/cgi-bin/admin.fcgi?view=payments&amp;p=<?cs var:Pager.Page + 1 ?>">下一页</a><?cs /if ?></p><?cs else ?>
    <p class="empty">还没有支付记录。</p><?cs /if ?>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
