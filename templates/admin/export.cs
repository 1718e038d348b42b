<?cs # templates/admin/export.cs: 数据导出 for admin and finance: the CSV export form (orders, payments or invoices over a date range) ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title">数据导出</h1>
  <section class="panel" aria-labelledby="export-title">
    <h2 class="panel-title" id="export-title">导出 CSV 文件</h2>
    <p class="muted">文件为 UTF-8 编码（带字节顺序标记），可直接用 Excel 或 WPS 打开；业务单号等长数字按文本保存，证件号码已脱敏。业务单按提交日期、支付记录按登记日期、发票按申请日期筛选，起止日期均包含在内。每次导出记入审计日志。</p>
    <form class="form" method="get" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="view" value="export">
      <div class="field<?cs if:Errors.what ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-what"><span class="req" aria-hidden="true">*</span>导出内容</label>
        <div class="field-body">
          <select id="f-what" name="what" class="input">
            <option value="orders"<?cs if:Form.what == "orders" ?> selected<?cs /if ?>>业务单</option>
            <option value="payments"<?cs if:Form.what == "payments" ?> selected<?cs /if ?>>支付记录</option>
            <option value="invoices"<?cs if:Form.what == "invoices" ?> selected<?cs /if ?>>发票</option>
          </select><?cs call:field_msgs("what", "") ?>
        </div>
      </div>
      <div class="field<?cs if:Errors.from ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-from"><span class="req" aria-hidden="true">*</span>开始日期</label>
        <div class="field-body">
          <input id="f-from" name="from" type="date" class="input<?cs if:Errors.from ?> is-invalid<?cs /if ?>" value="<?cs var:Form.from ?>" required aria-required="true"<?cs if:Errors.from ?> aria-invalid="true" aria-describedby="e-from"<?cs /if ?>><?cs call:field_msgs("from", "") ?>
        </div>
      </div>
      <div class="field<?cs if:Errors.to ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-to"><span class="req" aria-hidden="true">*</span>结束日期</label>
        <div class="field-body">
          <input id="f-to" name="to" type="date" class="input<?cs if:Errors.to ?> is-invalid<?cs /if ?>" value="<?cs var:Form.to ?>" required aria-required="true"<?cs if:Errors.to ?> aria-invalid="true" aria-describedby="e-to"<?cs /if ?>><?cs call:field_msgs("to", "") ?>
        </div>
      </div>
      <div class="form-actions"><button type="submit" class="btn btn-primary">下载 CSV</button></div>
    </form>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
