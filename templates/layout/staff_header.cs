<?cs # templates/layout/staff_header.cs: the staff pages' head, header band (login name and sign-out), staff navigation (each role sees only what it may open) and notices ?><?cs
include:"layout/macros.cs" ?><!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="renderer" content="webkit">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title><?cs var:Page.Title ?> - 管理后台 - <?cs call:site_name() ?></title>
<link rel="icon" type="image/svg+xml" href="/img/logo.svg">
<link rel="stylesheet" href="/css/certdesk.css">
</head>
<body class="staff">
<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header staff-header">
  <div class="container header-inner">
    <a class="brand" href="/cgi-bin/admin.fcgi">
      <img class="brand-logo" src="/img/logo.svg" alt="" width="48" height="48">
      <span class="brand-name"><?cs call:site_name() ?> · 管理后台</span>
    </a>
    <div class="account"><?cs if:Staff.Login ?>
      <span class="account-hello">工作人员：<strong><?cs var:Staff.Login ?></strong></span><?cs if:Staff.Reviewer || Staff.Admin || Staff.Member ?>
      <a class="account-link" href="/cgi-bin/admin.fcgi?view=passwd">修改密码</a><?cs /if ?>
      <form class="account-logout" method="post" action="/cgi-bin/admin.fcgi">
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
        <input type="hidden" name="action" value="logout">
        <button type="submit" class="btn-logout">退出</button>
      </form><?cs /if ?>
    </div>
  </div>
</header><?cs if:Staff.Reviewer || Staff.Finance || Staff.Producer || Staff.Admin ?>
<nav class="site-nav" aria-label="管理导航">
  <div class="container">
    <ul class="nav-list"><?cs if:Staff.Admin ?>
      <li><a href="/cgi-bin/admin.fcgi"<?cs if:Page.Nav == "overview" ?> class="is-active" aria-current="page"<?cs /if ?>>工作总览</a></li><?cs /if ?><?cs if:Staff.Reviewer || Staff.Admin ?>
      <li><a href="/cgi-bin/admin.fcgi?status=pending"<?cs if:Page.Nav == "queue" ?> class="is-active" aria-current="page"<?cs /if ?>>审核队列</a></li>
      <li><a href="/cgi-bin/admin.fcgi?status=rejected"<?cs if:Page.Nav == "rejected" ?> class="is-active" aria-current="page"<?cs /if ?>>审核不通过</a></li>
      <li><a href="/cgi-bin/admin.fcgi?status=approved"<?cs if:Page.Nav == "approved" ?> class="is-active" aria-current="page"<?cs /if ?>>审核通过</a></li><?cs /if ?><?cs if:Staff.Finance || Staff.Admin ?>
      <li><a href="/cgi-bin/admin.fcgi?view=payments"<?cs if:Page.Nav == "payments" ?> class="is-active" aria-current="page"<?cs /if ?>>支付管理</a></li>
      <li><a href="/cgi-bin/admin.fcgi?view=invoices"<?cs if:Page.Nav == "invoices" ?> class="is-active" aria-current="page"<?cs /if ?>>开票管理</a></li>
      <li><a href="/cgi-bin/admin.fcgi?view=export"<?cs if:Page.Nav == "export" ?> class="is-active" aria-current="page"<?cs /if ?>>数据导出</a></li><?cs /if ?><?cs if:Staff.Producer || Staff.Admin ?>
      <li><a href="/cgi-bin/admin.fcgi?view=production"<?cs if:Page.Nav == "production" ?> class="is-active" aria-current="page"<?cs /if ?>>制证队列</a></li><?cs /if ?><?cs if:Staff.Admin ?>
      <li><a href="/cgi-bin/admin.fcgi?view=staff"<?cs if:Page.Nav == "staff" ?> class="is-active" aria-current="page"<?cs /if ?>>工作人员管理</a></li>
      <li><a href="/cgi-bin/admin.fcgi?view=prices"<?cs if:Page.Nav == "prices" ?> class="is-active" aria-current="page"<?cs /if ?>>价格管理</a></li>
      <li><a href="/cgi-bin/admin.fcgi?view=dashboard"<?cs if:Page.Nav == "dashboard" ?> class="is-active" aria-current="page"<?cs /if ?>>运营统计</a></li>
      <li><a href="/cgi-bin/admin.fcgi?view=audit"<?cs if:Page.Nav == "audit" ?> class="is-active" aria-current="page"<?cs /if ?>>审计日志</a></li><?cs /if ?>
    </ul>
  </div>
</nav><?cs /if ?>
<main class="site-main" id="main">
<div class="container"><?cs if:Page.Notice ?>
  <div class="alert alert-success" role="status"><?cs var:Page.Notice ?></div><?cs /if ?><?cs if:Errors.Form ?>
  <div class="alert alert-error" role="alert"><?cs var:Errors.Form ?></div><?cs /if ?>
