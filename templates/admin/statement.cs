<?cs # templates/admin/statement.cs: the preview of an imported bank statement: each credit with the order its transfer code names and whether it can be applied, then 确认入账 ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title">银行流水导入</h1>
  <section class="panel" aria-labelledby="preview-title">
    <h2 class="panel-title" id="preview-title"><?cs if:Statement.Applied ?>已入账的流水<?cs else ?>入账预览<?cs /if ?></h2><?cs if:Statement.Applied ?>
    <p class="panel-lead">该流水已于 <?cs var:Statement.Applied ?> 入账，以下为其中各笔款项的当前匹配情况。</p><?cs else ?>
    <p class="panel-lead">共识别到 <?cs var:Rows ?> 笔入账，其中 <strong id="match-count"><?cs var:Statement.Matches ?></strong> 笔可按附言码和金额入账。请核对后点击“确认入账”。</p><?cs /if ?>
    <div class="table-wrap">
      <table class="table" id="statement-rows">
        <thead>
          <tr><th scope="col">行</th><th scope="col">日期</th><th scope="col" class="num">金额(元)</th><th scope="col">付款方</th><th scope="col">摘要 / 附言</th><th scope="col">附言码</th><th scope="col">业务单</th><th scope="col" class="num">应付(元)</th><th scope="col">匹配结果</th></tr>
        </thead>
        <tbody><?cs each:row = Rows ?>
          <tr class="match-<?cs var:row.Verdict ?>">
            <td class="num"><?cs var:row.Line ?></td>
            <td class="nowrap"><?cs var:row.Date ?></td>
            <td class="num"><?cs var:row.Amount ?></td>
            <td><?cs var:row.Payer ?></td>
            <td><?cs var:row.Remark ?></td>
            <td class="mono"><?cs var:row.Code ?></td>
            <td class="mono"><?cs if:row.Order ?><a href="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(row.Order) ?>#payments"><?cs var:row.Order ?></a><?cs /if ?></td>
            <td class="num"><?cs var:row.OrderAmount ?></td>
            <td><span class="match match-<?cs var:row.Verdict ?>"><?cs var:row.VerdictLabel ?></span></td>
          </tr><?cs /each ?>
        </tbody>
      </table>
    </div><?cs if:!Statement.Applied && Statement.Matches > 0 ?>
    <form method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="statement" value="<?cs var:Statement.Id ?>">
      <div class="form-actions-inline">
        <button type="submit" name="action" value="statement_apply" class="btn btn-primary">确认入账（<?cs var:Statement.Matches ?> 笔）</button>
        <a class="btn btn-default" href="/cgi-bin/admin.fcgi?view=payments">返回支付管理</a>
      </div>
    </form><?cs else ?>
    <p class="page-back"><a class="btn btn-default" href="/cgi-bin/admin.fcgi?view=payments">返回支付管理</a></p><?cs /if ?>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
