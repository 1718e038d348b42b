<?cs # templates/login/passwd.cs: 修改密码 for a signed-in applicant ?>
<?cs set:Layout.Crumb = "center" ?><?cs include:"layout/header.cs" ?>
  <section class="panel panel-narrow" aria-labelledby="page-title">
    <h1 class="panel-title" id="page-title">修改密码</h1>
    <p class="panel-lead">为了账号安全，请先输入当前密码，再设置新密码。</p>
    <form class="form" method="post" action="/cgi-bin/login.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="action" value="passwd">
<?cs call:field("old_password", "当前密码", "password", 1, "") ?>
<?cs call:field("password", "新密码", "newpassword", 1, "8–128位，须同时包含字母和数字") ?>
<?cs call:field("password2", "确认新密码", "newpassword", 1, "请再次输入新密码") ?>
      <p class="note note-warn"><strong>提示：</strong>修改成功后，除本设备外，其他已登录的设备将全部退出登录。</p>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">确认修改</button>
        <a class="btn btn-default" href="/cgi-bin/home.fcgi?page=center">返回个人中心</a>
      </div>
    </form>
  </section>
<?cs include:"layout/footer.cs" ?>
