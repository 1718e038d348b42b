<?cs # templates/invoice/titles.cs: 发票抬头管理: the applicant's invoice titles (编辑, 删除, 设为默认) and the form to add one (增加发票抬头) or edit one, with kind 单位/个人 ?>
<?cs set:Layout.Crumb = "center" ?><?cs include:"layout/header.cs" ?>
  <div class="page-head">
    <h1 class="page-title" id="page-title">发票抬头管理</h1>
    <p class="page-head-actions"><?cs if:Edit.Id ?><a class="btn btn-primary" href="/cgi-bin/invoice.fcgi#title-form">增加发票抬头</a><?cs else ?><a class="btn btn-primary" href="#title-form">增加发票抬头</a><?cs /if ?><a class="btn btn-default" href="/cgi-bin/orders.fcgi">业务单管理</a></p>
  </div><?cs if:Page.Next ?>
  <p class="alert alert-info" role="status">添加发票抬头后，将自动返回开票申请页面。<a href="<?cs var:Page.Next ?>">返回开票申请</a></p><?cs /if ?>
  <section class="panel invoice-titles" aria-labelledby="list-title">
    <h2 class="panel-title" id="list-title">我的发票抬头</h2><?cs if:TitleCount > 0 ?>
    <div class="table-wrap">
      <table class="table table-stack title-table">
        <thead>
          <tr><th scope="col" class="col-no">序号</th><th scope="col">抬头类型</th><th scope="col">发票抬头</th><th scope="col">纳税人识别号</th><th scope="col">地址、电话</th><th scope="col">开户行及账号</th><th scope="col">接收邮箱</th><th scope="col" class="act">操作</th></tr>
        </thead>
        <tbody><?cs each:t = Titles ?>
          <tr<?cs if:t.Id == Edit.Id ?> class="is-editing"<?cs /if ?>>
            <td data-label="序号" class="col-no"><?cs var:t.No ?></td>
            <td data-label="抬头类型" class="nowrap"><?cs var:t.KindLabel ?></td>
            <td data-label="发票抬头" class="title-name"><span><?cs var:t.Name ?><?cs if:t.Default ?> <span class="badge badge-default">默认</span><?cs /if ?></span></td>
            <td data-label="纳税人识别号" class="mono"><?cs if:t.TaxId ?><?cs var:t.TaxId ?><?cs else ?><span class="dv-empty">—</span><?cs /if ?></td>
            <td data-label="地址、电话" class="title-pair"><?cs if:t.Address || t.Phone ?><span><?cs var:t.Address ?></span><br><span class="nowrap"><?cs var:t.Phone ?></span><?cs else ?><span class="dv-empty">—</span><?cs /if ?></td>
            <td data-label="开户行及账号" class="title-pair"><?cs if:t.Bank || t.Account ?><span><?cs var:t.Bank ?></span><br><span class="nowrap mono"><?cs var:t.Account ?></span><?cs else ?><span class="dv-empty">—</span><?cs /if ?></td>
            <td data-label="接收邮箱" class="title-email"><?cs var:t.Email ?></td>
            <td data-label="操作" class="act"><span class="ops"><a class="op" href="/cgi-bin/invoice.fcgi?title=<?cs var:t.Id ?>#title-form">编辑</a><?cs if:!t.Default ?>
              <form class="inline-form" method="post" action="/cgi-bin/invoice.fcgi">
                <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
                <input type="hidden" name="id" value="<?cs var:t.Id ?>">
                <button type="submit" name="action" value="title_default" class="op op-button">设为默认</button>
              </form><?cs /if ?>
              <form class="inline-form title-delete" method="post" action="/cgi-bin/invoice.fcgi">
                <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
                <input type="hidden" name="id" value="<?cs var:t.Id ?>">
                <button type="submit" name="action" value="title_delete" class="op op-button op-danger" aria-label="删除发票抬头 <?cs var:t.Name ?>">删除</button>
              </form></span></td>
          </tr><?cs /each ?>
        </tbody>
      </table>
    </div>
    <p class="muted">开票申请时可从以上抬头中选择，默认抬头将预先选中。修改或删除抬头不影响已提交的开票申请。</p><?cs else ?>
    <div class="empty-state">
      <p class="empty-title">您还没有发票抬头</p>
      <p class="muted">申请开票前，请先增加发票抬头。单位可开具增值税普通发票或增值税专用发票，个人可开具增值税普通发票。</p>
      <p class="empty-actions"><a class="btn btn-primary" href="#title-form">增加发票抬头</a></p>
    </div><?cs /if ?>
  </section>

  <section class="panel" id="title-form" aria-labelledby="form-title">
    <h2 class="panel-title" id="form-title"><?cs if:Edit.Id ?>编辑发票抬头<?cs else ?>增加发票抬头<?cs /if ?></h2>
    <form method="post" action="/cgi-bin/invoice.fcgi" class="form invoice-form" id="invoice-title-form">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs if:Edit.Id ?>
      <input type="hidden" name="action" value="title_edit">
      <input type="hidden" name="id" value="<?cs var:Edit.Id ?>"><?cs else ?>
      <input type="hidden" name="action" value="title_add"><?cs /if ?><?cs if:Page.Next ?>
      <input type="hidden" name="next" value="<?cs var:Page.Next ?>"><?cs /if ?>
      <div class="field<?cs if:Errors.kind ?> has-error<?cs /if ?>">
        <span class="field-label" id="l-kind"><span class="req" aria-hidden="true">*</span>抬头类型</span>
        <div class="field-body radio-row" role="radiogroup" aria-labelledby="l-kind"<?cs if:Errors.kind ?> aria-describedby="e-kind"<?cs /if ?>>
          <label><input type="radio" name="kind" value="company"<?cs if:Form.kind != "personal" ?> checked<?cs /if ?>> 单位</label>
          <label><input type="radio" name="kind" value="personal"<?cs if:Form.kind == "personal" ?> checked<?cs /if ?>> 个人</label><?cs call:field_msgs("kind", "") ?>
        </div>
      </div>
<?cs call:field("name", "发票抬头", "text", 1, "单位全称或个人姓名，将作为发票上的购买方名称") ?>
<?cs call:field("tax_id", "纳税人识别号", "text", 0, "单位必填：统一社会信用代码或纳税人识别号；个人可不填") ?>
<?cs call:field("address", "地址", "text", 0, "开具增值税专用发票时必填，下同") ?>
<?cs call:field("phone", "电话", "text", 0, "固定电话如 0591-87654321，或手机号") ?>
<?cs call:field("bank", "开户行", "text", 0, "如：中国工商银行福州分行营业部") ?>
<?cs call:field("account", "银行账号", "text", 0, "") ?>
<?cs call:field("email", "接收邮箱", "email", 1, "开具的电子发票将发送至该邮箱") ?>
      <div class="field check-field">
        <span class="field-label"></span>
        <div class="field-body check-row">
          <label><input type="checkbox" name="default" value="1"<?cs if:Form.default == "1" ?> checked<?cs /if ?>> 设为默认发票抬头</label>
        </div>
      </div>
      <div class="note invoice-note">
        <p>增值税专用发票仅可开具给单位，且须填写完整的纳税人识别号、地址、电话、开户行及账号；个人抬头只能开具增值税普通发票。</p>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary"><?cs if:Edit.Id ?>保存修改<?cs else ?>保存发票抬头<?cs /if ?></button><?cs if:Edit.Id ?>
        <a class="btn btn-default" href="/cgi-bin/invoice.fcgi">取消编辑</a><?cs elif:Page.Next ?>
        <a class="btn btn-default" href="<?cs var:Page.Next ?>">返回开票申请</a><?cs /if ?>
      </div>
    </form>
  </section>
  <script src="/js/invoice.js" defer></script>
<?cs include:"layout/footer.cs" ?>
