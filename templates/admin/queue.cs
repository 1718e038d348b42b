<?cs # templates/admin/queue.cs: the staff work queue (pending orders, oldest first, with waiting time), search and status filter ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title"><?cs var:Page.Title ?></h1>
  <section class="panel">
    <form class="filter-bar" method="get" action="/cgi-bin/admin.fcgi" role="search">
      <label class="filter-item filter-search"><span>搜索（全部状态）</span>
        <input class="input" type="search" name="q" value="<?cs var:Form.q ?>" placeholder="业务单号、信用代码、单位或姓名、手机号、证件号码"></label>
      <button type="submit" class="btn btn-primary">搜索</button>
    </form>
    <form class="filter-bar" method="get" action="/cgi-bin/admin.fcgi">
      <label class="filter-item"><span>状态</span>
        <select class="input" name="status">
          <option value="">全部（不含未提交）</option><?cs each:s = Statuses ?>
          <option value="<?cs var:s.Code ?>"<?cs if:Filter.Status == s.Code ?> selected<?cs /if ?>><?cs var:s.Label ?></option><?cs /each ?>
        </select></label>
      <label class="filter-item"><span>申请类型</span>
        <select class="input" name="kind">
          <option value="">全部</option>
          <option value="new"<?cs if:Form.kind == "new" ?> selected<?cs /if ?>>证书新办</option>
          <option value="renew"<?cs if:Form.kind == "renew" ?> selected<?cs /if ?>>证书续费</option>
          <option value="reissue"<?cs if:Form.kind == "reissue" ?> selected<?cs /if ?>>证书补办</option>
        </select></label>
      <label class="filter-item"><span>业务类型</span>
        <select class="input" name="subject">
          <option value="">全部</option>
          <option value="enterprise"<?cs if:Form.subject == "enterprise" ?> selected<?cs /if ?>>企业</option>
          <option value="personal"<?cs if:Form.subject == "personal" ?> selected<?cs /if ?>>个人</option>
        </select></label>
      <label class="filter-item"><span>提交日期从</span>
        <input class="input input-date" type="date" name="from" value="<?cs var:Form.from ?>"></label>
      <label class="filter-item"><span>至</span>
        <input class="input input-date" type="date" name="to" value="<?cs var:Form.to ?>"></label>
      <button type="submit" class="btn btn-default">筛选</button>
    </form>
    <p class="muted">共 <strong><?cs if:Pager.Total > 1000 ?>1000+<?cs else ?><?cs var:Pager.Total ?><?cs /if ?></strong> 条<?cs if:Filter.Status == "pending" ?>，按提交时间先后排列<?cs /if ?></p>
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr><th scope="col">业务单号</th><th scope="col">单位 / 申请人</th><th scope="col">业务类型</th><th scope="col">申请类型</th><th scope="col">提交时间</th><th scope="col">已等待</th><th scope="col">业务单状态</th><th scope="col">支付状态</th><th scope="col">认领人</th><th scope="col" class="act">操作</th></tr>
        </thead>
        <tbody><?cs each:row = Rows ?><?cs if:row.Id ?>
          <tr>
            <td class="mono"><?cs var:row.Id ?></td>
            <td><?cs var:row.Name ?></td>
            <td><?cs var:row.Subject ?></td>
            <td><?cs var:row.Kind ?></td>
            <td class="nowrap"><?cs var:row.Submitted ?></td>
            <td class="nowrap"><?cs if:row.StatusCode == "pending" ?><?cs var:row.Waiting ?><?cs else ?>—<?cs /if ?></td>
            <td><span class="st st-<?cs var:row.StatusCode ?>"><?cs var:row.Status ?></span></td>
            <td><?cs var:row.PayStatus ?></td>
            <td><?cs var:row.ClaimedBy ?></td>
            <td class="act"><a href="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(row.Id) ?>"><?cs if:row.CanClaim || row.CanApprove || row.CanReject ?>审核<?cs elif:row.CanProduce || row.CanShip || row.CanReady || row.CanComplete ?>办理<?cs else ?>查看<?cs /if ?></a></td>
          </tr><?cs /if ?><?cs /each ?>
        </tbody>
      </table>
    </div><?cs if:!Rows.0.Id ?>
    <p class="empty">没有符合条件的业务单。</p><?cs /if ?>
    <p class="muted">第 <?cs var:Pager.Page ?><?cs if:Pager.Total <= 1000 ?> / <?cs var:Pager.Pages ?><?cs /if ?> 页<?cs if:Pager.Page > 1 ?>　<a href="/cgi-bin/admin.fcgi?status=<?cs var:url_escape(Filter.Status) ?>&amp;q=<?cs var:url_escape(Form.q) ?>&amp;kind=<?cs var:url_escape(Form.kind) ?>&amp;subject=<?cs var:url_escape(Form.subject) ?>&amp;from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>&amp;p=<?cs var:Pager.Page - 1 ?>">上一页</a><?cs /if ?><?cs if:Pager.Page < Pager.Pages ?>　<a href="/cgi-bin/admin.fcgi?status=<?cs var:url_escape(Filter.Status) ?>&amp;q=<?cs var:url_escape(Form.q) ?>&amp;kind=<?cs var:url_escape(Form.kind) ?>&amp;subject=<?cs var:url_escape(Form.subject) ?>&amp;from=<?cs var:url_escape(Form.from) ?>&amp;to=<?cs var:url_escape(Form.to) ?>&amp;p=<?cs var:Pager.Page + 1 ?>">下一页</a><?cs /if ?></p>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
