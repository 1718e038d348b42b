<?cs # templates/home/cancel.cs: 注销账号, its consequences and the confirmation with the current password ?>
<?cs set:Layout.Crumb = "center" ?><?cs include:"layout/header.cs" ?>
  <section class="panel panel-narrow" aria-labelledby="page-title">
    <h1 class="panel-title" id="page-title">注销账号</h1>
    <div class="note note-danger">
      <p><strong>注销是不可恢复的操作，请在提交前仔细阅读：</strong></p>
      <ul>
        <li>账号注销后将无法再登录，所有登录设备立即退出；</li>
        <li>除依法需要保留的记录外，账号中的个人信息（包括发票抬头）将被删除或匿名化处理；</li>
        <li>存在未办结的业务单（未支付、待审核、制证中、待领取等）时不能注销，请先办结或取消；</li>
        <li>已办结业务的申请资料、支付和发票等财务记录，将依照法律法规的要求保存至规定期限后删除或匿名化处理；</li>
        <li>注销后，该手机号可以重新注册，但无法找回原账号的业务记录。</li>
      </ul>
    </div>
    <form class="form" method="post" action="/cgi-bin/home.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="action" value="cancel_account">
<?cs call:field("password", "当前密码", "password", 1, "请输入当前账号的登录密码以确认是本人操作") ?>
      <div class="form-actions">
        <button type="submit" class="btn btn-danger">确认注销账号</button>
        <a class="btn btn-default" href="/cgi-bin/home.fcgi?page=center">返回个人中心</a>
      </div>
    </form>
  </section>
<?cs include:"layout/footer.cs" ?>
