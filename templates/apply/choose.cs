<?cs # templates/apply/choose.cs: 证书新办, first step: choose 企业证书 or 个人证书 ?>
<?cs include:"layout/header.cs" ?>
  <h1 class="page-title" id="page-title">证书新办</h1>
<?cs call:steps(1) ?>
  <section class="panel" aria-labelledby="choose-title">
    <h2 class="panel-title" id="choose-title">证书类型选择</h2>
    <p class="panel-lead">请根据实际业务选择需要办理的证书，然后点击“下一步”。</p>
    <form class="choice-form" method="get" action="/cgi-bin/apply.fcgi">
      <div class="choices">
        <label class="choice">
          <input type="radio" name="subject" value="enterprise" checked>
          <span class="choice-title">企业证书</span>
          <span class="choice-desc">企业高级证书，适用于单位参与政府采购、工程招投标等电子政务业务，可同时申请电子印章。</span>
        </label>
        <label class="choice">
          <input type="radio" name="subject" value="personal">
          <span class="choice-title">个人证书</span>
          <span class="choice-desc">个人高级证书，适用于个人以本人身份办理的电子政务业务。</span>
        </label>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">下一步</button>
      </div>
    </form>
  </section>
<?cs include:"layout/footer.cs" ?>
