<?cs # templates/orders/view.cs: one order: 业务单号, status, payment and amount, the review result, the application data, its documents (or, once the retention purge removed them, that they were), the certificate and its delivery, the timeline (notes shown by their text) and the actions the life table allows (确认收货 included) ?>
<?cs include:"layout/header.cs" ?><?cs
# One labelled value of the application data; name is the field's form name, so that a
# field the reviewer asked to correct (Fix.<name>) is marked, as 已补正 once changed since
# the rejection (Fixed.<name>). ?><?cs
def:dv(label, value, name) ?>
        <div class="dv-item<?cs if:Fix[name] ?> is-flagged<?cs /if ?>"><dt><?cs var:label ?></dt><dd><?cs if:value ?><?cs var:value ?><?cs elif:Order.Purged ?><span class="dv-empty">已按保存期限清除</span><?cs else ?><span class="dv-empty">未填写</span><?cs /if ?><?cs if:Fix[name] ?> <?cs if:Fixed[name] ?><span class="badge badge-done">已补正</span><?cs else ?><span class="badge badge-fix">需补正</span><?cs /if ?><?cs /if ?></dd></div><?cs
/def ?>
  <section class="panel order-head" aria-labelledby="page-title">
    <div class="order-head-top">
      <div>
        <h1 class="order-head-title" id="page-title">业务单详情</h1>
        <p class="order-head-no">业务单号：<strong class="mono"><?cs var:Order.Id ?></strong></p>
      </div>
      <p class="order-head-back"><a href="/cgi-bin/orders.fcgi">‹ 返回业务单列表</a></p>
    </div>
    <dl class="ov-facts">
      <div><dt>业务单状态</dt><dd><span class="st st-<?cs var:Order.Status ?>"><?cs var:Order.StatusLabel ?></span></dd></div>
      <div><dt>支付状态</dt><dd><span class="pay pay-<?cs var:Order.PayStatus ?>"><?cs var:Order.PayStatusLabel ?></span></dd></div>
      <div><dt>金额(元)</dt><dd class="money-big"><?cs var:Order.AmountText ?><?cs if:Order.AmountQuoted ?><span class="fact-note">按当前价格计算，提交时确定</span><?cs /if ?></dd></div>
      <div><dt>业务类型</dt><dd><?cs var:Order.SubjectLabel ?> · <?cs var:Order.KindLabel ?></dd></div>
      <div><dt>证书类型</dt><dd><?cs var:Order.CertType ?></dd></div>
      <div><dt>提交时间</dt><dd><?cs if:Order.Submitted ?><?cs var:Order.Submitted ?><?cs else ?><span class="dv-empty">尚未提交</span><?cs /if ?></dd></div>
    </dl>
    <div class="order-actions"><?cs
      if:Order.CanEdit ?>
      <a class="btn btn-primary" href="/cgi-bin/apply.fcgi?order=<?cs var:Order.Id ?>">编辑</a>
      <a class="btn btn-secondary" href="/cgi-bin/upload.fcgi?order=<?cs var:Order.Id ?>">上传材料</a><?cs /if ?><?cs
      if:Order.CanPay ?>
      <a class="btn btn-primary" href="/cgi-bin/pay.fcgi?order=<?cs var:Order.Id ?>">支付</a><?cs /if ?><?cs
      if:Order.InvoiceState == "issued" ?>
      <a class="btn btn-secondary" href="/cgi-bin/invoice.fcgi?invoice=<?cs var:Order.InvoiceId ?>&amp;download=1">下载发票</a><?cs
      elif:Order.InvoiceState == "rejected" && Order.CanInvoice ?>
      <a class="btn btn-secondary" href="/cgi-bin/invoice.fcgi?order=<?cs var:Order.Id ?>">重新申请开票</a><?cs
      elif:!Order.InvoiceLabel && Order.CanInvoice ?>
      <a class="btn btn-secondary" href="/cgi-bin/invoice.fcgi?order=<?cs var:Order.Id ?>">开票申请</a><?cs /if ?><?cs
      if:Order.CanCancel ?>
      <a class="btn btn-outline-danger" href="/cgi-bin/orders.fcgi?order=<?cs var:Order.Id ?>&amp;page=cancel">取消申请</a><?cs /if ?><?cs
      if:Order.CanReceive ?>
      <form class="inline-form" method="post" action="/cgi-bin/orders.fcgi">
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
        <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
        <button type="submit" name="action" value="receive" class="btn btn-primary">确认收货</button>
      </form><?cs /if ?>
    </div>
  </section>
<?cs if:Order.Status == "rejected" ?>
  <section class="panel review review-rejected" id="review" aria-labelledby="review-title">
    <h2 class="panel-title" id="review-title">审核结果：审核不通过</h2><?cs if:Review.Time ?>
    <p class="muted">审核时间：<?cs var:Review.Time ?></p><?cs /if ?>
    <div class="review-body">
      <p class="review-label">审核意见</p>
      <p class="review-reason"><?cs if:Order.review_reason ?><?cs var:Order.review_reason ?><?cs else ?>请按要求修改后重新提交。<?cs /if ?></p><?cs if:subcount(Review.Items) ?>
      <p class="review-label">需补正的项目</p>
      <ul class="fix-list"><?cs each:i = Review.Items ?>
        <li><span class="fix-kind"><?cs if:i.Doc ?>材料<?cs else ?>信息<?cs /if ?></span><?cs var:i.Label ?><?cs if:i.Fixed ?> <span class="badge badge-done">已补正</span><?cs /if ?></li><?cs /each ?>
      </ul><?cs /if ?>
    </div>
    <p class="review-next">请按审核意见修改申请信息或重新上传材料，然后重新提交审核。下方标有“需补正”的项目即为需要修改的内容。</p>
    <p class="review-actions"><a class="btn btn-primary" href="/cgi-bin/apply.fcgi?order=<?cs var:Order.Id ?>">修改申请信息</a><a class="btn btn-secondary" href="/cgi-bin/upload.fcgi?order=<?cs var:Order.Id ?>">重新上传材料</a></p>
  </section>
<?cs elif:Order.Status == "approved" || Order.Status == "producing" || Order.Status == "shipped" || Order.Status == "ready" || Order.Status == "completed" ?>
  <section class="panel review review-approved" id="review" aria-labelledby="review-title">
    <h2 class="panel-title" id="review-title">审核结果：审核通过</h2>
    <p><?cs if:Review.Time ?>审核时间：<?cs var:Review.Time ?>。<?cs /if ?><?cs if:Order.Status == "approved" && Order.CanPay ?>请尽快完成支付，支付后即进入证书制作。<?cs elif:Order.Status == "approved" ?>支付确认后即进入证书制作。<?cs else ?>您的申请材料已审核通过。<?cs /if ?></p>
  </section>
<?cs /if ?>
<?cs if:Delivery.Serial || Delivery.Carrier || Delivery.PickupAddress ?>
  <section class="panel delivery-state" id="delivery" aria-labelledby="delivery-title">
    <h2 class="panel-title" id="delivery-title">证书与交付</h2>
    <dl class="kv"><?cs if:Delivery.Serial ?>
      <dt>证书序列号</dt><dd class="mono" id="issued-serial"><?cs var:Delivery.Serial ?></dd>
      <dt>证书有效期至</dt><dd id="issued-expires"><?cs var:Delivery.Expires ?></dd><?cs /if ?>
      <dt>领取方式</dt><dd><?cs var:Order.DeliveryLabel ?></dd><?cs if:Delivery.Carrier ?>
      <dt>快递公司</dt><dd id="carrier"><?cs var:Delivery.Carrier ?></dd>
      <dt>运单号</dt><dd class="mono" id="tracking-no"><?cs var:Delivery.TrackingNo ?></dd>
      <dt>寄出时间</dt><dd><?cs var:Delivery.Shipped ?></dd><?cs /if ?><?cs if:Delivery.PickupAddress ?>
      <dt>领取地点</dt><dd id="pickup-address"><?cs var:Delivery.PickupAddress ?></dd>
      <dt>领取时间</dt><dd id="pickup-hours"><?cs var:Delivery.PickupHours ?></dd><?cs /if ?><?cs if:Delivery.Completed ?>
      <dt>完成时间</dt><dd><?cs var:Delivery.Completed ?></dd><?cs /if ?>
    </dl><?cs if:Order.CanReceive ?>
    <p class="muted">收到证书后，请点击页面上方的“确认收货”。</p><?cs elif:Delivery.PickupAddress ?>
    <p class="muted">领取时请携带<?cs if:Order.subject == "enterprise" ?>经办人<?cs else ?>本人<?cs /if ?>有效身份证件。</p><?cs /if ?>
  </section>
<?cs /if ?>
<?cs if:Order.InvoiceLabel ?>
  <section class="panel invoice-state invoice-<?cs var:Order.InvoiceState ?>" id="invoice" aria-labelledby="invoice-title">
    <h2 class="panel-title" id="invoice-title">发票信息</h2>
    <dl class="kv">
      <dt>开票状态</dt><dd><span class="inv inv-<?cs var:Order.InvoiceState ?>"><?cs var:Order.InvoiceLabel ?></span></dd><?cs if:Invoice.TypeLabel ?>
      <dt>发票类型</dt><dd><?cs var:Invoice.TypeLabel ?></dd>
      <dt>发票抬头</dt><dd><?cs var:Invoice.TitleName ?><?cs if:Invoice.KindLabel ?>（<?cs var:Invoice.KindLabel ?>）<?cs /if ?></dd>
      <dt>接收邮箱</dt><dd><?cs var:Invoice.Email ?></dd>
      <dt>申请时间</dt><dd><?cs var:Invoice.Requested ?></dd><?cs /if ?><?cs if:Invoice.Number ?>
      <dt>发票号码</dt><dd class="mono"><?cs var:Invoice.Number ?></dd><?cs /if ?><?cs if:Invoice.Decided ?>
      <dt><?cs if:Order.InvoiceState == "rejected" ?>驳回时间<?cs else ?>开具时间<?cs /if ?></dt><dd><?cs var:Invoice.Decided ?></dd><?cs /if ?>
    </dl><?cs if:Order.InvoiceState == "rejected" ?>
    <p class="review-label">驳回原因</p>
    <p class="review-reason"><?cs if:Invoice.Reason ?><?cs var:Invoice.Reason ?><?cs else ?>请核对发票抬头信息后重新申请。<?cs /if ?></p><?cs if:Order.CanInvoice ?>
    <p class="invoice-actions"><a class="btn btn-primary" href="/cgi-bin/invoice.fcgi?order=<?cs var:Order.Id ?>">重新申请</a><a class="btn btn-default" href="/cgi-bin/invoice.fcgi">管理发票抬头</a></p><?cs /if ?><?cs
    elif:Order.InvoiceState == "issued" ?>
    <p class="invoice-actions"><a class="btn btn-primary" href="/cgi-bin/invoice.fcgi?invoice=<?cs var:Order.InvoiceId ?>&amp;download=1">下载发票</a></p><?cs
    else ?>
    <p class="muted">财务人员开具发票后，将发送至接收邮箱，并可在此下载。</p><?cs /if ?>
  </section>
<?cs /if ?>
<?cs if:Order.Purged ?>
  <p class="alert alert-info" id="purged" role="status">本业务单已办结或取消满保存期限，您的个人信息和上传材料已于<?cs var:Order.Purged ?>按保存期限清除；业务单号、金额、支付和发票记录仍予保留。</p><?cs /if ?>
  <section class="panel" aria-labelledby="data-title">
    <h2 class="panel-title" id="data-title">申请信息</h2>
    <h3 class="dv-title">证书信息</h3>
    <dl class="dv"><?cs
      call:dv("申请类型", Order.KindLabel, "kind") ?><?cs
      call:dv("证书类型", Order.CertType, "subject") ?><?cs
      call:dv("项目应用", Order.ProjectLabel, "project") ?><?cs
      call:dv("申请年限(年)", Order.years, "years") ?><?cs
      if:Order.subject == "enterprise" ?><?cs call:dv("证书数量(个)", Order.cert_count, "cert_count") ?><?cs /if ?><?cs
      if:Order.prev_order ?><?cs call:dv("原业务单号", Order.prev_order, "prev_order") ?><?cs /if ?><?cs
      if:Order.cert_serial ?><?cs call:dv("证书序列号", Order.cert_serial, "cert_serial") ?><?cs /if ?>
    </dl><?cs
  if:Order.subject == "enterprise" ?>
    <h3 class="dv-title">单位信息</h3>
    <dl class="dv"><?cs
      call:dv("单位名称", Order.org_name, "org_name") ?><?cs
      call:dv("企业性质", Order.NatureLabel, "org_nature") ?><?cs
      call:dv("统一社会信用代码", Order.uscc, "uscc") ?><?cs
      call:dv("机构代码", Order.OrgCode, "uscc") ?><?cs
      call:dv("印章编码", Order.seal_code, "seal_code") ?>
    </dl>
    <h3 class="dv-title">法定代表人</h3>
    <dl class="dv"><?cs
      call:dv("姓名", Order.legal_name, "legal_name") ?><?cs
      call:dv("身份证号码", Order.legal_id_no, "legal_id_no") ?>
    </dl>
    <h3 class="dv-title">经办人</h3>
    <dl class="dv"><?cs
      call:dv("姓名", Order.agent_name, "agent_name") ?><?cs
      call:dv("手机号", Order.agent_mobile, "agent_mobile") ?><?cs
      call:dv("电子邮箱", Order.agent_email, "agent_email") ?><?cs
      call:dv("证件类型", Order.IdTypeLabel, "agent_id_type") ?><?cs
      call:dv("证件号码", Order.agent_id_no, "agent_id_no") ?><?cs
      call:dv("联系地址", Order.agent_address, "agent_address") ?>
    </dl><?cs
  else ?>
    <h3 class="dv-title">申请人信息</h3>
    <dl class="dv"><?cs
      call:dv("姓名", Order.name, "name") ?><?cs
      call:dv("身份证号码", Order.id_no, "id_no") ?><?cs
      call:dv("手机号", Order.mobile, "mobile") ?><?cs
      call:dv("电子邮箱", Order.email, "email") ?><?cs
      call:dv("联系地址", Order.address, "address") ?>
    </dl><?cs
  /if ?>
    <h3 class="dv-title">领取方式</h3>
    <dl class="dv"><?cs
      call:dv("领取方式", Order.DeliveryLabel, "delivery") ?><?cs
      if:Order.delivery == "mail" ?><?cs
      call:dv("收件人", Order.mail_name, "mail_name") ?><?cs
      call:dv("收件人手机号", Order.mail_mobile, "mail_mobile") ?><?cs
      call:dv("邮寄地址", Order.mail_address, "mail_address") ?><?cs /if ?>
    </dl>
    <p class="muted">为保护个人信息，证件号码仅显示前3位和后4位。</p>
  </section>

  <section class="panel" aria-labelledby="docs-title">
    <h2 class="panel-title" id="docs-title">申请材料</h2>
    <div class="table-wrap">
      <table class="table table-stack doc-table">
        <thead>
          <tr><th scope="col" class="col-no">序号</th><th scope="col">材料名称</th><th scope="col">状态</th><th scope="col">上传时间</th><th scope="col" class="act">操作</th></tr>
        </thead>
        <tbody><?cs each:d = Docs ?>
          <tr<?cs if:Fix[d.Slot] ?> class="is-flagged"<?cs /if ?>>
            <td data-label="序号" class="col-no"><?cs var:d.No ?></td>
            <td data-label="材料名称"><?cs var:d.Label ?><?cs if:Fix[d.Slot] ?> <?cs if:Fixed[d.Slot] ?><span class="badge badge-done">已补正</span><?cs else ?><span class="badge badge-fix">需补正</span><?cs /if ?><?cs /if ?></td>
            <td data-label="状态" class="nowrap"><?cs if:d.Uploaded ?><span class="doc-ok">已上传</span><?cs elif:Order.Purged ?><span class="dv-empty">已按保存期限清除</span><?cs else ?><span class="doc-missing">未上传</span><?cs /if ?></td>
            <td data-label="上传时间" class="nowrap"><?cs if:d.Time ?><?cs var:d.Time ?><?cs else ?><span class="dv-empty">—</span><?cs /if ?></td>
            <td data-label="操作" class="act"><?cs if:d.Uploaded ?><a class="op" href="/cgi-bin/upload.fcgi?order=<?cs var:Order.Id ?>&amp;view=<?cs var:d.Slot ?>">查看</a><?cs else ?><span class="dv-empty">—</span><?cs /if ?></td>
          </tr><?cs /each ?>
        </tbody>
      </table>
    </div><?cs if:Order.CanEdit ?>
    <p><a class="btn btn-secondary" href="/cgi-bin/upload.fcgi?order=<?cs var:Order.Id ?>">上传材料</a></p><?cs /if ?>
  </section>

  <section class="panel" aria-labelledby="timeline-title">
    <h2 class="panel-title" id="timeline-title">办理进度</h2>
    <ol class="timeline"><?cs each:h = History ?>
      <li class="tl-item">
        <span class="tl-time"><?cs var:h.Time ?></span>
        <span class="tl-what"><?cs if:h.Note ?><?cs if:h.Reason ?><?cs var:h.Reason ?>（<?cs var:h.To ?>）<?cs else ?><?cs var:h.To ?><?cs /if ?><?cs elif:h.From ?><?cs var:h.From ?> → <?cs var:h.To ?><?cs else ?>创建业务单（<?cs var:h.To ?>）<?cs /if ?></span><?cs if:h.Reason && !h.Note ?>
        <span class="tl-reason"><?cs var:h.Reason ?></span><?cs /if ?>
      </li><?cs /each ?><?cs
    if:Order.Status == "draft" ?>
      <li class="tl-item tl-next"><span class="tl-time">下一步</span><span class="tl-what">完善申请信息、上传材料并提交审核</span></li><?cs
    elif:Order.Status == "pending" ?>
      <li class="tl-item tl-next"><span class="tl-time">下一步</span><span class="tl-what">等待审核：预计 <?cs var:Timeline.Days ?> 个工作日内完成审核<?cs if:Timeline.Expected ?>（<?cs var:Timeline.Expected ?>前）<?cs /if ?></span><span class="tl-reason">审核结果将以短信通知<?cs if:Order.subject == "personal" ?>您<?cs else ?>经办人<?cs /if ?><?cs if:Order.CanPay ?>；审核期间也可先行支付<?cs /if ?>。工作日按周一至周五计算，遇法定节假日顺延。</span></li><?cs
    elif:Order.Status == "rejected" ?>
      <li class="tl-item tl-next"><span class="tl-time">下一步</span><span class="tl-what">按审核意见修改后重新提交审核</span></li><?cs
    elif:Order.Status == "approved" ?>
      <li class="tl-item tl-next"><span class="tl-time">下一步</span><span class="tl-what"><?cs if:Order.CanPay ?>完成支付，支付后进入证书制作<?cs else ?>支付确认中，确认后进入证书制作<?cs /if ?></span></li><?cs
    elif:Order.Status == "producing" ?>
      <li class="tl-item tl-next"><span class="tl-time">下一步</span><span class="tl-what">证书制作中，制作完成后将按您选择的领取方式（<?cs var:Order.DeliveryLabel ?>）交付</span></li><?cs
    elif:Order.Status == "shipped" ?>
      <li class="tl-item tl-next"><span class="tl-time">下一步</span><span class="tl-what">证书已寄出（<?cs var:Delivery.Carrier ?> 运单号 <?cs var:Delivery.TrackingNo ?>），收到后请点击“确认收货”</span></li><?cs
    elif:Order.Status == "ready" ?>
      <li class="tl-item tl-next"><span class="tl-time">下一步</span><span class="tl-what">证书已制作完成，请于<?cs var:Delivery.PickupHours ?>携带有效证件到<?cs var:Delivery.PickupAddress ?>领取</span></li><?cs
    /if ?>
    </ol>
  </section>
<?cs include:"layout/footer.cs" ?>
