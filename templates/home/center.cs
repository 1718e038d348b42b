<?cs # templates/home/center.cs: 个人中心 with the account, its links and the signed-in devices ?>
<?cs include:"layout/header.cs" ?>
  <h1 class="page-title" id="page-title">个人中心</h1>
  <div class="center">
    <section class="panel account-card" aria-labelledby="account-title">
      <h2 class="panel-title" id="account-title">我的账号</h2>
      <dl class="kv">
        <dt>手机号</dt><dd><?cs var:Account.Mobile ?></dd>
        <dt>注册时间</dt><dd><?cs var:Account.Created ?></dd>
      </dl>
    </section>
    <section class="panel" aria-labelledby="links-title">
      <h2 class="panel-title" id="links-title">我的服务</h2>
      <ul class="tiles">
        <li><a class="tile" href="/cgi-bin/orders.fcgi"><span class="tile-title">业务单管理</span><span class="tile-desc">查看进度、编辑、支付、开票申请</span></a></li>
        <li><a class="tile" href="/cgi-bin/invoice.fcgi"><span class="tile-title">发票抬头管理</span><span class="tile-desc">添加和维护开票用的发票抬头</span></a></li>
        <li><a class="tile" href="/cgi-bin/login.fcgi?page=passwd"><span class="tile-title">修改密码</span><span class="tile-desc">定期修改密码，保障账号安全</span></a></li>
        <li><a class="tile" href="/cgi-bin/home.fcgi?page=privacy"><span class="tile-title">隐私政策</span><span class="tile-desc">我们如何收集、使用和保护个人信息</span></a></li>
        <li><a class="tile tile-danger" href="/cgi-bin/home.fcgi?page=cancel"><span class="tile-title">注销账号</span><span class="tile-desc">关闭账号并删除账号信息</span></a></li>
      </ul>
    </section>
  </div>

  <section class="panel" aria-labelledby="sessions-title">
    <h2 class="panel-title" id="sessions-title">登录设备</h2>
    <p class="muted">以下设备当前登录了您的账号。如有不认识的设备，请将其下线并立即修改密码。</p>
    <div class="table-wrap">
      <table class="table table-stack">
        <thead>
          <tr><th scope="col">登录时间</th><th scope="col">最近访问</th><th scope="col">IP地址</th><th scope="col">浏览器/设备</th><th scope="col" class="act">操作</th></tr>
        </thead>
        <tbody><?cs each:s = Sessions ?>
          <tr<?cs if:s.Current == "1" ?> class="is-current"<?cs /if ?>>
            <td data-label="登录时间" class="nowrap"><?cs var:s.Created ?></td>
            <td data-label="最近访问" class="nowrap"><?cs var:s.Seen ?></td>
            <td data-label="IP地址" class="nowrap"><?cs var:s.Addr ?></td>
            <td data-label="浏览器/设备" class="ua" title="<?cs var:s.Agent ?>"><?cs var:s.Device ?></td>
            <td data-label="操作" class="act"><?cs if:s.Current == "1" ?><span class="badge badge-current">当前设备</span><?cs else ?>
              <form class="inline-form" method="post" action="/cgi-bin/home.fcgi">
                <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
                <input type="hidden" name="action" value="end_session">
                <input type="hidden" name="session" value="<?cs var:s.Id ?>">
                <button type="submit" class="btn btn-small btn-default">下线</button>
              </form><?cs /if ?></td>
          </tr><?cs /each ?><?cs if:!subcount(Sessions) ?>
          <tr><td colspan="5" class="empty">暂无登录设备记录</td></tr><?cs /if ?>
        </tbody>
      </table>
    </div>
  </section>
<?cs include:"layout/footer.cs" ?>
