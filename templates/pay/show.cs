<?cs # templates/pay/show.cs: 订单支付: the amount due of a submitted order and the corporate account for a transfer ?>
<?cs include:"layout/header.cs" ?>
  <h1 class="page-title" id="page-title">订单支付</h1>
<?cs call:steps(5) ?>
  <section class="panel" aria-labelledby="due-title">
    <h2 class="panel-title" id="due-title">应付金额</h2>
    <dl class="kv">
      <dt>业务单号</dt><dd><?cs var:Order.Id ?></dd>
      <dt>业务类型</dt><dd><?cs var:Order.SubjectLabel ?> · <?cs var:Order.KindLabel ?> · <?cs var:Order.CertType ?></dd>
      <dt>业务单状态</dt><dd><?cs var:Order.StatusLabel ?></dd>
      <dt>支付状态</dt><dd><?cs var:Order.PayStatusLabel ?></dd>
      <dt>应付金额</dt><dd class="amount"><strong><?cs var:Order.AmountYuan ?></strong> 元</dd>
    </dl>
  </section>
  <section class="panel" aria-labelledby="transfer-title">
    <h2 class="panel-title" id="transfer-title">对公转账</h2><?cs if:Bank.Account ?>
    <p class="panel-lead">请通过单位对公账户转账至以下账户，并在附言中注明业务单号。</p>
    <dl class="kv">
      <dt>开户银行</dt><dd><?cs var:Bank.Name ?> <?cs var:Bank.Branch ?></dd>
      <dt>账户名称</dt><dd><?cs var:Bank.Holder ?></dd>
      <dt>银行账号</dt><dd><?cs var:Bank.Account ?></dd>
      <dt>附言</dt><dd><?cs var:Order.Id ?></dd>
    </dl><?cs else ?>
    <p class="panel-lead">对公转账账户请咨询受理点服务大厅。</p><?cs /if ?>
    <p class="muted">关闭本页后，可随时在“业务单管理”中点击“支付”回到本页。</p>
  </section>
  <div class="form-actions form-actions-main">
    <a class="btn btn-primary" href="/cgi-bin/orders.fcgi?order=<?cs var:Order.Id ?>">查看业务单</a>
    <a class="btn btn-default" href="/cgi-bin/orders.fcgi">返回业务单管理</a>
  </div>
<?cs include:"layout/footer.cs" ?>
