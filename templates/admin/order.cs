<?cs # templates/admin/order.cs: the order for staff: every field in full (or, once the retention purge removed them, that they were: 已按保存期限清除), documents inline, payments with finance's actions, history, what changed since the last rejection (已修改), internal notes, and the actions the life table allows the member (Order.Can*): claim, approve, reject with items to correct, produce, ship, ready, complete, cancel ?><?cs
def:kv(label, value) ?><dt><?cs var:label ?></dt><dd><?cs var:value ?></dd><?cs /def ?><?cs
def:kvc(label, value, name) ?><dt><?cs var:label ?></dt><dd><?cs if:value ?><?cs var:value ?><?cs elif:Order.Purged ?><span class="muted">已按保存期限清除</span><?cs /if ?><?cs if:Changed[name] ?> <span class="badge badge-changed">已修改</span><?cs /if ?></dd><?cs /def ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title"><?cs var:Page.Title ?></h1>
  <section class="panel">
    <dl class="kv kv-wide">
<?cs call:kv("业务单号", Order.Id) ?>
<?cs call:kv("业务类型", Order.SubjectLabel + " · " + Order.KindLabel + " · " + Order.CertType) ?>
<?cs call:kv("业务单状态", Order.StatusLabel) ?>
<dt>支付状态</dt><dd><span class="pay pay-<?cs var:Order.PayStatus ?>"><?cs var:Order.PayStatusLabel ?></span></dd>
<?cs call:kv("金额(元)", Order.AmountYuan) ?>
<?cs call:kv("转账附言码", Order.TransferCode) ?>
<?cs if:Order.ClaimedBy ?><?cs call:kv("认领人", Order.ClaimedBy) ?><?cs /if ?>
    </dl><?cs if:Order.CanClaim || Order.CanApprove ?>
    <div class="staff-actions"><?cs if:Order.CanClaim ?>
      <form class="inline-form" method="post" action="/cgi-bin/admin.fcgi">
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
        <input type="hidden" name="order" value="<?cs var:Order.Id ?>"><?cs if:Order.ClaimedBy == Staff.Login ?>
        <input type="hidden" name="view" value="release">
        <button type="submit" name="action" value="claim" class="btn btn-default">释放认领</button><?cs else ?>
        <button type="submit" name="action" value="claim" class="btn btn-default">认领</button><?cs /if ?>
      </form><?cs /if ?><?cs if:Order.CanApprove ?>
      <form class="inline-form" method="post" action="/cgi-bin/admin.fcgi">
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
        <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
        <input type="hidden" name="rev" value="<?cs var:Order.Rev ?>">
        <button type="submit" name="action" value="approve" class="btn btn-primary">审核通过</button>
      </form><?cs /if ?>
    </div><?cs /if ?>
  </section><?cs if:Order.CanReject ?>

  <section class="panel" aria-labelledby="reject-title">
    <h2 class="panel-title" id="reject-title">审核不通过</h2>
    <form class="form reject-form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <input type="hidden" name="action" value="reject">
      <input type="hidden" name="rev" value="<?cs var:Order.Rev ?>">
      <div class="field">
        <label class="field-label" for="f-reason_pick">常见原因</label>
        <div class="field-body">
          <select id="f-reason_pick" name="reason_pick" class="input">
            <option value="">（不选）</option>
            <option>扫描件不清晰</option>
            <option>单位名称与营业执照不一致</option>
            <option>统一社会信用代码与营业执照不一致</option>
            <option>证件已过期或信息不全</option>
            <option>申请表或授权书未加盖公章</option>
            <option>印章图片不符合要求</option>
            <option>经办人信息与证件不一致</option>
          </select>
        </div>
      </div>
      <div class="field<?cs if:Errors.reason ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-reason">说明</label>
        <div class="field-body">
          <textarea id="f-reason" name="reason" class="input" rows="3" maxlength="500"><?cs var:Form.reason ?></textarea><?cs if:Order.subject == "personal" ?><?cs call:field_msgs("reason", "申请人将在短信和业务单页面看到此说明") ?><?cs else ?><?cs call:field_msgs("reason", "申请人和经办人将在短信和业务单页面看到此说明") ?><?cs /if ?>
        </div>
      </div>
      <fieldset class="items-pick<?cs if:Errors.items ?> has-error<?cs /if ?>">
        <legend>需补正的项目</legend><?cs each:d = Docs ?>
        <label><input type="checkbox" name="items" value="<?cs var:d.Slot ?>"> <?cs var:d.Label ?></label><?cs /each ?><?cs if:Order.subject == "enterprise" ?>
        <label><input type="checkbox" name="items" value="org_name"> 单位名称</label>
        <label><input type="checkbox" name="items" value="uscc"> 统一社会信用代码</label>
        <label><input type="checkbox" name="items" value="legal_name"> 法定代表人姓名</label>
        <label><input type="checkbox" name="items" value="agent_name"> 经办人姓名</label>
        <label><input type="checkbox" name="items" value="agent_id_no"> 经办人证件号码</label>
        <label><input type="checkbox" name="items" value="seal_code"> 印章编码</label><?cs else ?>
        <label><input type="checkbox" name="items" value="name"> 姓名</label>
        <label><input type="checkbox" name="items" value="id_no"> 身份证号码</label><?cs /if ?><?cs call:field_msgs("items", "") ?>
      </fieldset>
      <div class="form-actions"><button type="submit" class="btn btn-danger">审核不通过并通知</button></div>
    </form>
  </section><?cs /if ?>

<?cs if:Order.Purged ?>
  <p class="alert alert-info" id="purged" role="status">该业务单已办结或取消满保存期限，申请人的个人信息和上传材料已于<?cs var:Order.Purged ?>按保存期限清除；业务单号、金额、支付、发票记录和审计日志仍予保留。</p><?cs /if ?>
  <section class="panel" aria-labelledby="data-title">
    <h2 class="panel-title" id="data-title">申请信息（完整证件号码仅在此显示，查看已记入审计日志）</h2>
    <dl class="kv kv-wide">
<?cs call:kvc("项目应用", Order.ProjectLabel, "project") ?>
<?cs call:kvc("申请年限(年)", Order.years, "years") ?><?cs if:Order.subject == "enterprise" ?>
<?cs call:kvc("证书个数", Order.cert_count, "cert_count") ?>
<?cs call:kvc("单位名称", Order.org_name, "org_name") ?>
<?cs call:kvc("企业性质", Order.NatureLabel, "org_nature") ?>
<?cs call:kvc("统一社会信用代码", Order.uscc, "uscc") ?>
<?cs call:kv("机构代码", Order.OrgCode) ?>
<?cs call:kvc("印章编码", Order.seal_code, "seal_code") ?>
<?cs call:kvc("法定代表人", Order.legal_name, "legal_name") ?>
<?cs call:kvc("法定代表人身份证号", Order.legal_id_no, "legal_id_no") ?>
<?cs call:kvc("经办人", Order.agent_name, "agent_name") ?>
<?cs call:kvc("经办人手机", Order.agent_mobile, "agent_mobile") ?>
<?cs call:kvc("经办人邮箱", Order.agent_email, "agent_email") ?>
<?cs call:kvc("证件类型", Order.IdTypeLabel, "agent_id_type") ?>
<?cs call:kvc("证件号码", Order.agent_id_no, "agent_id_no") ?>
<?cs call:kvc("联系地址", Order.agent_address, "agent_address") ?><?cs else ?>
<?cs call:kvc("姓名", Order.name, "name") ?>
<?cs call:kvc("身份证号码", Order.id_no, "id_no") ?>
<?cs call:kvc("手机号码", Order.mobile, "mobile") ?>
<?cs call:kvc("电子邮箱", Order.email, "email") ?>
<?cs call:kvc("联系地址", Order.address, "address") ?><?cs /if ?>
<?cs call:kvc("领取方式", Order.DeliveryLabel, "delivery") ?><?cs if:Order.delivery == "mail" ?>
<?cs call:kvc("收件人", Order.mail_name + " " + Order.mail_mobile, "mail_name") ?>
<?cs call:kvc("收件地址", Order.mail_address, "mail_address") ?><?cs /if ?><?cs if:Order.cert_serial ?>
<?cs call:kvc("原证书序列号", Order.cert_serial, "cert_serial") ?><?cs /if ?><?cs if:Order.review_reason ?>
<?cs call:kv("审核意见", Order.review_reason) ?><?cs /if ?>
    </dl><?cs if:Items.0.Label ?>
    <p class="review-items"><strong>需补正：</strong><?cs each:i = Items ?><span class="badge badge-fix"><?cs var:i.Label ?></span><?cs /each ?></p><?cs /if ?>
  </section>

  <section class="panel" aria-labelledby="docs-title">
    <h2 class="panel-title" id="docs-title">申请材料</h2>
    <div class="staff-docs"><?cs each:d = Docs ?>
      <figure class="staff-doc">
        <figcaption><?cs var:d.Label ?><?cs if:Changed[d.Slot] ?> <span class="badge badge-changed">已修改</span><?cs /if ?></figcaption><?cs if:d.Type == "image" ?>
        <a href="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;slot=<?cs var:url_escape(d.Slot) ?>" target="_blank" rel="noopener"><img src="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;slot=<?cs var:url_escape(d.Slot) ?>" alt="<?cs var:d.Label ?>"></a><?cs elif:d.Type == "pdf" ?>
        <a class="btn btn-default btn-small" href="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;slot=<?cs var:url_escape(d.Slot) ?>" target="_blank" rel="noopener">打开 PDF</a><?cs else ?>
        <span class="muted"><?cs if:Order.Purged ?>已按保存期限清除<?cs else ?>未上传<?cs /if ?></span><?cs /if ?>
      </figure><?cs /each ?>
    </div>
  </section>

  <section class="panel" id="delivery" aria-labelledby="delivery-title">
    <h2 class="panel-title" id="delivery-title">证书制作与投递</h2>
    <dl class="kv kv-wide">
<?cs call:kv("领取方式", Order.DeliveryLabel) ?><?cs if:Delivery.Serial ?>
<dt>证书序列号</dt><dd class="mono" id="issued-serial"><?cs var:Delivery.Serial ?></dd>
<?cs call:kv("证书有效期至", Delivery.Expires) ?>
<?cs call:kv("录入时间", Delivery.Produced) ?><?cs /if ?><?cs if:Delivery.Carrier ?>
<?cs call:kv("快递公司", Delivery.Carrier) ?>
<dt>运单号</dt><dd class="mono" id="tracking-no"><?cs var:Delivery.TrackingNo ?></dd>
<?cs call:kv("寄出时间", Delivery.Shipped) ?><?cs /if ?><?cs if:Order.Status == "ready" ?>
<?cs call:kv("领取地点", Delivery.PickupAddress) ?>
<?cs call:kv("领取时间", Delivery.PickupHours) ?><?cs /if ?><?cs if:Delivery.Completed ?>
<?cs call:kv("办结时间", Delivery.Completed) ?><?cs /if ?>
    </dl><?cs if:!Delivery.Serial && !Order.CanProduce ?>
    <p class="muted">审核通过并确认支付后进入证书制作。</p><?cs /if ?><?cs if:Order.CanProduce ?><?cs if:Delivery.Serial ?>
    <details class="produce-fix"<?cs if:Errors.cert_serial || Errors.cert_expires ?> open<?cs /if ?>>
    <summary class="sub-title">更正证书信息</summary><?cs else ?>
    <h3 class="sub-title">录入证书信息</h3><?cs /if ?>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <input type="hidden" name="action" value="produce">
      <div class="field<?cs if:Errors.cert_serial ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-cert_serial">证书序列号</label>
        <div class="field-body">
          <input id="f-cert_serial" name="cert_serial" class="input mono" maxlength="40" autocomplete="off" spellcheck="false" value="<?cs var:Form.cert_serial ?>"><?cs call:field_msgs("cert_serial", "CFCA签发的证书序列号，8至40位十六进制字符") ?>
        </div>
      </div>
      <div class="field<?cs if:Errors.cert_expires ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-cert_expires">证书有效期至</label>
        <div class="field-body">
          <input id="f-cert_expires" name="cert_expires" type="date" class="input input-date" value="<?cs var:Form.cert_expires ?>"><?cs call:field_msgs("cert_expires", "格式 YYYY-MM-DD，须晚于今天") ?>
        </div>
      </div>
      <div class="form-actions"><button type="submit" class="btn btn-primary">保存证书信息</button></div>
    </form><?cs if:Delivery.Serial ?>
    </details><?cs /if ?><?cs /if ?><?cs if:Order.CanShip ?>
    <h3 class="sub-title">邮寄寄出</h3>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <input type="hidden" name="action" value="ship">
      <div class="field<?cs if:Errors.carrier ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-carrier">快递公司</label>
        <div class="field-body">
          <select id="f-carrier" name="carrier" class="input">
            <option value="">（请选择）</option><?cs each:c = Carriers ?>
            <option value="<?cs var:c.Code ?>"<?cs if:Form.carrier == c.Code ?> selected<?cs /if ?>><?cs var:c.Label ?></option><?cs /each ?>
          </select><?cs call:field_msgs("carrier", "") ?>
        </div>
      </div>
      <div class="field<?cs if:Errors.tracking_no ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-tracking_no">运单号</label>
        <div class="field-body">
          <input id="f-tracking_no" name="tracking_no" class="input mono" maxlength="30" autocomplete="off" spellcheck="false" value="<?cs var:Form.tracking_no ?>"><?cs call:field_msgs("tracking_no", "寄出后将短信通知快递公司和运单号") ?>
        </div>
      </div>
      <div class="form-actions"><button type="submit" class="btn btn-primary">确认寄出并通知</button></div>
    </form><?cs /if ?><?cs if:Order.CanReady ?>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <input type="hidden" name="action" value="ready">
      <p class="field-hint">领取地点：<?cs var:Delivery.PickupAddress ?>；领取时间：<?cs var:Delivery.PickupHours ?>。</p>
      <div class="form-actions"><button type="submit" class="btn btn-primary">通知申请人领取</button></div>
    </form><?cs /if ?><?cs if:Order.CanComplete ?>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <input type="hidden" name="action" value="complete">
      <div class="form-actions"><button type="submit" class="btn btn-primary"><?cs if:Order.Status == "ready" ?>已当面领取，办结<?cs else ?>已签收，办结<?cs /if ?></button></div>
    </form><?cs /if ?>
  </section>

  <section class="panel" id="payments" aria-labelledby="payments-title">
    <h2 class="panel-title" id="payments-title">支付记录</h2><?cs if:Payments.0.Id ?>
    <div class="table-wrap">
      <table class="table">
        <thead><tr><th scope="col">时间</th><th scope="col">方式</th><th scope="col" class="num">金额(元)</th><th scope="col">状态</th><th scope="col">付款方 / 交易号</th><th scope="col">说明</th></tr></thead>
        <tbody><?cs each:p = Payments ?>
          <tr><td class="nowrap"><?cs var:p.At ?></td><td class="nowrap"><?cs var:p.Method ?></td><td class="num"><?cs var:p.Amount ?></td><td><span class="pay pay-<?cs var:p.StatusCode ?>"><?cs var:p.Status ?></span><?cs if:p.Cause ?><br><strong class="refund-cause"><?cs var:p.Cause ?></strong><?cs /if ?><?cs if:p.DecidedBy ?><br><span class="muted"><?cs var:p.DecidedBy ?> <?cs var:p.Decided ?></span><?cs /if ?></td><td><?cs var:p.Payer ?><?cs if:p.PaidOn ?><br>转账日期 <?cs var:p.PaidOn ?><?cs /if ?><?cs if:p.TradeNo ?><br><span class="mono">支付宝交易号 <?cs var:p.TradeNo ?></span><?cs /if ?></td><td><?cs if:p.Slip ?><a href="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;slip=<?cs var:url_escape(p.Slip) ?>" target="_blank" rel="noopener">转账回单</a> <?cs /if ?><?cs var:p.Reason ?></td></tr><?cs /each ?>
        </tbody>
      </table>
    </div><?cs else ?>
    <p class="muted">尚无支付记录。</p><?cs /if ?><?cs if:(Staff.Finance || Staff.Admin) && Pay.CanConfirm ?>
    <h3 class="sub-title">核对结果</h3>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <div class="field">
        <span class="field-label">已到账</span>
        <div class="field-body">
          <button type="submit" name="action" value="confirm_payment" class="btn btn-primary">确认到账</button>
          <p class="field-hint">核实银行到账金额和付款账户与上表一致后确认。</p><?cs if:Pay.ClaimCause ?>
          <p class="alert alert-error" role="alert">该笔转账不能用于支付本业务单（<?cs var:Pay.ClaimCause ?>），确认到账后将列为待退款。</p><?cs /if ?>
        </div>
      </div>
    </form>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <input type="hidden" name="action" value="decline_payment">
      <div class="field<?cs if:Errors.reason ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-decline">未能确认</label>
        <div class="field-body">
          <select name="reason_pick" class="input" aria-label="常见原因">
            <option value="">（选择常见原因）</option>
            <option>未查到该笔到账</option>
            <option>到账金额与应付金额不符</option>
            <option>付款账户名称与申请单位不一致</option>
          </select>
          <textarea id="f-decline" name="reason" class="input" rows="2" maxlength="500" aria-label="说明"></textarea><?cs call:field_msgs("reason", "申请人将在支付页面看到此说明") ?>
          <div class="form-actions-inline"><button type="submit" class="btn btn-danger">未到账，退回</button></div>
        </div>
      </div>
    </form><?cs /if ?><?cs if:(Staff.Finance || Staff.Admin) && Pay.CanRefund ?>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <input type="hidden" name="action" value="refund"><?cs if:Pay.InvoiceIssued ?>
      <p class="alert alert-error" role="alert">该业务单已开具发票：退款前请先在税务系统开具红字发票（红冲）。</p><?cs /if ?>
      <div class="field<?cs if:Errors.reason ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-refund">退款说明</label>
        <div class="field-body">
          <textarea id="f-refund" name="reason" class="input" rows="2" maxlength="500"></textarea><?cs call:field_msgs("reason", "如退款方式、退款日期、银行或支付宝退款流水号") ?>
        </div>
      </div>
      <div class="form-actions"><button type="submit" class="btn btn-danger">登记退款</button></div>
    </form><?cs /if ?>
  </section>

  <section class="panel" id="invoices" aria-labelledby="invoices-title">
    <h2 class="panel-title" id="invoices-title">开票申请</h2><?cs if:Invoices.0.Id ?>
    <div class="table-wrap">
      <table class="table">
        <thead><tr><th scope="col">申请时间</th><th scope="col">发票类型</th><th scope="col">发票抬头</th><th scope="col">状态</th><th scope="col">发票号码 / 驳回原因</th><th scope="col" class="act">操作</th></tr></thead>
        <tbody><?cs each:i = Invoices ?>
          <tr><td class="nowrap"><?cs var:i.Requested ?></td><td class="nowrap"><?cs var:i.Type ?></td><td><?cs var:i.Name ?></td><td><span class="inv inv-<?cs var:i.StatusCode ?>"><?cs var:i.Status ?></span></td><td><?cs if:i.Number ?><span class="mono"><?cs var:i.Number ?></span><?cs else ?><?cs var:i.Reason ?><?cs /if ?></td><td class="act"><?cs if:Staff.Finance || Staff.Admin ?><a href="/cgi-bin/admin.fcgi?invoice=<?cs var:url_escape(i.Id) ?>"><?cs if:i.StatusCode == "pending" ?>开具<?cs else ?>查看<?cs /if ?></a><?cs /if ?></td></tr><?cs /each ?>
        </tbody>
      </table>
    </div><?cs else ?>
    <p class="muted">尚未申请开票。</p><?cs /if ?>
  </section>

  <section class="panel" aria-labelledby="history-title">
    <h2 class="panel-title" id="history-title">办理记录</h2>
    <ul class="timeline"><?cs each:h = History ?><?cs if:h.At ?>
      <li><span class="nowrap"><?cs var:h.At ?></span>　<span class="muted"><?cs var:h.Who ?></span>　<?cs if:h.From && h.From == h.To ?><?cs var:h.Reason ?><?cs else ?><?cs if:h.From ?><?cs var:h.From ?> → <?cs /if ?><?cs var:h.To ?><?cs if:h.Reason ?>：<?cs var:h.Reason ?><?cs /if ?><?cs /if ?></li><?cs /if ?><?cs /each ?>
    </ul>
  </section>

  <section class="panel" id="notes" aria-labelledby="notes-title">
    <h2 class="panel-title" id="notes-title">内部备注（申请人不可见）</h2>
    <ul class="notes"><?cs each:n = Notes ?><?cs if:n.At ?>
      <li><span class="muted"><?cs var:n.At ?> · <?cs var:n.Login ?></span><p><?cs var:n.Body ?></p></li><?cs /if ?><?cs /each ?>
    </ul>
    <form method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <input type="hidden" name="action" value="note">
      <textarea name="note" class="input" rows="2" maxlength="1000" aria-label="备注内容"></textarea>
      <div class="form-actions"><button type="submit" class="btn btn-default">添加备注</button></div>
    </form>
  </section>
<?cs if:Order.CanCancel ?>

  <section class="panel" aria-labelledby="cancel-title">
    <h2 class="panel-title" id="cancel-title">取消业务单</h2>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <input type="hidden" name="action" value="cancel">
      <div class="field">
        <label class="field-label" for="f-cancel">取消原因</label>
        <div class="field-body">
          <select name="reason_pick" class="input" aria-label="常见原因">
            <option value="">（不选）</option>
            <option>申请人要求取消</option>
            <option>重复申请</option>
            <option>超过期限未补正材料</option>
          </select>
          <textarea id="f-cancel" name="reason" class="input" rows="2" maxlength="500"></textarea>
          <p class="field-hint">取消后将短信通知<?cs if:Order.subject == "personal" ?>申请人<?cs else ?>经办人<?cs /if ?>；已付款项由财务登记退款。</p>
        </div>
      </div>
      <div class="form-actions"><button type="submit" class="btn btn-danger">取消业务单</button></div>
    </form>
  </section><?cs /if ?>
<?cs include:"layout/staff_footer.cs" ?>
