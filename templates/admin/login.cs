<?cs # templates/admin/login.cs: staff sign-in, the password step (a TOTP code follows) ?>
<?cs include:"layout/staff_header.cs" ?>
  <section class="panel panel-narrow auth-card" aria-labelledby="page-title">
    <h1 class="panel-title" id="page-title">工作人员登录</h1>
    <p class="panel-lead">登录后需输入身份验证器中的动态口令。申请人请从<a href="/cgi-bin/login.fcgi">申请人登录</a>进入。</p>
    <form class="form form-stacked" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="action" value="login">
<?cs call:field("login", "用户名", "text", 1, "") ?>
<?cs call:field("password", "密码", "password", 1, "") ?>
      <div class="form-actions"><button type="submit" class="btn btn-primary btn-block">登录</button></div>
    </form>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
