<?cs # templates/admin/invoice.cs: one invoice request for finance: the title exactly as it will be printed, the order, and the forms to issue it (number + PDF/OFD file, e-mailed) or reject it ?><?cs
def:kv(label, value) ?><dt><?cs var:label ?></dt><dd><?cs var:value ?></dd><?cs /def ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title">开票申请</h1>
  <section class="panel" aria-labelledby="request-title">
    <h2 class="panel-title" id="request-title"><?cs var:Invoice.Type ?></h2>
    <dl class="kv kv-wide">
<dt>开票状态</dt><dd><span class="inv inv-<?cs var:Invoice.StatusCode ?>"><?cs var:Invoice.Status ?></span></dd>
<dt>业务单号</dt><dd><a class="mono" href="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(Invoice.Order) ?>#invoices"><?cs var:Invoice.Order ?></a></dd>
<?cs call:kv("开票金额(元)", Invoice.Amount) ?>
<?cs call:kv("申请时间", Invoice.Requested) ?><?cs if:Invoice.Decided ?>
<?cs call:kv("处理时间", Invoice.Decided) ?><?cs /if ?>
    </dl>
  </section>

  <section class="panel" aria-labelledby="title-title">
    <h2 class="panel-title" id="title-title">发票抬头（按此开具）</h2>
    <dl class="kv kv-wide invoice-title-copy">
<?cs call:kv("抬头类型", Invoice.Kind) ?>
<?cs call:kv("名称", Invoice.Name) ?><?cs if:Invoice.TaxId ?>
<?cs call:kv("纳税人识别号", Invoice.TaxId) ?><?cs /if ?><?cs if:Invoice.Address || Invoice.Phone ?>
<?cs call:kv("地址、电话", Invoice.Address + " " + Invoice.Phone) ?><?cs /if ?><?cs if:Invoice.Bank || Invoice.Account ?>
<?cs call:kv("开户行及账号", Invoice.Bank + " " + Invoice.Account) ?><?cs /if ?>
<?cs call:kv("接收邮箱", Invoice.Email) ?>
    </dl>
  </section><?cs
if:Invoice.StatusCode == "issued" ?>

  <section class="panel" aria-labelledby="issued-title">
    <h2 class="panel-title" id="issued-title">已开具</h2>
    <dl class="kv kv-wide">
<?cs call:kv("发票号码", Invoice.Number) ?>
<?cs call:kv("文件格式", Invoice.FileType) ?>
    </dl>
    <p class="invoice-download"><a class="btn btn-default" href="/cgi-bin/admin.fcgi?invoice=<?cs var:url_escape(Invoice.Id) ?>&amp;download=1">下载发票文件</a></p>
  </section><?cs
elif:Invoice.StatusCode == "rejected" ?>

  <section class="panel" aria-labelledby="rejected-title">
    <h2 class="panel-title" id="rejected-title">已驳回</h2>
    <p class="pay-reason"><?cs var:Invoice.Reason ?></p>
  </section><?cs
else ?>

  <section class="panel" aria-labelledby="issue-title">
    <h2 class="panel-title" id="issue-title">开具发票</h2>
    <p class="panel-lead">上传税务系统开具的电子发票文件（PDF 或 OFD），系统将原文件作为附件发送到 <strong><?cs var:Invoice.Email ?></strong>，申请人也可在业务单中下载。</p>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi/invoice_issue" enctype="multipart/form-data">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="invoice" value="<?cs var:Invoice.Id ?>">
      <input type="hidden" name="action" value="invoice_issue"><?cs
  call:field("number", "发票号码", "text", 1, "8至20位数字或字母") ?>
      <div class="field<?cs if:Errors.file ?> has-error<?cs /if ?>">
        <?cs call:field_label("file", "发票文件", 1) ?>
        <div class="field-body">
          <input id="f-file" name="file" type="file" accept=".pdf,.ofd,application/pdf,application/ofd" class="input-file<?cs if:Errors.file ?> is-invalid<?cs /if ?>" required aria-required="true"<?cs if:Errors.file ?> aria-invalid="true" aria-describedby="e-file"<?cs /if ?>><?cs call:field_msgs("file", "") ?>
        </div>
      </div>
      <div class="form-actions"><button type="submit" class="btn btn-primary">开具并发送</button></div>
    </form>
  </section>

  <section class="panel" aria-labelledby="reject-title">
    <h2 class="panel-title" id="reject-title">驳回申请</h2>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="invoice" value="<?cs var:Invoice.Id ?>">
      <input type="hidden" name="action" value="invoice_reject">
      <div class="field<?cs if:Errors.reason ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-reason">驳回原因</label>
        <div class="field-body">
          <select name="reason_pick" class="input" aria-label="常见原因">
            <option value="">（选择常见原因）</option>
            <option>发票抬头名称与纳税人识别号不一致</option>
            <option>专用发票的开户行或账号有误</option>
            <option>业务单已退款</option>
          </select>
          <textarea id="f-reason" name="reason" class="input" rows="2" maxlength="500"><?cs var:Form.reason ?></textarea><?cs call:field_msgs("reason", "申请人将在业务单中看到此原因，可修改抬头后重新申请") ?>
          <div class="form-actions-inline"><button type="submit" class="btn btn-danger">驳回</button></div>
        </div>
      </div>
    </form>
  </section><?cs
/if ?>
  <p class="page-back"><a class="btn btn-default" href="/cgi-bin/admin.fcgi?view=invoices">返回开票管理</a></p>
<?cs include:"layout/staff_footer.cs" ?>
