<?cs # templates/admin/totp.cs: the staff second factor: TOTP enrolment (QR code and secret) or the code alone ?>
<?cs include:"layout/staff_header.cs" ?>
  <section class="panel panel-narrow" aria-labelledby="page-title">
    <h1 class="panel-title" id="page-title"><?cs if:Totp.Enrol ?>绑定身份验证器<?cs else ?>动态口令验证<?cs /if ?></h1><?cs if:Totp.Enrol ?>
    <p class="panel-lead">首次登录须绑定身份验证器（如 Google Authenticator、Microsoft Authenticator、FreeOTP 或各类支持 TOTP 的验证器应用）。用应用扫描下方二维码，或手动输入密钥，然后输入应用显示的6位动态口令完成绑定。</p>
    <div class="totp-enrol">
      <img class="totp-qr" src="/cgi-bin/admin.fcgi?page=totp_qr" alt="身份验证器绑定二维码" width="220" height="220">
      <dl class="kv">
        <dt>账号</dt><dd><?cs var:Staff.Login ?></dd>
        <dt>密钥</dt><dd class="mono totp-secret"><?cs var:Totp.Secret ?></dd>
        <dt>类型</dt><dd>基于时间（TOTP），6位，30秒</dd>
      </dl>
    </div>
    <details class="field-hint"><summary>无法扫码？查看二维码内容</summary><p class="mono break"><?cs var:Totp.Uri ?></p></details><?cs else ?>
    <p class="panel-lead">请输入身份验证器中显示的6位动态口令。</p><?cs /if ?>
    <form class="form form-stacked" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="action" value="totp">
<?cs call:field("totp", "动态口令", "code", 1, "") ?>
      <div class="form-actions"><button type="submit" class="btn btn-primary btn-block"><?cs if:Totp.Enrol ?>完成绑定并登录<?cs else ?>验证并登录<?cs /if ?></button></div>
    </form>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
