<?cs # templates/renew/choose.cs: 证书续费 / 证书补办, first step: the applicant's completed orders with their certificate serial and expiry (续费 / 补办 links to renew.fcgi?prev_order=ID), or the certificate serial number ?>
<?cs include:"layout/header.cs" ?>
  <h1 class="page-title" id="page-title">证书续费</h1>
<?cs call:steps(1) ?>
  <section class="panel" aria-labelledby="prev-title">
    <h2 class="panel-title" id="prev-title">按已办结的业务单办理</h2>
    <p class="panel-lead">以下是您在本平台已办结的业务单及其证书。选择“续费”或“补办”，申请表将按该业务单的信息预先填好，您只需核对修改。</p><?cs if:Previous.0.Id ?>
    <div class="table-wrap">
      <table class="table table-stack">
        <thead><tr><th scope="col">业务单号</th><th scope="col">业务类型</th><th scope="col">项目应用</th><th scope="col">证书序列号</th><th scope="col">有效期至</th><th scope="col" class="act">操作</th></tr></thead>
        <tbody><?cs each:p = Previous ?>
          <tr>
            <td data-label="业务单号" class="mono"><a href="/cgi-bin/orders.fcgi?order=<?cs var:url_escape(p.Id) ?>"><?cs var:p.Id ?></a></td>
            <td data-label="业务类型"><?cs var:p.Subject ?> · <?cs var:p.Kind ?></td>
            <td data-label="项目应用"><?cs var:p.Project ?></td>
            <td data-label="证书序列号" class="mono"><?cs if:p.Serial ?><?cs var:p.Serial ?><?cs else ?><span class="dv-empty">—</span><?cs /if ?></td>
            <td data-label="有效期至" class="nowrap"><?cs if:p.Expires ?><?cs var:p.Expires ?><?cs else ?><span class="dv-empty">—</span><?cs /if ?></td>
            <td data-label="操作" class="act"><?cs if:p.CanRenew ?><a class="op" href="/cgi-bin/renew.fcgi?prev_order=<?cs var:url_escape(p.Id) ?>">续费</a> <a class="op" href="/cgi-bin/renew.fcgi?prev_order=<?cs var:url_escape(p.Id) ?>&amp;kind=reissue">补办</a><?cs else ?><span class="muted">证书信息未登记，请按证书序列号办理</span><?cs /if ?></td>
          </tr><?cs /each ?>
        </tbody>
      </table>
    </div><?cs else ?>
    <p class="empty">您在本平台还没有已办结的业务单。如证书是在其他渠道办理的，请使用下方的证书序列号办理。</p><?cs /if ?>
  </section>
  <section class="panel" aria-labelledby="serial-title">
    <h2 class="panel-title" id="serial-title">按证书序列号办理</h2>
    <p class="panel-lead">证书不是在本平台办理的，请填写证书序列号（可在证书管理工具中查看）。</p>
    <form class="form" method="get" action="/cgi-bin/renew.fcgi">
      <div class="field">
        <span class="field-label">证书类型</span>
        <div class="field-body radio-row">
          <label><input type="radio" name="subject" value="enterprise" checked> 企业证书</label>
          <label><input type="radio" name="subject" value="personal"> 个人证书</label>
        </div>
      </div>
      <div class="field">
        <span class="field-label">申请类型</span>
        <div class="field-body radio-row">
          <label><input type="radio" name="kind" value="renew" checked> 证书续费</label>
          <label><input type="radio" name="kind" value="reissue"> 证书补办</label>
        </div>
      </div>
<?cs call:field("cert_serial", "证书序列号", "text", 1, "6至64位十六进制字符") ?>
      <div class="form-actions"><button type="submit" class="btn btn-primary">下一步</button></div>
    </form>
  </section>
<?cs include:"layout/footer.cs" ?>
