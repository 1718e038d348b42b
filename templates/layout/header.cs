<?cs # templates/layout/header.cs: page head, header band with the account box, navigation bar, breadcrumb and top-of-content notices ?><?cs
include:"layout/macros.cs" ?><?cs
# Pages include this first and layout/footer.cs last. A page may set, before including it,
# Layout.Crumb = "none" (no breadcrumb, the home page), "center" (个人中心 as the parent) or
# "orders" (业务单管理 as the parent). ?><!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="renderer" content="webkit">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="format-detection" content="telephone=no"><?cs
if:Page.Refresh ?>
<meta http-equiv="refresh" content="<?cs var:Page.Refresh ?>"><?cs /if ?>
<title><?cs var:Page.Title ?> - <?cs call:site_name() ?></title>
<link rel="icon" type="image/svg+xml" href="/img/logo.svg">
<link rel="stylesheet" href="/css/certdesk.css">
</head>
<body>
<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header">
  <div class="container header-inner">
    <a class="brand" href="/cgi-bin/home.fcgi">
      <img class="brand-logo" src="/img/logo.svg" alt="" width="48" height="48">
      <span class="brand-name"><?cs call:site_name() ?></span>
    </a>
    <div class="account"><?cs if:Session.SignedIn == "1" ?>
      <span class="account-hello">您好，<strong><?cs var:Session.Mobile ?></strong></span>
      <a class="account-link" href="/cgi-bin/home.fcgi?page=center">个人中心</a>
      <form class="account-logout" method="post" action="/cgi-bin/login.fcgi">
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
        <input type="hidden" name="action" value="logout">
        <button type="submit" class="btn-logout">退出</button>
      </form><?cs else ?>
      <a class="account-link" href="/cgi-bin/login.fcgi">登录</a>
      <a class="account-link account-register" href="/cgi-bin/register.fcgi">注册</a><?cs /if ?>
    </div>
  </div>
</header>
<nav class="site-nav" aria-label="主导航">
  <div class="container">
    <ul class="nav-list">
      <li><a href="/cgi-bin/home.fcgi"<?cs if:Page.Nav == "home" ?> class="is-active" aria-current="page"<?cs /if ?>>首页</a></li>
      <li><a href="/cgi-bin/apply.fcgi"<?cs if:Page.Nav == "apply" ?> class="is-active" aria-current="page"<?cs /if ?>>证书新办</a></li>
      <li><a href="/cgi-bin/renew.fcgi"<?cs if:Page.Nav == "renew" ?> class="is-active" aria-current="page"<?cs /if ?>>证书续费</a></li>
      <li><a href="/cgi-bin/orders.fcgi"<?cs if:Page.Nav == "orders" ?> class="is-active" aria-current="page"<?cs /if ?>>业务单管理</a></li>
      <li><a href="/cgi-bin/invoice.fcgi"<?cs if:Page.Nav == "invoice" ?> class="is-active" aria-current="page"<?cs /if ?>>发票管理</a></li>
      <li><a href="/cgi-bin/home.fcgi?page=center"<?cs if:Page.Nav == "center" ?> class="is-active" aria-current="page"<?cs /if ?>>个人中心</a></li>
    </ul>
  </div>
</nav>
<main class="site-main" id="main">
<div class="container"><?cs if:Layout.Crumb != "none" ?>
  <nav class="crumb" aria-label="当前位置">
    <span class="crumb-label">当前位置：</span><a href="/cgi-bin/home.fcgi">首页</a><?cs
    if:Layout.Crumb == "center" ?><span class="crumb-sep" aria-hidden="true">›</span><a href="/cgi-bin/home.fcgi?page=center">个人中心</a><?cs
    elif:Layout.Crumb == "orders" ?><span class="crumb-sep" aria-hidden="true">›</span><a href="/cgi-bin/orders.fcgi">业务单管理</a><?cs /if ?><span class="crumb-sep" aria-hidden="true">›</span><span aria-current="page"><?cs var:Page.Title ?></span>
  </nav><?cs /if ?><?cs if:Page.Notice ?>
  <div class="alert alert-success" role="status"><?cs var:Page.Notice ?></div><?cs /if ?><?cs if:Errors.Form ?>
  <div class="alert alert-error" role="alert"><?cs var:Errors.Form ?></div><?cs /if ?>
