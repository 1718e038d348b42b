<?cs # templates/admin/passwd.cs: a staff member's password change ?>
<?cs include:"layout/staff_header.cs" ?>
  <section class="panel panel-narrow" aria-labelledby="page-title">
    <h1 class="panel-title" id="page-title">修改密码</h1>
    <p class="panel-lead">修改后，其他设备上的登录将退出。</p>
    <form class="form form-stacked" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="action" value="passwd">
<?cs call:field("old_password", "原密码", "password", 1, "") ?>
<?cs call:field("new_password", "新密码", "newpassword", 1, "8–128位，须同时包含字母和数字") ?>
<?cs call:field("new_password2", "确认新密码", "newpassword", 1, "") ?>
      <div class="form-actions"><button type="submit" class="btn btn-primary btn-block">修改密码</button></div>
    </form>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
