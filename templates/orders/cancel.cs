<?cs # templates/orders/cancel.cs: 取消业务单: what cancelling an order means, its summary, and the confirmation form ?>
<?cs include:"layout/header.cs" ?>
  <section class="panel panel-narrow" aria-labelledby="page-title">
    <h1 class="panel-title" id="page-title">取消业务单</h1>
    <div class="note note-warn">
      <p>取消后，该业务单将不能再编辑、提交或支付，已上传的材料随业务单一并作废。如仍需办理，请重新提交申请。</p>
    </div>
    <dl class="kv cancel-kv">
      <dt>业务单号</dt><dd class="mono"><?cs var:Order.Id ?></dd>
      <dt>业务类型</dt><dd><?cs var:Order.SubjectLabel ?> · <?cs var:Order.KindLabel ?></dd>
      <dt>证书类型</dt><dd><?cs var:Order.CertType ?></dd>
      <dt>业务单状态</dt><dd><?cs var:Order.StatusLabel ?></dd>
      <dt>金额(元)</dt><dd><?cs var:Order.AmountText ?></dd>
    </dl>
    <form class="cancel-form" method="post" action="/cgi-bin/orders.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="action" value="cancel">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <button type="submit" class="btn btn-danger">确认取消该业务单</button>
      <a class="btn btn-default" href="/cgi-bin/orders.fcgi?order=<?cs var:Order.Id ?>">返回，不取消</a>
    </form>
  </section>
<?cs include:"layout/footer.cs" ?>
