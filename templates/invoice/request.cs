<?cs # templates/invoice/request.cs: 开票申请 of one order: the order summary, 发票类型 and 发票抬头 (each title's details shown as they will be printed), or why no request can be made now ?>
<?cs set:Layout.Crumb = "orders" ?><?cs include:"layout/header.cs" ?><?cs
# One line of a title's details: empty values show 未填写. ?><?cs
def:tv(label, value) ?>
          <div><dt><?cs var:label ?></dt><dd><?cs if:value ?><?cs var:value ?><?cs else ?><span class="dv-empty">未填写</span><?cs /if ?></dd></div><?cs
/def ?>
  <h1 class="page-title" id="page-title">开票申请</h1>
  <section class="panel" aria-labelledby="order-title">
    <h2 class="panel-title" id="order-title">业务单信息</h2>
    <dl class="kv">
      <dt>业务单号</dt><dd class="mono"><?cs var:Order.Id ?></dd>
      <dt>业务类型</dt><dd><?cs var:Order.SubjectLabel ?> · <?cs var:Order.KindLabel ?> · <?cs var:Order.CertType ?></dd>
      <dt>支付状态</dt><dd><span class="pay pay-<?cs var:Order.PayStatus ?>"><?cs var:Order.PayStatusLabel ?></span></dd>
      <dt>开票金额</dt><dd class="amount"><?cs if:Order.AmountText ?><strong><?cs var:Order.AmountText ?></strong> 元<?cs else ?><span class="dv-empty">—</span><?cs /if ?></dd>
    </dl>
  </section><?cs
if:Invoice.State ?>
  <section class="panel invoice-state invoice-<?cs var:Invoice.State ?>" id="invoice" aria-labelledby="state-title">
    <h2 class="panel-title" id="state-title"><?cs if:Invoice.State == "rejected" ?>上次开票申请已驳回<?cs else ?>开票申请状态<?cs /if ?></h2>
    <dl class="kv">
      <dt>开票状态</dt><dd><span class="inv inv-<?cs var:Invoice.State ?>"><?cs var:Invoice.Label ?></span></dd>
      <dt>发票类型</dt><dd><?cs var:Invoice.TypeLabel ?></dd>
      <dt>发票抬头</dt><dd><?cs var:Invoice.TitleName ?></dd>
      <dt>申请时间</dt><dd><?cs var:Invoice.Requested ?></dd><?cs if:Invoice.Number ?>
      <dt>发票号码</dt><dd class="mono"><?cs var:Invoice.Number ?></dd><?cs /if ?>
    </dl><?cs if:Invoice.State == "rejected" ?>
    <p class="review-label">驳回原因</p>
    <p class="review-reason"><?cs if:Invoice.Reason ?><?cs var:Invoice.Reason ?><?cs else ?>请核对发票抬头信息后重新申请。<?cs /if ?></p><?cs
    elif:Invoice.State == "issued" ?>
    <p class="invoice-actions"><a class="btn btn-primary" href="/cgi-bin/invoice.fcgi?invoice=<?cs var:Invoice.Id ?>&amp;download=1">下载发票</a></p><?cs /if ?>
  </section><?cs
/if ?><?cs
if:Request.Closed == "unpaid" ?>
  <section class="panel" aria-labelledby="closed-title">
    <h2 class="panel-title" id="closed-title">暂不能申请开票</h2>
    <p class="panel-lead">该业务单的款项尚未到账（支付状态：<?cs var:Order.PayStatusLabel ?>），款项到账后才能申请开票。</p>
    <p class="invoice-actions"><?cs if:Order.CanPay ?><a class="btn btn-primary" href="/cgi-bin/pay.fcgi?order=<?cs var:Order.Id ?>">去支付</a><?cs /if ?><a class="btn btn-default" href="/cgi-bin/orders.fcgi?order=<?cs var:Order.Id ?>">查看业务单</a></p>
  </section><?cs
elif:Request.Closed == "cancelled" || Request.Closed == "refunded" ?>
  <section class="panel" aria-labelledby="closed-title">
    <h2 class="panel-title" id="closed-title">不能申请开票</h2>
    <p class="panel-lead"><?cs if:Request.Closed == "cancelled" ?>该业务单已取消，不能申请开票。如已付款，款项将原路退回。<?cs else ?>该业务单的款项已退款，不能申请开票。<?cs /if ?></p>
    <p class="invoice-actions"><a class="btn btn-default" href="/cgi-bin/orders.fcgi?order=<?cs var:Order.Id ?>">查看业务单</a></p>
  </section><?cs
elif:Request.Closed == "open" ?>
  <section class="panel" aria-labelledby="closed-title">
    <h2 class="panel-title" id="closed-title">该业务单已申请开票</h2>
    <p class="panel-lead"><?cs if:Invoice.State == "issued" ?>发票已开具并发送至抬头中的接收邮箱，也可在上方下载。<?cs else ?>财务人员开具发票后，将发送至抬头中的接收邮箱，请耐心等待。<?cs /if ?>每个业务单只能开具一次发票。</p>
    <p class="invoice-actions"><a class="btn btn-default" href="/cgi-bin/orders.fcgi">返回业务单管理</a></p>
  </section><?cs
elif:TitleCount > 0 ?>
  <section class="panel" aria-labelledby="form-title">
    <h2 class="panel-title" id="form-title"><?cs if:Invoice.State == "rejected" ?>重新申请开票<?cs else ?>填写开票信息<?cs /if ?></h2>
    <form method="post" action="/cgi-bin/invoice.fcgi" class="form invoice-form invoice-request" id="invoice-request">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="action" value="request">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <div class="field<?cs if:Errors.type ?> has-error<?cs /if ?>">
        <?cs call:field_label("type", "发票类型", 1) ?>
        <div class="field-body">
        <select id="f-type" name="type" class="input<?cs if:Errors.type ?> is-invalid<?cs /if ?>" required aria-required="true" aria-describedby="<?cs if:Errors.type ?>e-type <?cs /if ?>h-type"<?cs if:Errors.type ?> aria-invalid="true"<?cs /if ?>>
          <option value="normal"<?cs if:Form.type != "special" ?> selected<?cs /if ?>>增值税普通发票</option>
          <option value="special"<?cs if:Form.type == "special" ?> selected<?cs /if ?>>增值税专用发票</option>
        </select><?cs call:field_msgs("type", "增值税专用发票须选择单位抬头，且纳税人识别号、地址、电话、开户行及账号均已填写；个人只能开具增值税普通发票") ?>
        </div>
      </div>
      <div class="field<?cs if:Errors.title ?> has-error<?cs /if ?>">
        <?cs call:field_label("title", "发票抬头", 1) ?>
        <div class="field-body">
        <select id="f-title" name="title" class="input<?cs if:Errors.title ?> is-invalid<?cs /if ?>" required aria-required="true" aria-describedby="<?cs if:Errors.title ?>e-title <?cs /if ?>h-title"<?cs if:Errors.title ?> aria-invalid="true"<?cs /if ?>><?cs each:t = Titles ?>
          <option value="<?cs var:t.Id ?>"<?cs if:(Form.title && t.Id == Form.title) || (!Form.title && t.Default) ?> selected<?cs /if ?>><?cs var:t.Name ?>（<?cs var:t.KindLabel ?>）<?cs if:t.Default ?> [默认]<?cs /if ?></option><?cs /each ?>
        </select><?cs call:field_msgs("title", "从发票抬头管理中添加的抬头里选择，开票信息将按下方内容自动填写") ?>
        <p class="field-hint"><a href="/cgi-bin/invoice.fcgi?next=<?cs var:url_escape(Request.Next) ?>#title-form">增加发票抬头</a></p>
        </div>
      </div>
      <div class="title-preview" id="title-preview" role="group" aria-labelledby="preview-title">
        <h3 class="sub-title" id="preview-title">开票信息（发票将按所选抬头的以下信息开具）</h3><?cs each:t = Titles ?>
        <div class="title-card<?cs if:(Form.title && t.Id == Form.title) || (!Form.title && t.Default) ?> is-selected<?cs /if ?>" id="title-card-<?cs var:t.Id ?>" data-title="<?cs var:t.Id ?>">
          <p class="title-card-head"><strong><?cs var:t.Name ?></strong> <span class="badge"><?cs var:t.KindLabel ?></span><?cs if:t.Default ?> <span class="badge badge-default">默认</span><?cs /if ?><?cs if:t.SpecialReady ?> <span class="badge badge-special">可开专用发票</span><?cs /if ?></p>
          <dl class="title-kv"><?cs
            call:tv("购买方名称", t.Name) ?><?cs
            call:tv("纳税人识别号", t.TaxId) ?><?cs
            call:tv("地址、电话", t.AddressPhone) ?><?cs
            call:tv("开户行及账号", t.BankAccount) ?><?cs
            call:tv("接收邮箱", t.Email) ?>
          </dl>
        </div><?cs /each ?>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">确定</button>
        <a class="btn btn-default" href="/cgi-bin/orders.fcgi">返回业务单管理</a>
      </div>
    </form>
  </section><?cs
else ?>
  <section class="panel" aria-labelledby="form-title">
    <h2 class="panel-title" id="form-title">填写开票信息</h2>
    <div class="empty-state">
      <p class="empty-title">您还没有发票抬头</p>
      <p class="muted">申请开票前，请先在发票抬头管理中增加发票抬头，保存后将自动返回本页。</p>
      <p class="empty-actions"><a class="btn btn-primary" href="/cgi-bin/invoice.fcgi?next=<?cs var:url_escape(Request.Next) ?>#title-form">增加发票抬头</a><a class="btn btn-default" href="/cgi-bin/orders.fcgi">返回业务单管理</a></p>
    </div>
  </section><?cs
/if ?>
  <div class="note">
    <p>温馨提示：发票开具后将以电子邮件发送至所选抬头的接收邮箱，也可在“业务单管理”中下载。开票申请被驳回的，可按驳回原因修改发票抬头后重新申请。</p>
  </div>
  <script src="/js/invoice.js" defer></script>
<?cs include:"layout/footer.cs" ?>
