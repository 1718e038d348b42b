<?cs # templates/layout/footer.cs: closes the content and prints the footer with the sponsor lines and the ICP/public-security filing numbers ?>
</div>
</main>
<footer class="site-footer">
  <div class="container">
    <p class="footer-links"><a href="/cgi-bin/home.fcgi">首页</a><span aria-hidden="true">|</span><a href="/cgi-bin/home.fcgi?page=privacy">隐私政策</a><span aria-hidden="true">|</span><a href="/cgi-bin/orders.fcgi">业务单查询</a></p>
<?cs if:Site.Operator ?>    <p>主办单位：<?cs var:Site.Operator ?></p>
<?cs /if ?>
    <p>数字证书技术支持：中金金融认证中心有限公司（CFCA）</p><?cs if:Site.ICP || Site.PSB ?>
    <p class="footer-filing"><?cs if:Site.ICP ?><a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer"><?cs var:Site.ICP ?></a><?cs /if ?><?cs if:Site.PSB ?><a class="psb" href="https://beian.mps.gov.cn/" target="_blank" rel="noopener noreferrer"><?cs var:Site.PSB ?></a><?cs /if ?></p><?cs /if ?>
    <p class="footer-note">建议使用 Chrome、Edge、Firefox 浏览器，或 360、QQ 等浏览器的极速模式访问本平台</p>
  </div>
</footer>
</body>
</html>
