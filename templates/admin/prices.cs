<?cs # templates/admin/prices.cs: 价格管理 for admins: the price table (subject, kind, project → yuan, per year or flat) and the form changing one row ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title">价格管理</h1>
  <section class="panel" aria-labelledby="table-title">
    <h2 class="panel-title" id="table-title">现行价格表</h2>
    <p class="muted">业务单金额 = 单价 × 证书数量 ×（元/年的按证书年限）年限；元/张为每张证书一次性收费，在提交时确定。修改价格只影响此后提交的业务单，已提交的业务单金额不变。每次修改记入审计日志（原价与新价）。</p>
    <div class="table-wrap">
      <table class="table price-table" id="price-table">
        <thead><tr><th scope="col">申请主体</th><th scope="col">业务类型</th><th scope="col">项目</th><th scope="col" class="num">单价</th><th scope="col" class="act">操作</th></tr></thead>
        <tbody><?cs each:p = Prices ?><?cs if:p.Subject ?>
          <tr id="price-<?cs var:p.Subject ?>-<?cs var:p.Kind ?>-<?cs var:p.Project ?>">
            <td><?cs var:p.SubjectLabel ?></td>
            <td><?cs var:p.KindLabel ?></td>
            <td class="wrap"><?cs var:p.ProjectLabel ?></td>
            <td class="num"><?cs var:p.Yuan ?> <?cs if:p.PerYear == "1" ?>元/年<?cs else ?>元/张<?cs /if ?></td>
            <td class="act"><a href="/cgi-bin/admin.fcgi?view=prices&amp;subject=<?cs var:p.Subject ?>&amp;kind=<?cs var:p.Kind ?>&amp;project=<?cs var:p.Project ?>#edit-title">修改</a></td>
          </tr><?cs /if ?><?cs /each ?>
        </tbody>
      </table>
    </div>
  </section>
  <section class="panel" aria-labelledby="edit-title">
    <h2 class="panel-title" id="edit-title">修改价格</h2>
    <form class="form" method="post" action="/cgi-bin/admin.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="action" value="price_set">
      <div class="field<?cs if:Errors.subject ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-subject"><span class="req" aria-hidden="true">*</span>申请主体</label>
        <div class="field-body">
          <select id="f-subject" name="subject" class="input"><?cs each:o = Subjects ?>
            <option value="<?cs var:o.Code ?>"<?cs if:Form.subject == o.Code ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?>
          </select><?cs call:field_msgs("subject", "") ?>
        </div>
      </div>
      <div class="field<?cs if:Errors.kind ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-kind"><span class="req" aria-hidden="true">*</span>业务类型</label>
        <div class="field-body">
          <select id="f-kind" name="kind" class="input"><?cs each:o = Kinds ?>
            <option value="<?cs var:o.Code ?>"<?cs if:Form.kind == o.Code ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?>
          </select><?cs call:field_msgs("kind", "") ?>
        </div>
      </div>
      <div class="field<?cs if:Errors.project ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-project"><span class="req" aria-hidden="true">*</span>项目</label>
        <div class="field-body">
          <select id="f-project" name="project" class="input"><?cs each:o = Projects ?>
            <option value="<?cs var:o.Code ?>"<?cs if:Form.project == o.Code ?> selected<?cs /if ?>><?cs var:o.Label ?></option><?cs /each ?>
          </select><?cs call:field_msgs("project", "") ?>
        </div>
      </div>
<?cs call:field("yuan", "单价（元）", "text", 1, "如 400 或 400.00，最多两位小数") ?>
      <div class="field<?cs if:Errors.per_year ?> has-error<?cs /if ?>">
        <label class="field-label" for="f-per_year"><span class="req" aria-hidden="true">*</span>计价方式</label>
        <div class="field-body">
          <select id="f-per_year" name="per_year" class="input">
            <option value="1"<?cs if:Form.per_year != "0" ?> selected<?cs /if ?>>按证书年限（元/年）</option>
            <option value="0"<?cs if:Form.per_year == "0" ?> selected<?cs /if ?>>按张（一次性）</option>
          </select><?cs call:field_msgs("per_year", "") ?>
        </div>
      </div>
      <div class="form-actions"><button type="submit" class="btn btn-primary">保存</button></div>
    </form>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
