<?cs # templates/errors/error.cs: the error page for any status (Page.Status, Page.Message) ?>
<?cs include:"layout/header.cs" ?>
  <section class="panel error-panel" aria-labelledby="page-title">
    <p class="error-status"><?cs var:Page.Status ?></p>
    <h1 class="error-message" id="page-title"><?cs if:Page.Message ?><?cs var:Page.Message ?><?cs else ?>请求未能完成<?cs /if ?></h1>
    <p class="error-help">如果您是通过书签或其他网站的链接进入本页，链接可能已经失效。如问题持续出现，请联系受理服务大厅。</p>
    <p class="error-actions">
      <a class="btn btn-primary" href="/cgi-bin/home.fcgi">返回首页</a>
      <a class="btn btn-default" href="/cgi-bin/orders.fcgi">业务单查询</a>
    </p>
  </section>
<?cs include:"layout/footer.cs" ?>
