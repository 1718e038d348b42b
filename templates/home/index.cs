<?cs # templates/home/index.cs: the home page with the three entries, the five steps, the materials to prepare and the fees ?>
<?cs set:Layout.Crumb = "none" ?><?cs include:"layout/header.cs" ?>
  <section class="hero" aria-labelledby="page-title">
    <h1 class="hero-title" id="page-title">CFCA数字证书在线受理</h1>
    <p class="hero-text">本平台为福建省政府采购、工程招投标等电子政务应用，在线受理中国金融认证中心（CFCA）企业证书和个人证书的新办、续费与补办。申请人在网上填写申请表、上传材料并缴费，审核通过后由受理点制作数字证书（USB&nbsp;Key），邮寄或到服务大厅领取。</p>
  </section>

  <div class="entries">
    <a class="entry" href="/cgi-bin/apply.fcgi">
      <img class="entry-icon" src="/img/icon-apply.svg" alt="" width="56" height="56">
      <span class="entry-text"><span class="entry-title">证书新办</span><span class="entry-desc">首次申请企业证书或个人证书</span></span>
    </a>
    <a class="entry" href="/cgi-bin/renew.fcgi">
      <img class="entry-icon" src="/img/icon-renew.svg" alt="" width="56" height="56">
      <span class="entry-text"><span class="entry-title">证书续费</span><span class="entry-desc">证书即将到期或已到期，办理续期</span></span>
    </a>
    <a class="entry" href="/cgi-bin/orders.fcgi">
      <img class="entry-icon" src="/img/icon-orders.svg" alt="" width="56" height="56">
      <span class="entry-text"><span class="entry-title">业务单查询</span><span class="entry-desc">查看办理进度、审核结果，支付与开票</span></span>
    </a>
  </div>

  <section class="panel" aria-labelledby="flow-title">
    <h2 class="panel-title" id="flow-title">办理流程</h2>
<?cs call:steps(0) ?>
    <p class="muted">申请提交后即可在线支付（支付宝扫码）或对公转账；审核结果、寄送或领取通知均以短信发送给经办人。提交后如发现信息有误，业务单处于“待审核”状态时可在业务单管理中编辑修改。</p>
  </section>

  <div class="cols">
    <section class="panel" aria-labelledby="guide-title">
      <h2 class="panel-title" id="guide-title">办理须知</h2>
      <p>企业证书申请请提前准备以下材料的清晰彩色扫描件（图片为JPG或PNG格式）：</p>
      <ol class="checklist">
        <li>营业执照副本彩色扫描件，或加盖公章的复印件</li>
        <li>法定代表人身份证正反面（第一张为人像面，第二张为国徽面）</li>
        <li>经办人身份证正反面复印件，加盖公章</li>
        <li>印章图片：在白纸上加盖需要制作的印章后扫描，不超过200×200像素，PNG格式，印迹清晰</li>
        <li>加盖公章的《CFCA网上平台办理协议书》彩色扫描件（PDF格式，可在申请页面下载）</li>
        <li>加盖公章的申请表和授权书（由平台根据填写内容生成，打印盖章后扫描上传）</li>
      </ol>
      <p class="muted">个人证书按申请页面提示提供本人身份证件等材料。请保证填写信息真实、扫描件清晰完整，受理点将按上传的材料审核并制作证书。</p>
    </section>
    <section class="panel" aria-labelledby="fee-title">
      <h2 class="panel-title" id="fee-title">收费标准</h2>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr><th scope="col">证书类型</th><th scope="col">项目应用</th><th scope="col" class="num">费用</th></tr>
          </thead>
          <tbody>
            <tr><td>企业证书</td><td>政府采购、工程招投标或其他</td><td class="num">400元/年</td></tr>
            <tr><td>企业证书</td><td>政府采购+工程招投标</td><td class="num">650元/年</td></tr>
            <tr><td>个人证书</td><td>—</td><td class="num">250元/年</td></tr>
            <tr><td>证书补办</td><td>企业证书、个人证书</td><td class="num">150元</td></tr>
          </tbody>
        </table>
      </div>
      <p class="muted">需要同时用于政府采购和工程招投标时，请在申请表“项目应用”中选择“政府采购+工程招投标”。费用按证书个数和申请年限计算，以提交申请时页面显示的金额为准。</p>
    </section>
  </div>
<?cs include:"layout/footer.cs" ?>
