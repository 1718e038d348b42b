# htdocs/local.mk: the static document root (css, images, the sample agreement), installed under $(pkgdatadir)/htdocs.
EXTRA_DIST += htdocs
install-htdocs:
	$(MKDIR_P) $(DESTDIR)$(pkgdatadir)/htdocs
	cd $(srcdir)/htdocs && find . -type f ! -name local.mk -exec sh -c 'for f; do \
		$(MKDIR_P) "$(DESTDIR)$(pkgdatadir)/htdocs/$$(dirname "$$f")" && \
		$(INSTALL_DATA) "$$f" "$(DESTDIR)$(pkgdatadir)/htdocs/$$f"; done' sh {} +
uninstall-htdocs:
	rm -rf $(DESTDIR)$(pkgdatadir)/htdocs
