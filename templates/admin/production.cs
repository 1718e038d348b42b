<?cs # templates/admin/production.cs: the producer's queue (制证队列): paid orders to produce and ship or make ready, or those shipped / ready to complete, oldest first, with the delivery method and the next step ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title"><?cs var:Page.Title ?></h1>
  <nav class="tabs" aria-label="制证队列分类"><?cs each:tab = Tabs ?>
    <a class="tab<?cs if:Filter.Status == tab.Code ?> is-current<?cs /if ?>" href="/cgi-bin/admin.fcgi?view=production&amp;status=<?cs var:url_escape(tab.Code) ?>"<?cs if:Filter.Status == tab.Code ?> aria-current="page"<?cs /if ?>><?cs var:tab.Label ?></a><?cs /each ?>
  </nav>
  <section class="panel">
    <p class="muted"><?cs var:Filter.StatusLabel ?>：共 <strong id="production-total"><?cs var:Pager.Total ?></strong> 条，按提交时间先后排列（均已审核通过并已支付）</p>
    <div class="table-wrap">
      <table class="table" id="production">
        <thead>
          <tr><th scope="col">业务单号</th><th scope="col">单位 / 申请人</th><th scope="col">业务类型</th><th scope="col">申请类型</th><th scope="col">提交时间</th><th scope="col">领取方式</th><th scope="col">证书</th><th scope="col">下一步</th><th scope="col" class="act">操作</th></tr>
        </thead>
        <tbody><?cs each:row = Rows ?><?cs if:row.Id ?>
          <tr>
            <td class="mono"><?cs var:row.Id ?></td>
            <td><?cs var:row.Name ?></td>
            <td><?cs var:row.Subject ?></td>
            <td><?cs var:row.Kind ?></td>
            <td class="nowrap"><?cs var:row.Submitted ?></td>
            <td class="nowrap"><span class="delivery delivery-<?cs var:row.DeliveryCode ?>"><?cs var:row.Delivery ?></span><?cs if:row.Carrier ?><br><span class="muted"><?cs var:row.Carrier ?> <span class="mono"><?cs var:row.TrackingNo ?></span></span><?cs /if ?></td>
            <td class="nowrap"><?cs if:row.HasCert ?>已录入<?cs else ?><span class="muted">未录入</span><?cs /if ?></td>
            <td><?cs var:row.Next ?></td>
            <td class="act"><a href="/cgi-bin/admin.fcgi?order=<?cs var:url_escape(row.Id) ?>#delivery">办理</a></td>
          </tr><?cs /if ?><?cs /each ?>
        </tbody>
      </table>
    </div><?cs if:!Rows.0.Id ?>
    <p class="empty">当前没有需要办理的业务单。</p><?cs /if ?>
    <p class="muted">第 <?cs var:Pager.Page ?> / <?cs var:Pager.Pages ?> 页<?cs if:Pager.Page > 1 ?>　<a href="/cgi-bin/admin.fcgi?view=production&amp;status=<?cs var:url_escape(Filter.Status) ?>&amp;p=<?cs var:Pager.Page - 1 ?>">上一页</a><?cs /if ?><?cs if:Pager.Page < Pager.Pages ?>　<a href="/cgi-bin/admin.fcgi?view=production&amp;status=<?cs var:url_escape(Filter.Status) ?>&amp;p=<?cs var:Pager.Page + 1 ?>">下一页</a><?cs /if ?></p>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
