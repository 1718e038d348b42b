<?cs # templates/login/form.cs: 登录 with mobile and password ?>
<?cs include:"layout/header.cs" ?>
  <div class="auth">
    <aside class="auth-aside">
      <h2>CFCA数字证书在线受理</h2>
      <ul class="auth-points">
        <li>政府采购、工程招投标数字证书在线申请</li>
        <li>业务单进度查询与审核结果查看</li>
        <li>在线支付与发票申请</li>
      </ul>
      <p class="auth-aside-note">为保障账号安全，请勿在公共电脑上保存密码，使用完毕请点击“退出”。</p>
    </aside>
    <section class="panel auth-card" aria-labelledby="page-title">
      <h1 class="panel-title" id="page-title">账号登录</h1>
      <p class="panel-lead">请使用注册时的手机号和密码登录。</p>
      <form class="form form-stacked" method="post" action="/cgi-bin/login.fcgi">
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
        <input type="hidden" name="action" value="login"><?cs if:Form.next ?>
        <input type="hidden" name="next" value="<?cs var:Form.next ?>"><?cs /if ?>
<?cs call:field("mobile", "手机号", "tel", 1, "") ?>
<?cs call:field("password", "密码", "password", 1, "") ?>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary btn-block">登录</button>
        </div>
        <p class="form-alt form-alt-split"><a href="/cgi-bin/login.fcgi?page=reset">忘记密码？</a><span>没有账号？<a href="/cgi-bin/register.fcgi<?cs if:Form.next ?>?next=<?cs var:url_escape(Form.next) ?><?cs /if ?>">立即注册</a></span></p>
      </form>
    </section>
  </div>
<?cs include:"layout/footer.cs" ?>
