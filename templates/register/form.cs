<?cs # templates/register/form.cs: 账号注册, mobile + SMS code + password, one form with two actions ?>
<?cs include:"layout/header.cs" ?>
  <div class="auth">
    <aside class="auth-aside">
      <h2>注册后即可在线办理</h2>
      <ul class="auth-points">
        <li>企业证书、个人证书的新办、续费和补办</li>
        <li>在线上传材料，随时查看审核结果</li>
        <li>支付宝扫码支付或对公转账</li>
        <li>在线申请发票，电子发票发送到邮箱</li>
      </ul>
      <p class="auth-aside-note">审核结果和制证进度将以短信通知经办人。</p>
    </aside>
    <section class="panel auth-card" aria-labelledby="page-title">
      <h1 class="panel-title" id="page-title">账号注册</h1>
      <p class="panel-lead">请使用本人手机号注册，手机号即为登录账号。</p>
      <form class="form form-stacked" method="post" action="/cgi-bin/register.fcgi"><?cs call:default_button("register", "注册") ?>
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs if:Form.next ?>
        <input type="hidden" name="next" value="<?cs var:Form.next ?>"><?cs /if ?>
<?cs call:field_send("mobile", "手机号", "tel", 1, "请输入11位手机号，验证码将发送到该手机", "send_code", "获取验证码") ?>
<?cs if:Page.Registered ?>          <p class="form-alt">该手机号已注册，请直接<a href="/cgi-bin/login.fcgi">登录</a>；忘记密码可<a href="/cgi-bin/login.fcgi?page=reset">找回密码</a>。</p>
<?cs /if ?>
<?cs call:field("code", "短信验证码", "code", 1, "6位数字，5分钟内有效") ?>
<?cs call:field("password", "设置密码", "newpassword", 1, "8–128位，须同时包含字母和数字") ?>
<?cs call:field("password2", "确认密码", "newpassword", 1, "请再次输入密码") ?>
        <p class="note note-warn"><strong>注意：</strong>同一个手机号不可重复注册。</p>
        <div class="form-actions">
          <button type="submit" name="action" value="register" class="btn btn-primary btn-block">注册</button>
        </div>
        <p class="form-alt">已有账号？<a href="/cgi-bin/login.fcgi<?cs if:Form.next ?>?next=<?cs var:url_escape(Form.next) ?><?cs /if ?>">登录</a></p>
      </form>
    </section>
  </div>
<?cs include:"layout/footer.cs" ?>
