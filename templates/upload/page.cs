<?cs # templates/upload/page.cs: 上传材料 / 下载并上传申请表 of one order: each slot with its current document and upload form, the form downloads, and submission ?><?cs
# Data: Order.* (order_to_hdf, masked), Order.Editable, Order.Pay, Slots.N.{Name, Label,
# Group (materials|forms), Formats, Accept, Hint, Has, Kind (image|pdf), Time, Size, Dims,
# OrigName, Correct, Corrected (replaced since the rejection: 已补正), Error}, Docs.Have,
# Docs.Total, Missing.N.{Label, Kind (doc|field)}, Page.MissingError, Page.OpenOrder (the
# applicant's own open application a refused submission names), Order.Purged (the day the
# retention purge removed the scans). ?><?cs
def:slot_item(s) ?>
      <li class="slot-item<?cs if:s.Error ?> has-error<?cs /if ?><?cs if:s.Correct ?> is-correct<?cs /if ?>" id="slot-<?cs var:s.Name ?>">
        <div class="slot-head">
          <h3 class="slot-name"><span class="req" aria-hidden="true">*</span><?cs var:s.Label ?></h3>
          <p class="slot-state"><?cs if:s.Has ?><span class="badge badge-current">已上传</span><?cs elif:Order.Purged ?><span class="badge">已按保存期限清除</span><?cs else ?><span class="badge badge-missing">未上传</span><?cs /if ?><?cs if:s.Correct && s.Corrected ?> <span class="badge badge-done">已补正</span><?cs elif:s.Correct ?> <span class="badge badge-correct">需补正</span><?cs /if ?></p>
        </div>
        <div class="slot-body">
          <div class="slot-preview"><?cs if:s.Has ?><?cs if:s.Kind == "image" ?>
            <a class="slot-thumb-link" href="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;view=<?cs var:url_escape(s.Name) ?>"><img class="slot-thumb" src="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;view=<?cs var:url_escape(s.Name) ?>" alt="已上传的<?cs var:s.Label ?>"></a><?cs else ?>
            <a class="slot-pdf" href="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;view=<?cs var:url_escape(s.Name) ?>"><span class="slot-pdf-icon" aria-hidden="true">PDF</span><span>查看已上传的文件</span></a><?cs /if ?><?cs else ?>
            <span class="slot-empty">尚未上传</span><?cs /if ?>
          </div>
          <div class="slot-info">
            <p class="slot-formats">允许格式：<strong><?cs var:s.Formats ?></strong></p><?cs if:s.Has ?>
            <p class="slot-meta">上传时间：<?cs var:s.Time ?><span class="slot-meta-sep" aria-hidden="true">·</span><?cs var:s.Size ?><?cs if:s.Dims ?><span class="slot-meta-sep" aria-hidden="true">·</span><?cs var:s.Dims ?> 像素<?cs /if ?><?cs if:s.OrigName ?><br>原文件名：<?cs var:s.OrigName ?><?cs /if ?></p><?cs /if ?><?cs if:Order.Editable ?>
            <form class="slot-form" method="post" action="/cgi-bin/upload.fcgi" enctype="multipart/form-data">
              <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
              <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
              <input type="hidden" name="slot" value="<?cs var:s.Name ?>">
              <label class="sr-only" for="file-<?cs var:s.Name ?>">选择文件：<?cs var:s.Label ?></label>
              <input class="slot-file<?cs if:s.Error ?> is-invalid<?cs /if ?>" type="file" id="file-<?cs var:s.Name ?>" name="file" accept="<?cs var:s.Accept ?>" required aria-describedby="<?cs if:s.Error ?>err-<?cs var:s.Name ?> <?cs /if ?>hint-<?cs var:s.Name ?>"<?cs if:s.Error ?> aria-invalid="true"<?cs /if ?>>
              <button type="submit" class="btn btn-secondary btn-small"><?cs if:s.Has ?>重新上传<?cs else ?>上传文件<?cs /if ?></button>
            </form><?cs /if ?>
            <p class="field-hint" id="hint-<?cs var:s.Name ?>"><?cs var:s.Hint ?><?cs if:s.Has && Order.Editable ?>；重新上传将替换当前文件（原文件留档）<?cs /if ?></p><?cs if:s.Error ?>
            <p class="field-error" id="err-<?cs var:s.Name ?>" role="alert"><?cs var:s.Error ?></p><?cs /if ?>
          </div>
        </div>
      </li><?cs
/def ?><?cs include:"layout/header.cs" ?>
<?cs call:steps(2) ?>
  <h1 class="page-title" id="page-title">上传材料</h1>

  <section class="panel order-summary" aria-label="业务单信息">
    <dl class="order-facts">
      <div><dt>业务单号</dt><dd class="order-no"><?cs var:Order.Id ?></dd></div>
      <div><dt>业务类型</dt><dd><?cs var:Order.SubjectLabel ?></dd></div>
      <div><dt>申请类型</dt><dd><?cs var:Order.KindLabel ?></dd></div>
      <div><dt>证书类型</dt><dd><?cs var:Order.CertType ?></dd></div>
      <div><dt>业务单状态</dt><dd><span class="badge"><?cs var:Order.StatusLabel ?></span></dd></div>
      <div><dt>材料</dt><dd>已上传 <?cs var:Docs.Have ?> / <?cs var:Docs.Total ?> 项</dd></div>
    </dl><?cs if:Order.status == "rejected" && Order.review_reason ?>
    <div class="note note-danger">
      <p><strong>审核不通过：</strong><?cs var:Order.review_reason ?></p>
      <p>请按审核意见补正标注“需补正”的材料或信息，然后重新提交申请。</p>
    </div><?cs /if ?><?cs if:!Order.Editable ?>
    <p class="note note-warn">该业务单当前状态为“<?cs var:Order.StatusLabel ?>”，材料仅供查看，不能再修改。</p><?cs /if ?><?cs if:Order.Purged ?>
    <p class="alert alert-info" id="purged">本业务单的上传材料和个人信息已于<?cs var:Order.Purged ?>按保存期限清除。</p><?cs /if ?><?cs if:Page.OpenOrder ?>
    <p class="alert alert-info">您已有的未办结申请：<a href="/cgi-bin/orders.fcgi?order=<?cs var:url_escape(Page.OpenOrder) ?>">业务单 <?cs var:Page.OpenOrder ?></a></p><?cs /if ?>
  </section>

  <section class="panel" aria-labelledby="materials-title">
    <h2 class="panel-title" id="materials-title">上传材料</h2>
    <p class="panel-lead">请上传清晰、完整、未经涂改的彩色扫描件或照片。系统按文件内容判断格式，修改文件扩展名无效。图片不超过5MB，PDF不超过10MB。</p>
    <ul class="slot-list"><?cs each:s = Slots ?><?cs if:s.Group == "materials" ?><?cs call:slot_item(s) ?><?cs /if ?><?cs /each ?>
    </ul>
  </section>

  <section class="panel" aria-labelledby="forms-title">
    <h2 class="panel-title" id="forms-title">下载并上传申请表</h2>
    <ol class="form-steps">
      <li>下载系统根据您填写的信息生成的申请表<?cs if:Order.subject == "enterprise" ?>和授权书<?cs /if ?>，以及《CFCA网上平台办理协议书》；</li>
      <li>用A4纸打印，核对无误后<?cs if:Order.subject == "enterprise" ?>签字并加盖单位公章<?cs else ?>本人签字或按手印<?cs /if ?>；</li>
      <li>扫描或拍照后，在下方对应位置上传。</li>
    </ol>
    <ul class="downloads">
      <li class="download">
        <span class="download-name"><?cs if:Order.subject == "enterprise" ?>数字证书及电子印章申请表<?cs else ?>数字证书申请表（个人）<?cs /if ?></span>
        <span class="download-actions"><a class="btn btn-primary btn-small" href="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;doc=form">下载申请表（PDF）</a><a class="btn btn-default btn-small" href="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;doc=form&amp;print=1">打印版</a></span>
      </li><?cs if:Order.subject == "enterprise" ?>
      <li class="download">
        <span class="download-name">授权书</span>
        <span class="download-actions"><a class="btn btn-primary btn-small" href="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;doc=authorization">下载授权书（PDF）</a><a class="btn btn-default btn-small" href="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;doc=authorization&amp;print=1">打印版</a></span>
      </li><?cs /if ?>
      <li class="download">
        <span class="download-name">《CFCA网上平台办理协议书》</span>
        <span class="download-actions"><a class="btn btn-primary btn-small" href="/cgi-bin/upload.fcgi?order=<?cs var:url_escape(Order.Id) ?>&amp;doc=agreement">下载协议书（PDF）</a></span>
      </li>
    </ul>
    <p class="muted">申请表和授权书上印有业务单号和二维码校验码，仅可用于本业务单，请勿混用。</p>
    <ul class="slot-list"><?cs each:s = Slots ?><?cs if:s.Group == "forms" ?><?cs call:slot_item(s) ?><?cs /if ?><?cs /each ?>
    </ul>
  </section>

  <section class="panel submit-panel" id="submit" aria-labelledby="submit-title">
    <h2 class="panel-title" id="submit-title">提交申请</h2><?cs if:subcount(Missing) ?>
    <div class="note <?cs if:Page.MissingError ?>note-danger<?cs else ?>note-warn<?cs /if ?>"<?cs if:Page.MissingError ?> role="alert"<?cs /if ?>>
      <p><strong>以下内容尚未完成：</strong></p>
      <ul class="missing-list"><?cs each:m = Missing ?>
        <li><?cs var:m.Label ?><?cs if:m.Kind == "field" ?>（请<a href="/cgi-bin/<?cs if:Order.kind == "new" ?>apply<?cs else ?>renew<?cs /if ?>.fcgi?order=<?cs var:url_escape(Order.Id) ?>">修改申请表</a>填写）<?cs else ?>（请在上方上传）<?cs /if ?></li><?cs /each ?>
      </ul>
    </div><?cs elif:Order.Editable ?>
    <p class="note">申请信息和材料已齐全。提交后将进入审核，审核期间仍可修改材料。</p><?cs /if ?><?cs if:Order.Editable ?>
    <form class="submit-form" method="post" action="/cgi-bin/upload.fcgi">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="action" value="submit">
      <input type="hidden" name="order" value="<?cs var:Order.Id ?>">
      <a class="btn btn-default" href="/cgi-bin/<?cs if:Order.kind == "new" ?>apply<?cs else ?>renew<?cs /if ?>.fcgi?order=<?cs var:url_escape(Order.Id) ?>">上一步：修改申请表</a>
      <button type="submit" class="btn btn-primary"><?cs if:Order.status == "rejected" ?>重新提交申请<?cs else ?>提交申请<?cs /if ?></button>
    </form><?cs else ?>
    <p class="submit-links"><a class="btn btn-default" href="/cgi-bin/orders.fcgi?order=<?cs var:url_escape(Order.Id) ?>">查看业务单</a></p><?cs /if ?>
  </section>
<?cs include:"layout/footer.cs" ?>
