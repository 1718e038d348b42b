<?cs # templates/upload/print.cs: the printable A4 page of an order's application form (数字证书及电子印章申请表) or authorization letter (授权书) ?><?cs
# The same content as the PDF of lib/formpdf.c (form_pdf), laid out for an A4 page.
# Data: Print.Doc (form|authorization), Print.Seal (a seal image is uploaded), Print.Created
# (申请日期), Print.Date (now),
# Order.* (order_to_hdf with full ID numbers) with Order.NatureLabel and Order.IdTypeLabel,
# Doc.CheckCode, Doc.QrText (form_to_hdf). ?><?cs
def:blank(v) ?><?cs if:v ?> <?cs var:v ?> <?cs else ?>　　　　　　<?cs /if ?><?cs /def ?><?cs
set:Layout.Crumb = "none" ?><?cs include:"layout/header.cs" ?>
  <div class="print-bar">
    <p class="print-tip">请使用浏览器的“打印”功能（Ctrl+P / ⌘P），选择A4纸张打印本页，核对无误后签字盖章。</p>
    <p class="print-actions">
      <a class="btn btn-default btn-small" href="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>">返回上传材料</a>
      <a class="btn btn-secondary btn-small" href="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;doc=<?cs var:url_escape(Print.Doc) ?>">下载PDF版</a>
    </p>
  </div>
  <article class="sheet" aria-labelledby="page-title">
    <header class="sheet-head">
      <div class="sheet-heading">
        <p class="sheet-issuer"><?cs call:site_name() ?></p>
        <h1 class="sheet-title" id="page-title"><?cs var:Page.Title ?></h1>
        <p class="sheet-no"><strong>业务单号：<?cs var:Order.Id ?></strong><span class="sheet-sep" aria-hidden="true">|</span>申请日期：<?cs var:Print.Created ?></p>
      </div>
      <figure class="sheet-qr">
        <img src="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;doc=<?cs var:url_escape(Print.Doc) ?>&amp;qr=1" alt="校验二维码：<?cs var:Doc.QrText ?>" width="116" height="116">
        <figcaption>校验码 <?cs var:Doc.CheckCode ?></figcaption>
      </figure>
    </header><?cs if:Print.Doc == "form" ?>
    <p class="sheet-lead"><?cs if:Order.subject == "personal" ?>以下信息由申请人填写（已按在线申请预填，请核对无误后打印、签字）<?cs else ?>以下信息由申请机构填写（已按在线申请预填，请核对无误后打印、加盖公章）<?cs /if ?></p>
    <table class="sheet-table">
      <caption class="sr-only"><?cs var:Page.Title ?></caption>
      <tbody><?cs if:Order.subject == "personal" ?>
        <tr><th colspan="4" scope="colgroup" class="sheet-group">申请人信息</th></tr>
        <tr><th scope="row">姓名</th><td><?cs var:Order.name ?></td><th scope="row">证件类型</th><td>居民身份证</td></tr>
        <tr><th scope="row">证件号码</th><td colspan="3" class="sheet-mono"><?cs var:Order.id_no ?></td></tr>
        <tr><th scope="row">手机</th><td><?cs var:Order.mobile ?></td><th scope="row">邮箱</th><td><?cs var:Order.email ?></td></tr>
        <tr><th scope="row">联系地址</th><td colspan="3"><?cs var:Order.address ?></td></tr>
        <tr><th colspan="4" scope="colgroup" class="sheet-group">证书信息</th></tr>
        <tr><th scope="row">申请类型</th><td><?cs var:Order.KindLabel ?></td><th scope="row">证书类型</th><td><?cs var:Order.CertType ?></td></tr>
        <tr><th scope="row">项目应用</th><td><?cs var:Order.ProjectLabel ?></td><th scope="row">证书年限</th><td><?cs var:Order.years ?> 年</td></tr><?cs else ?>
        <tr><th colspan="4" scope="colgroup" class="sheet-group">机构信息</th></tr>
        <tr><th scope="row">机构名称（全称）</th><td colspan="3"><?cs var:Order.org_name ?></td></tr>
        <tr><th scope="row">统一社会信用代码</th><td class="sheet-mono"><?cs var:Order.uscc ?></td><th scope="row">机构代码</th><td class="sheet-mono"><?cs var:Order.OrgCode ?></td></tr>
        <tr><th scope="row">机构性质</th><td><?cs var:Order.NatureLabel ?></td><th scope="row">项目应用</th><td><?cs var:Order.ProjectLabel ?></td></tr>
        <tr><th scope="row">法定代表人姓名</th><td><?cs var:Order.legal_name ?></td><th scope="row">证件号码</th><td class="sheet-mono"><?cs var:Order.legal_id_no ?></td></tr>
        <tr><th colspan="4" scope="colgroup" class="sheet-group">证书信息</th></tr>
        <tr><th scope="row">申请类型</th><td><?cs var:Order.KindLabel ?></td><th scope="row">证书类型</th><td><?cs var:Order.CertType ?></td></tr>
        <tr><th scope="row">申请机构证书个数</th><td><?cs var:Order.cert_count ?> 个</td><th scope="row">机构证书年限</th><td><?cs var:Order.years ?> 年</td></tr><?cs /if ?><?cs if:Order.prev_order || Order.cert_serial ?>
        <tr><th scope="row">原业务单号</th><td class="sheet-mono"><?cs var:Order.prev_order ?></td><th scope="row">原证书序列号</th><td class="sheet-mono"><?cs var:Order.cert_serial ?></td></tr><?cs /if ?>
        <tr><th scope="row">申请费用</th><td><?cs var:Order.AmountYuan ?> 元</td><th scope="row">领取方式</th><td><?cs if:Order.delivery == "mail" ?>邮寄<?cs else ?>自取（到受理点领取）<?cs /if ?></td></tr><?cs if:Order.delivery == "mail" ?>
        <tr><th scope="row">收件人</th><td><?cs var:Order.mail_name ?></td><th scope="row">收件电话</th><td><?cs var:Order.mail_mobile ?></td></tr>
        <tr><th scope="row">邮寄地址</th><td colspan="3"><?cs var:Order.mail_address ?></td></tr><?cs /if ?><?cs if:Order.subject != "personal" ?>
        <tr><th colspan="4" scope="colgroup" class="sheet-group">经办人信息</th></tr>
        <tr><th scope="row">经办人姓名</th><td><?cs var:Order.agent_name ?></td><th scope="row">电话</th><td><?cs var:Order.agent_mobile ?></td></tr>
        <tr><th scope="row">证件类型</th><td><?cs var:Order.IdTypeLabel ?></td><th scope="row">证件号码</th><td class="sheet-mono"><?cs var:Order.agent_id_no ?></td></tr>
        <tr><th scope="row">邮箱</th><td colspan="3"><?cs var:Order.agent_email ?></td></tr>
        <tr><th scope="row">联系地址</th><td colspan="3"><?cs var:Order.agent_address ?></td></tr>
        <tr><th colspan="4" scope="colgroup" class="sheet-group">电子印章</th></tr>
        <tr><th scope="row">印章编码</th><td><?cs var:Order.seal_code ?></td><th scope="row">印章图样</th><td class="sheet-seal"><?cs if:Print.Seal ?><img src="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;view=seal" alt="已上传的印章图片" width="100" height="100"><?cs else ?><span class="sheet-none">（未上传印章图片）</span><?cs /if ?></td></tr><?cs /if ?>
        <tr><th colspan="4" scope="colgroup" class="sheet-group">申请声明</th></tr>
        <tr><td colspan="4" class="sheet-declare-cell">
          <p class="sheet-declare"><?cs if:Order.subject == "personal" ?><strong>申请人声明：</strong>本人承诺以上所填信息及提交的身份证明材料真实、准确、完整、有效；已认真阅读并同意《CFCA网上平台办理协议书》，知悉数字证书的用途和使用责任，将妥善保管证书介质及其密码。因信息不实或保管不善造成的损失，由本人承担相应责任。<?cs else ?><strong>申请机构声明：</strong>本机构承诺以上所填信息及提交的证明材料真实、准确、完整、有效；已认真阅读并同意《CFCA网上平台办理协议书》，知悉数字证书及电子印章的用途和使用责任，将妥善保管证书介质及其密码。因信息不实或保管不善造成的损失，由本机构承担相应责任。<?cs /if ?></p>
          <div class="sheet-signs"><?cs if:Order.subject == "personal" ?>
            <p>申请人（签字）：</p><?cs else ?>
            <p>申请机构（公章）：</p>
            <p>法定代表人或授权代表（签字）：</p><?cs /if ?>
          </div>
          <p class="sheet-date">日期：　　　　年　　　月　　　日</p>
        </td></tr>
      </tbody>
    </table>
    <p class="sheet-lead"><strong>以下由受理机构填写</strong></p>
    <table class="sheet-table sheet-office">
      <tbody>
        <tr><th colspan="4" scope="colgroup" class="sheet-group">受理记录</th></tr>
        <tr><th scope="row">受理人</th><td></td><th scope="row">受理日期</th><td></td></tr>
        <tr class="sheet-tall"><th scope="row">审核意见</th><td colspan="3"></td></tr>
      </tbody>
    </table><?cs else ?>
    <div class="sheet-letter">
      <p class="sheet-to">致：<?cs call:site_name() ?></p>
      <p>我单位 <u><?cs call:blank(Order.org_name) ?></u>（统一社会信用代码：<u><?cs call:blank(Order.uscc) ?></u>）现授权 <u><?cs call:blank(Order.agent_name) ?></u>（<?cs var:Order.IdTypeLabel ?>：<u><?cs call:blank(Order.agent_id_no) ?></u>）为经办人，代表我单位办理业务单号为 <u><?cs var:Order.Id ?></u> 的CFCA数字证书业务（<?cs var:Order.KindLabel ?>，<?cs var:Order.CertType ?> <?cs var:Order.cert_count ?> 个，<?cs var:Order.years ?> 年），包括填写、核对和提交申请材料，缴纳费用，以及领取数字证书、电子印章及其介质等相关事宜。</p>
      <p>被授权人在上述授权范围内办理的事项及签署的相关文件，我单位均予以认可，并承担由此产生的法律责任。被授权人无转委托权。</p>
      <p>本授权书自签署之日起生效，至上述业务办结之日止。</p>
    </div>
    <table class="sheet-table">
      <tbody>
        <tr><th colspan="4" scope="colgroup" class="sheet-group">授权事项</th></tr>
        <tr><th scope="row">授权单位</th><td colspan="3"><?cs var:Order.org_name ?></td></tr>
        <tr><th scope="row">统一社会信用代码</th><td class="sheet-mono"><?cs var:Order.uscc ?></td><th scope="row">机构代码</th><td class="sheet-mono"><?cs var:Order.OrgCode ?></td></tr>
        <tr><th scope="row">法定代表人</th><td><?cs var:Order.legal_name ?></td><th scope="row">证件号码</th><td class="sheet-mono"><?cs var:Order.legal_id_no ?></td></tr>
        <tr><th scope="row">被授权人</th><td><?cs var:Order.agent_name ?></td><th scope="row">联系电话</th><td><?cs var:Order.agent_mobile ?></td></tr>
        <tr><th scope="row">证件类型</th><td><?cs var:Order.IdTypeLabel ?></td><th scope="row">证件号码</th><td class="sheet-mono"><?cs var:Order.agent_id_no ?></td></tr>
        <tr><th scope="row">业务单号</th><td class="sheet-mono"><?cs var:Order.Id ?></td><th scope="row">申请类型</th><td><?cs var:Order.KindLabel ?></td></tr>
      </tbody>
    </table>
    <div class="sheet-signs sheet-signs-letter">
      <p>授权单位（公章）：</p>
      <div>
        <p>法定代表人（签字）：</p>
        <p>被授权人（签字）：</p>
        <p class="sheet-date">日期：　　　　年　　　月　　　日</p>
      </div>
    </div>
    <div class="sheet-cards">
      <p class="sheet-card">被授权人身份证件复印件粘贴处<br>（正面 / 人像面）</p>
      <p class="sheet-card">被授权人身份证件复印件粘贴处<br>（背面 / 国徽面）</p>
    </div><?cs /if ?>
    <footer class="sheet-foot">业务单号 <?cs var:Order.Id ?>　校验码 <?cs var:Doc.CheckCode ?>　生成时间 <?cs var:Print.Date ?></footer>
  </article>
<?cs include:"layout/footer.cs" ?>
