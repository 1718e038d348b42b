<?cs # templates/admin/staff.cs: 工作人员管理 for admins: the staff accounts, adding one, disabling, resetting the second factor, the e-mail that receives the daily digest ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title">工作人员管理</h1>
  <section class="panel">
    <div class="table-wrap">
      <table class="table">
        <thead><tr><th scope="col">用户名</th><th scope="col">角色</th><th scope="col">电子邮箱（每日待办提醒）</th><th scope="col">身份验证器</th><th scope="col">状态</th><th scope="col">创建时间</th><th scope="col" class="act">操作</th></tr></thead>
        <tbody><?cs each:m = Members ?><?cs if:m.Login ?>
          <tr>
            <td><?cs var:m.Login ?></td>
            <td><?cs var:m.Role ?></td>
            <td>
              <form class="inline-form" method="post" action="/cgi-bin/admin.fcgi">
                <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
                <input type="hidden" name="staff" value="<?cs var:m.Id ?>">
                <label class="sr-only" for="f-email-<?cs var:m.Id ?>"><?cs var:m.Login ?>的电子邮箱</label>
                <input id="f-email-<?cs var:m.Id ?>" class="input<?cs if:Edit.Staff == m.Id ?> is-invalid<?cs /if ?>" type="email" name="email" maxlength="254" value="<?cs if:Edit.Staff == m.Id ?><?cs var:Form.email ?><?cs else ?><?cs var:m.Email ?><?cs /if ?>" placeholder="未设置"<?cs if:Edit.Staff == m.Id ?> aria-invalid="true" aria-describedby="e-email-<?cs var:m.Id ?>"<?cs /if ?>>
                <button type="submit" name="action" value="staff_email" class="btn btn-default btn-small">保存</button><?cs if:Edit.Staff == m.Id && Errors.email ?>
                <p class="field-error" id="e-email-<?cs var:m.Id ?>"><?cs var:Errors.email ?></p><?cs /if ?>
              </form>
            </td>
            <td><?cs if:m.Enrolled == "1" ?>已绑定<?cs else ?>未绑定<?cs /if ?></td>
            <td><?cs if:m.Disabled == "1" ?><span class="st st-cancelled">已停用</span><?cs elif:m.Locked == "1" ?><span class="st st-rejected">已锁定</span><?cs else ?><span class="st st-approved">正常</span><?cs /if ?></td>
            <td class="nowrap"><?cs var:m.Created ?></td>
            <td class="act"><?cs if:m.Login != Staff.Login ?>
              <form class="inline-form" method="post" action="/cgi-bin/admin.fcgi">
                <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
                <input type="hidden" name="staff" value="<?cs var:m.Id ?>"><?cs if:m.Disabled == "1" ?>
                <input type="hidden" name="enable" value="1">
                <button type="submit" name="action" value="staff_disable" class="btn btn-default btn-small">启用</button><?cs else ?>
                <button type="submit" name="action" value="staff_disable" class="btn btn-default btn-small">停用</button><?cs /if ?>
                <button type="submit" name="action" value="staff_totp" class="btn btn-default btn-small">重置身份验证器</button>
              </form><?cs else ?><span class="muted">当前账号</span><?cs /if ?></td>
          </tr><?cs /if ?><?cs /each ?>
        </tbody>
      </table>
    </div>
  </section>
  <section class="panel" aria-labelledby="add-title">
    <h2 class="panel-title" id="add-title">添加工作人员</h2>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="action" value="staff_add">
<?cs call:field("login", "用户名", "text", 1, "3至32位小写字母、数字或 . _ -，以字母开头") ?>
      <div class="field<?cs if:Errors.role ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-role"><span class="req" aria-hidden="true">*</span>角色</label>
        <div class="field-body">
          <select id="f-role" name="role" class="input">
            <option value="reviewer"<?cs if:Form.role == "reviewer" ?> selected<?cs /if ?>>审核员</option>
            <option value="finance"<?cs if:Form.role == "finance" ?> selected<?cs /if ?>>财务</option>
            <option value="producer"<?cs if:Form.role == "producer" ?> selected<?cs /if ?>>制证员</option>
            <option value="admin"<?cs if:Form.role == "admin" ?> selected<?cs /if ?>>管理员</option>
          </select><?cs call:field_msgs("role", "") ?>
        </div>
      </div>
<?cs call:field("new_password", "初始密码", "newpassword", 1, "8–128位，须同时包含字母和数字；请当面告知，首次登录后修改") ?>
      <div class="form-actions"><button type="submit" class="btn btn-primary">添加</button></div>
    </form>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
