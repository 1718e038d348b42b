<?cs # templates/admin/overview.cs: the admin's overview (工作总览): every work queue with its count and a link to it ?>
<?cs include:"layout/staff_header.cs" ?>
  <h1 class="page-title" id="page-title"><?cs var:Page.Title ?></h1>
  <section class="panel" aria-labelledby="queues-title">
    <h2 class="panel-title" id="queues-title">待办事项</h2>
    <table class="table" id="overview">
      <thead><tr><th scope="col">工作队列</th><th scope="col">岗位</th><th scope="col" class="num">待办数量</th><th scope="col" class="act">操作</th></tr></thead>
      <tbody>
        <tr><td>待审核业务单</td><td>审核员</td><td class="num" id="count-pending"><?cs if:Overview.Pending > 1000 ?>1000+<?cs else ?><?cs var:Overview.Pending ?><?cs /if ?></td><td class="act"><a href="/cgi-bin/admin.fcgi?view=queue">进入审核队列</a></td></tr>
        <tr><td>待确认的对公转账</td><td>财务</td><td class="num" id="count-claims"><?cs if:Overview.Claims > 1000 ?>1000+<?cs else ?><?cs var:Overview.Claims ?><?cs /if ?></td><td class="act"><a href="/cgi-bin/admin.fcgi?view=payments">进入支付管理</a></td></tr>
        <tr><td>待开具的发票</td><td>财务</td><td class="num" id="count-invoices"><?cs if:Overview.Invoices > 1000 ?>1000+<?cs else ?><?cs var:Overview.Invoices ?><?cs /if ?></td><td class="act"><a href="/cgi-bin/admin.fcgi?view=invoices">进入开票管理</a></td></tr>
        <tr><td>待制证 / 待投递</td><td>制证员</td><td class="num" id="count-producing"><?cs var:Overview.Producing ?></td><td class="act"><a href="/cgi-bin/admin.fcgi?view=production">进入制证队列</a></td></tr>
        <tr><td>已寄出（待签收）</td><td>制证员</td><td class="num" id="count-shipped"><?cs var:Overview.Shipped ?></td><td class="act"><a href="/cgi-bin/admin.fcgi?view=production&amp;status=shipped">查看</a></td></tr>
        <tr><td>待领取</td><td>制证员</td><td class="num" id="count-ready"><?cs var:Overview.Ready ?></td><td class="act"><a href="/cgi-bin/admin.fcgi?view=production&amp;status=ready">查看</a></td></tr>
      </tbody>
    </table>
  </section>
<?cs include:"layout/staff_footer.cs" ?>
