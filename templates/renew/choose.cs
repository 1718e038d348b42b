<?cs # templates/renew/choose.cs: 证书续费 / 证书补办, first step: the kind, and the earlier order or the certificate serial number ?>
<?cs include:"layout/header.cs" ?>
  <h1 class="page-title" id="page-title">证书续费</h1>
<?cs call:steps(1) ?>
  <section class="panel" aria-labelledby="prev-title">
    <h2 class="panel-title" id="prev-title">按已办结的业务单办理</h2>
    <p class="panel-lead">选择在本平台办结的业务单，申请表将按该业务单的信息预先填好，您只需核对修改。</p><?cs if:Previous.0.Id ?>
    <form method="get" action="/cgi-bin/renew.fcgi">
      <div class="table-wrap">
        <table class="table">
          <thead><tr><th scope="col">选择</th><th scope="col">业务单号</th><th scope="col">业务类型</th><th scope="col">项目应用</th><th scope="col">申请年限(年)</th></tr></thead>
          <tbody><?cs each:p = Previous ?>
            <tr>
              <td><input type="radio" name="prev_order" value="<?cs var:p.Id ?>" id="prev-<?cs var:p.Id ?>"<?cs if:first(p) ?> checked<?cs /if ?>></td>
              <td><label for="prev-<?cs var:p.Id ?>"><?cs var:p.Id ?></label></td>
              <td><?cs var:p.Subject ?></td>
              <td><?cs var:p.Project ?></td>
              <td><?cs var:p.Years ?></td>
            </tr><?cs /each ?>
          </tbody>
        </table>
      </div>
      <div class="field">
        <span class="field-label">申请类型</span>
        <div class="field-body radio-row">
          <label><input type="radio" name="kind" value="renew" checked> 证书续费（证书即将到期或已到期）</label>
          <label><input type="radio" name="kind" value="reissue"> 证书补办（USB Key 遗失或损坏）</label>
        </div>
      </div>
      <div class="form-actions"><button type="submit" class="btn btn-primary">下一步</button></div>
    </form><?cs else ?>
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
