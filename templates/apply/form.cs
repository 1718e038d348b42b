<?cs # templates/apply/form.cs: the application form (填写申请表) for 企业证书 and 个人证书, new, renewal and reissue ?>
<?cs include:"layout/header.cs" ?><?cs
def:option(name, value, label) ?><option value="<?cs var:value ?>"<?cs if:Form[name] == value ?> selected<?cs /if ?>><?cs var:label ?></option><?cs /def ?><?cs
def:select_row(name, label, req, hint) ?>
    <div class="field<?cs if:Errors[name] ?> has-error<?cs /if ?>">
      <?cs call:field_label(name, label, req) ?>
      <div class="field-body">
      <select id="f-<?cs var:name ?>" name="<?cs var:name ?>" class="input<?cs if:Errors[name] ?> is-invalid<?cs /if ?>"<?cs if:Page.AmountLocked && (name == "project" || name == "years" || name == "cert_count") ?> disabled<?cs /if ?><?cs if:Errors[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>><?cs
/def ?><?cs
def:select_end(name, hint) ?></select><?cs call:field_msgs(name, hint) ?>
      </div>
    </div><?cs
/def ?>
  <h1 class="page-title" id="page-title"><?cs var:Page.Title ?> · <?cs var:Page.SubjectLabel ?>证书</h1>
<?cs call:steps(1) ?>
  <form class="form apply-form" method="post" action="/cgi-bin/<?cs if:Form.kind == "new" ?>apply<?cs else ?>renew<?cs /if ?>.fcgi" novalidate>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <input type="hidden" name="subject" value="<?cs var:Form.subject ?>">
    <input type="hidden" name="kind" value="<?cs var:Form.kind ?>"><?cs if:Page.Order ?>
    <input type="hidden" name="order" value="<?cs var:Page.Order ?>"><?cs /if ?><?cs if:Form.prev_order ?>
    <input type="hidden" name="prev_order" value="<?cs var:Form.prev_order ?>"><?cs /if ?>
<?cs call:default_button("save", "保存并下一步") ?><?cs if:Page.OpenOrder ?>
    <p class="alert alert-info">已有的申请：<a href="/cgi-bin/orders.fcgi?order=<?cs var:Page.OpenOrder ?>">业务单 <?cs var:Page.OpenOrder ?></a></p><?cs /if ?><?cs if:Page.AmountLocked ?>
    <p class="alert alert-info">该业务单已支付或已申报支付，项目应用、申请年限和证书个数不能再修改。</p><?cs /if ?>

    <section class="panel" aria-labelledby="cert-title">
      <h2 class="panel-title" id="cert-title">证书信息</h2>
      <div class="field">
        <span class="field-label">证书类型</span>
        <div class="field-body"><p class="static"><?cs var:Page.CertType ?>（<?cs var:Page.Title ?>）</p></div>
      </div><?cs if:Form.kind != "new" && !Form.prev_order ?>
<?cs call:field("cert_serial", "证书序列号", "text", 1, "在其他渠道办理的证书，请填写其序列号") ?><?cs elif:Form.kind != "new" ?>
      <div class="field">
        <span class="field-label">原业务单号</span>
        <div class="field-body"><p class="static mono"><?cs var:Form.prev_order ?></p></div>
      </div><?cs if:Form.cert_serial ?>
      <div class="field">
        <span class="field-label">证书序列号</span>
        <div class="field-body"><p class="static mono"><?cs var:Form.cert_serial ?></p><input type="hidden" name="cert_serial" value="<?cs var:Form.cert_serial ?>"></div>
      </div><?cs /if ?><?cs /if ?>
<?cs call:select_row("project", "项目应用", 1, "") ?>
        <option value="">请选择</option><?cs call:option("project", "bidding", "工程招投标") ?><?cs call:option("project", "procurement", "政府采购") ?><?cs call:option("project", "both", "政府采购+工程招投标") ?><?cs call:option("project", "other", "其他") ?>
<?cs call:select_end("project", "同时办理政府采购和工程招投标证书时，请选择“政府采购+工程招投标”") ?>
<?cs call:select_row("years", "申请年限", 1, "") ?><?cs call:option("years", "1", "1年") ?><?cs call:option("years", "2", "2年") ?><?cs call:option("years", "3", "3年") ?><?cs call:option("years", "4", "4年") ?><?cs call:option("years", "5", "5年") ?>
<?cs call:select_end("years", "") ?><?cs if:Form.subject == "enterprise" ?>
<?cs call:select_row("cert_count", "证书个数", 1, "") ?><?cs loop:i = 1, 20, 1 ?><option value="<?cs var:i ?>"<?cs if:Form.cert_count == i ?> selected<?cs /if ?>><?cs var:i ?>个</option><?cs /loop ?>
<?cs call:select_end("cert_count", "") ?><?cs /if ?><?cs if:Page.AmountLocked ?>
      <input type="hidden" name="project" value="<?cs var:Form.project ?>">
      <input type="hidden" name="years" value="<?cs var:Form.years ?>">
      <input type="hidden" name="cert_count" value="<?cs var:Form.cert_count ?>"><?cs /if ?>
      <div class="field fee-row">
        <span class="field-label">申请费用</span>
        <div class="field-body">
          <p class="fee" id="fee" aria-live="polite"><?cs if:Page.FeeYuan ?><strong><?cs var:Page.FeeYuan ?></strong> 元<?cs else ?>选择项目应用和申请年限后显示<?cs /if ?></p>
          <button type="submit" name="action" value="quote" class="btn btn-default btn-small" formnovalidate>计算费用</button>
        </div>
      </div>
    </section>
<?cs if:Form.subject == "enterprise" ?>
    <section class="panel" aria-labelledby="org-title">
      <h2 class="panel-title" id="org-title">单位信息</h2>
<?cs call:field("org_name", "单位名称（全称）", "text", 1, "与营业执照上的名称一致") ?>
<?cs call:select_row("org_nature", "企业性质", 1, "") ?>
        <option value="">请选择</option><?cs call:option("org_nature", "state", "国有企业") ?><?cs call:option("org_nature", "private", "民营企业") ?><?cs call:option("org_nature", "foreign", "外资企业") ?><?cs call:option("org_nature", "public", "事业单位") ?><?cs call:option("org_nature", "government", "机关") ?><?cs call:option("org_nature", "social", "社会团体") ?><?cs call:option("org_nature", "other", "其他") ?>
<?cs call:select_end("org_nature", "") ?>
<?cs call:field("uscc", "统一社会信用代码", "text", 1, "18位，可在全国组织机构统一社会信用代码数据服务中心查询") ?>
      <p class="field-aside"><?cs if:Form.OrgCode ?>机构代码：<strong><?cs var:Form.OrgCode ?></strong>　<?cs /if ?><a href="https://www.cods.org.cn/" target="_blank" rel="noopener noreferrer">【全国组织机构统一社会信用代码查询平台】</a></p>
<?cs call:field("seal_code", "印章编码", "text", 0, "如有，请填写印章上的编码") ?>
    </section>

    <section class="panel" aria-labelledby="legal-title">
      <h2 class="panel-title" id="legal-title">法定代表人</h2>
<?cs call:field("legal_name", "法定代表人姓名", "text", 1, "") ?>
<?cs call:field("legal_id_no", "法定代表人身份证号", "text", 1, "18位居民身份证号码") ?>
    </section>

    <section class="panel" aria-labelledby="agent-title">
      <h2 class="panel-title" id="agent-title">经办人信息</h2>
      <p class="panel-lead">审核结果、寄送和领取通知都将以短信发送给经办人。</p>
<?cs call:field("agent_name", "经办人姓名", "text", 1, "") ?>
<?cs call:field("agent_mobile", "经办人手机", "tel", 1, "") ?>
<?cs call:field("agent_email", "经办人邮箱", "email", 1, "") ?>
<?cs call:select_row("agent_id_type", "证件类型", 1, "") ?><?cs call:option("agent_id_type", "id_card", "居民身份证") ?><?cs call:option("agent_id_type", "passport", "护照") ?><?cs call:option("agent_id_type", "hk_macau", "港澳居民来往内地通行证") ?><?cs call:option("agent_id_type", "taiwan", "台湾居民来往大陆通行证") ?>
<?cs call:select_end("agent_id_type", "") ?>
<?cs call:field("agent_id_no", "证件号码", "text", 1, "") ?>
<?cs call:field("agent_address", "联系地址", "text", 1, "") ?>
    </section>
<?cs else ?>
    <section class="panel" aria-labelledby="person-title">
      <h2 class="panel-title" id="person-title">申请人信息</h2>
<?cs call:field("name", "姓名", "text", 1, "") ?>
<?cs call:field("id_no", "身份证号码", "text", 1, "18位居民身份证号码") ?>
<?cs call:field("mobile", "手机号码", "tel", 1, "审核结果等通知将发送到该手机") ?>
<?cs call:field("email", "电子邮箱", "email", 1, "") ?>
<?cs call:field("address", "联系地址", "text", 1, "") ?>
    </section>
<?cs /if ?>
    <section class="panel" aria-labelledby="delivery-title">
      <h2 class="panel-title" id="delivery-title">领取方式</h2>
      <div class="field<?cs if:Errors.delivery ?> has-error<?cs /if ?>">
        <span class="field-label"><span class="req" aria-hidden="true">*</span>领取方式</span>
        <div class="field-body radio-row">
          <label><input type="radio" name="delivery" value="pickup"<?cs if:Form.delivery != "mail" ?> checked<?cs /if ?>> 到服务大厅自取</label>
          <label><input type="radio" name="delivery" value="mail"<?cs if:Form.delivery == "mail" ?> checked<?cs /if ?>> 邮寄（到付）</label><?cs call:field_msgs("delivery", "") ?>
        </div>
      </div>
<?cs call:field("mail_name", "收件人", "text", 0, "选择邮寄时填写") ?>
<?cs call:field("mail_mobile", "收件人手机", "tel", 0, "") ?>
<?cs call:field("mail_address", "收件地址", "text", 0, "") ?>
    </section>

    <section class="panel" aria-labelledby="agree-title">
      <h2 class="panel-title" id="agree-title">协议与授权</h2>
      <p class="notice-text">请认真阅读《CFCA网上平台办理协议书》，根据实际情况填写证书申请的详细信息，保证信息真实，并上传清晰的扫描件以供审核。</p>
      <div class="check-row<?cs if:Errors.agree ?> has-error<?cs /if ?>">
        <label><input type="checkbox" name="agree" value="1"<?cs if:Form.agree == "1" ?> checked<?cs /if ?>><span>我同意<a href="/cgi-bin/upload.fcgi?page=agreement">《CFCA网上平台办理协议书》</a></span></label><?cs call:field_msgs("agree", "") ?>
      </div>
      <div class="check-row<?cs if:Errors.consent ?> has-error<?cs /if ?>">
        <label><input type="checkbox" name="consent" value="1"<?cs if:Form.consent == "1" ?> checked<?cs /if ?>><span>我同意平台为办理数字证书处理上述个人信息，包括身份证件号码等敏感个人信息（详见<a href="/cgi-bin/home.fcgi?page=privacy">《隐私政策》</a>）</span></label><?cs call:field_msgs("consent", "") ?>
      </div>
      <p class="field-hint">保存草稿时可暂不勾选；提交申请前须勾选以上两项。</p>
    </section>

    <div class="form-actions form-actions-main">
      <button type="submit" name="action" value="save" class="btn btn-primary">保存并下一步</button>
      <a class="btn btn-default" href="/cgi-bin/orders.fcgi">返回业务单管理</a>
    </div>
  </form>
  <script src="/js/apply.js" defer></script>
<?cs include:"layout/footer.cs" ?>
