<?cs # templates/login/reset.cs: 找回密码, a new password set with an SMS code ?>
<?cs include:"layout/header.cs" ?>
  <div class="auth auth-single">
    <section class="panel auth-card" aria-labelledby="page-title">
      <h1 class="panel-title" id="page-title">找回密码</h1>
      <p class="panel-lead">输入注册时使用的手机号，获取短信验证码后设置新密码。</p>
      <form class="form form-stacked" method="post" action="/cgi-bin/login.fcgi"><?cs call:default_button("reset", "重置密码") ?>
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
<?cs call:field_send("mobile", "手机号", "tel", 1, "请输入注册时使用的11位手机号", "send_code", "获取验证码") ?>
<?cs call:field("code", "短信验证码", "code", 1, "6位数字，5分钟内有效") ?>
<?cs call:field("password", "新密码", "newpassword", 1, "8–128位，须同时包含字母和数字") ?>
<?cs call:field("password2", "确认新密码", "newpassword", 1, "请再次输入新密码") ?>
        <p class="note">密码重置成功后，请使用新密码登录。如手机号已停用，请携带有效身份证件到受理服务大厅办理。</p>
        <div class="form-actions">
          <button type="submit" name="action" value="reset" class="btn btn-primary btn-block">重置密码</button>
        </div>
        <p class="form-alt form-alt-split"><a href="/cgi-bin/login.fcgi">返回登录</a><span>没有账号？<a href="/cgi-bin/register.fcgi">立即注册</a></span></p>
      </form>
    </section>
  </div>
<?cs include:"layout/footer.cs" ?>
