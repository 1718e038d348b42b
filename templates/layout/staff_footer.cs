<?cs # templates/layout/staff_footer.cs: closes the staff pages ?>
</div>
</main>
<footer class="site-footer">
  <div class="container">
    <p>管理后台 · 所有操作均记入审计日志</p>
  </div>
</footer>
</body>
</html>
