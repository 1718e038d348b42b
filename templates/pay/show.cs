<?cs # templates/pay/show.cs: 订单支付: the amount due, the Alipay QR code (the page refreshes itself while it waits), 对公转账 with the transfer reference code and the 我已支付 claim, and the payments so far ?>
<?cs set:Layout.Crumb = "orders" ?><?cs include:"layout/header.cs" ?>
  <h1 class="page-title" id="page-title">订单支付</h1>
<?cs call:steps(5) ?>
  <section class="panel" aria-labelledby="due-title">
    <h2 class="panel-title" id="due-title">应付金额</h2>
    <dl class="kv">
      <dt>业务单号</dt><dd><?cs var:Order.Id ?></dd>
      <dt>业务类型</dt><dd><?cs var:Order.SubjectLabel ?> · <?cs var:Order.KindLabel ?> · <?cs var:Order.CertType ?></dd>
      <dt>业务单状态</dt><dd><?cs var:Order.StatusLabel ?></dd>
      <dt>支付状态</dt><dd><span class="pay pay-<?cs var:Order.PayStatus ?>" id="pay-status"><?cs var:Order.PayStatusLabel ?></span></dd>
      <dt>应付金额</dt><dd class="amount"><strong><?cs var:Order.AmountYuan ?></strong> 元</dd>
    </dl>
  </section><?cs
if:Pay.State == "paid" ?>
  <section class="panel pay-result" aria-labelledby="paid-title">
    <h2 class="panel-title pay-done" id="paid-title">已支付</h2>
    <p class="panel-lead"><?cs if:Order.Status == "pending" ?>款项已到账。审核通过后即进入制证环节，审核结果将以短信通知<?cs if:Order.subject == "personal" ?>您<?cs else ?>经办人<?cs /if ?>。<?cs
    elif:Order.Status == "approved" || Order.Status == "producing" ?>款项已到账，业务单已进入制证环节。<?cs
    else ?>款项已到账。<?cs /if ?></p>
  </section><?cs
elif:Pay.State == "refunded" ?>
  <section class="panel pay-result" aria-labelledby="refund-title">
    <h2 class="panel-title" id="refund-title">已退款</h2>
    <p class="panel-lead">本业务单的款项已原路退回，如有疑问请联系受理点服务大厅。</p>
  </section><?cs
elif:Pay.State == "closed" ?>
  <section class="panel pay-result" aria-labelledby="closed-title">
    <h2 class="panel-title" id="closed-title">暂不能支付</h2>
    <p class="panel-lead">业务单状态为“<?cs var:Order.StatusLabel ?>”，当前不能支付。<?cs
    if:Order.Status == "rejected" ?>请按审核意见修改后重新提交，提交后即可支付。<?cs /if ?></p>
  </section><?cs
else ?>
  <nav class="tabs" aria-label="支付方式"><?cs
 if:Pay.AlipayOff ?>
    <a class="tab<?cs if:Pay.State == "transfer" ?> is-current<?cs /if ?>" href="/cgi-bin/pay.fcgi?order=<?cs var:Order.Id ?>&amp;method=transfer"<?cs if:Pay.State == "transfer" ?> aria-current="page"<?cs /if ?>>对公转账</a>
    <a class="tab<?cs if:Pay.State == "alipay" ?> is-current<?cs /if ?>" href="/cgi-bin/pay.fcgi?order=<?cs var:Order.Id ?>&amp;method=alipay"<?cs if:Pay.State == "alipay" ?> aria-current="page"<?cs /if ?>>支付宝扫码支付（未开通）</a><?cs
 else ?>
    <a class="tab<?cs if:Pay.State == "alipay" ?> is-current<?cs /if ?>" href="/cgi-bin/pay.fcgi?order=<?cs var:Order.Id ?>&amp;method=alipay"<?cs if:Pay.State == "alipay" ?> aria-current="page"<?cs /if ?>>支付宝扫码支付</a>
    <a class="tab<?cs if:Pay.State == "transfer" ?> is-current<?cs /if ?>" href="/cgi-bin/pay.fcgi?order=<?cs var:Order.Id ?>&amp;method=transfer"<?cs if:Pay.State == "transfer" ?> aria-current="page"<?cs /if ?>>对公转账</a><?cs
 /if ?>
  </nav><?cs
 if:Pay.State == "alipay" ?>
  <section class="panel" aria-labelledby="alipay-title">
    <h2 class="panel-title" id="alipay-title">支付宝扫码支付</h2><?cs
  if:Pay.TransferWaiting ?>
    <p class="alert alert-info" role="status">您已提交对公转账信息，正在等待财务确认。如已转账，请勿重复支付。</p><?cs /if ?><?cs
  if:Alipay.Trade ?>
    <div class="pay-qr">
      <img class="qr-image" id="alipay-qr" src="/cgi-bin/pay.fcgi?page=qr&amp;order=<?cs var:Order.Id ?>&amp;t=<?cs var:url_escape(Alipay.Trade) ?>" alt="支付宝付款二维码">
      <div class="pay-qr-text">
        <p>请使用<strong>支付宝</strong>“扫一扫”扫描二维码付款，金额 <strong class="amount"><?cs var:Order.AmountYuan ?></strong> 元。</p><?cs
        if:Alipay.Link ?>
        <p class="pay-on-phone">在手机上浏览本页时，可<a href="<?cs var:Alipay.Link ?>" rel="noopener">直接打开支付宝付款</a>。</p><?cs /if ?>
        <p class="muted">二维码有效期至 <?cs var:Alipay.Expires ?>，过期后本页将自动生成新的二维码。</p>
        <p class="muted" role="status"><?cs if:Alipay.Claimed ?>正在确认支付结果……<?cs else ?>等待付款……<?cs /if ?>本页每 <?cs var:Page.Refresh ?> 秒自动刷新，付款成功后将显示“已支付”。</p>
        <form method="post" action="/cgi-bin/pay.fcgi" class="inline-form">
          <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
          <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
          <input type="hidden" name="method" value="alipay">
          <button type="submit" name="action" value="claim" class="btn btn-primary">我已支付</button>
        </form>
      </div>
    </div><?cs
  elif:Alipay.Unavailable == "off" ?>
    <p class="panel-lead">本受理点暂未开通支付宝支付，请使用<a href="/cgi-bin/pay.fcgi?order=<?cs var:Order.Id ?>&amp;method=transfer">对公转账</a>。</p><?cs
  else ?>
    <p class="panel-lead">暂时无法生成支付宝付款二维码，请稍后<a href="/cgi-bin/pay.fcgi?order=<?cs var:Order.Id ?>">刷新本页</a>，或使用<a href="/cgi-bin/pay.fcgi?order=<?cs var:Order.Id ?>&amp;method=transfer">对公转账</a>。</p><?cs
  /if ?>
  </section><?cs
 else ?>
  <section class="panel" aria-labelledby="transfer-title">
    <h2 class="panel-title" id="transfer-title">对公转账</h2><?cs if:Bank.Account ?>
    <p class="panel-lead">请通过单位对公账户转账至以下账户，并在附言（用途）中<strong>只填写附言码</strong>，以便财务核对到账。</p>
    <dl class="kv">
      <dt>开户银行</dt><dd><?cs var:Bank.Name ?> <?cs var:Bank.Branch ?></dd>
      <dt>账户名称</dt><dd><?cs var:Bank.Holder ?></dd>
      <dt>银行账号</dt><dd class="mono"><?cs var:Bank.Account ?></dd>
      <dt>转账金额</dt><dd class="amount"><strong><?cs var:Order.AmountYuan ?></strong> 元</dd>
      <dt>附言码</dt><dd><strong class="transfer-code" id="transfer-code"><?cs var:Transfer.Code ?></strong></dd>
    </dl><?cs else ?>
    <p class="panel-lead">对公转账账户请咨询受理点服务大厅。转账时请在附言中填写附言码 <strong class="transfer-code" id="transfer-code"><?cs var:Transfer.Code ?></strong>。</p><?cs /if ?><?cs
  if:Order.PayStatus == "claimed" ?>
    <p class="alert alert-info" role="status">您已提交转账信息，财务人员核实到账后将为您确认，请耐心等待。</p><?cs
  else ?>
    <h3 class="sub-title">转账后请填写以下信息并点击“我已支付”</h3>
    <form method="post" action="/cgi-bin/pay.fcgi" enctype="multipart/form-data" class="form" novalidate>
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <input type="hidden" name="method" value="transfer"><?cs
    call:field("payer", "付款账户名称", "text", 1, "转出款项的单位账户名称") ?>
      <div class="field<?cs if:Errors.paid_on ?> has-error<?cs /if ?>">
        <?cs call:field_label("paid_on", "转账日期", 1) ?>
        <div class="field-body">
        <input id="f-paid_on" name="paid_on" type="date" value="<?cs var:Form.paid_on ?>" class="input<?cs if:Errors.paid_on ?> is-invalid<?cs /if ?>" required aria-required="true"<?cs if:Errors.paid_on ?> aria-invalid="true" aria-describedby="e-paid_on"<?cs /if ?>><?cs call:field_msgs("paid_on", "") ?>
        </div>
      </div>
      <div class="field<?cs if:Errors.slip ?> has-error<?cs /if ?>">
        <?cs call:field_label("slip", "转账回单", 0) ?>
        <div class="field-body">
        <input id="f-slip" name="slip" type="file" accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf" class="input-file<?cs if:Errors.slip ?> is-invalid<?cs /if ?>" aria-describedby="<?cs if:Errors.slip ?>e-slip <?cs /if ?>h-slip"><?cs call:field_msgs("slip", "选填：银行回单的照片或扫描件，JPG/PNG 不超过5MB，PDF 不超过10MB") ?>
        </div>
      </div>
      <div class="form-actions">
        <button type="submit" name="action" value="claim" class="btn btn-primary">我已支付</button>
      </div>
    </form><?cs
  /if ?>
  </section><?cs
 /if ?><?cs
/if ?><?cs
if:Payments.Count ?>
  <section class="panel" aria-labelledby="payments-title">
    <h2 class="panel-title" id="payments-title">支付记录</h2>
    <table class="table">
      <thead><tr><th scope="col">时间</th><th scope="col">方式</th><th scope="col" class="num">金额(元)</th><th scope="col">状态</th><th scope="col">说明</th></tr></thead>
      <tbody><?cs each:p = Payments ?><?cs if:p.At ?>
        <tr><td><?cs var:p.At ?></td><td class="nowrap"><?cs var:p.Method ?></td><td class="num"><?cs var:p.Amount ?></td><td><?cs var:p.Status ?></td><td><?cs if:p.TradeNo ?>支付宝交易号 <span class="mono"><?cs var:p.TradeNo ?></span><?cs elif:p.Payer ?>付款方：<?cs var:p.Payer ?><?cs /if ?><?cs if:p.PaidOn ?>，转账日期 <?cs var:p.PaidOn ?><?cs /if ?><?cs if:p.Reason ?><span class="pay-reason">（<?cs var:p.Reason ?>）</span><?cs /if ?><?cs if:p.Cause && p.StatusCode == "duplicate" ?><span class="pay-reason">（<?cs var:p.Cause ?>，该笔款项不能用于本业务单，将原路退回）</span><?cs /if ?></td></tr><?cs /if ?><?cs /each ?>
      </tbody>
    </table>
  </section><?cs
/if ?>
<?cs if:Pay.State == "alipay" || Pay.State == "transfer" ?>
  <p class="muted">关闭本页后，可随时在“业务单管理”中点击“支付”回到本页。</p><?cs /if ?>
  <div class="form-actions form-actions-main">
    <a class="btn btn-primary" href="/cgi-bin/orders.fcgi?order=<?cs var:Order.Id ?>">查看业务单</a>
    <a class="btn btn-default" href="/cgi-bin/orders.fcgi">返回业务单管理</a>
  </div>
<?cs include:"layout/footer.cs" ?>
