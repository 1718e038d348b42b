<?cs # templates/admin/error.cs: the staff error page (403 a view outside the role, 404 an unknown view) inside the staff layout, with the way back to the member's own queue ?>
<?cs include:"layout/staff_header.cs" ?>
  <section class="panel error-panel" aria-labelledby="page-title">
    <p class="error-status"><?cs var:Page.Status ?></p>
    <h1 class="error-message" id="page-title"><?cs if:Page.Message ?><?cs var:Page.Message ?><?cs else ?>请求未能完成<?cs /if ?></h1>
    <p class="error-help"><?cs if:Page.Status == "403" ?>该页面不属于您的岗位职责范围，访问已记入审计日志。如确需办理，请联系系统管理员调整角色。<?cs else ?>请求的页面不存在，链接可能有误或已失效。<?cs /if ?></p>
    <p class="error-actions">
      <a class="btn btn-primary" href="/cgi-bin/admin.fcgi">返回我的工作台</a>
    </p>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
