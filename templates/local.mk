# templates/local.mk: the ClearSilver templates, installed whole under $(pkgdatadir)/templates.
EXTRA_DIST += templates
install-data-local: install-templates install-htdocs
install-templates:
	$(MKDIR_P) $(DESTDIR)$(pkgdatadir)/templates
	cd $(srcdir)/templates && find . -name '*.cs' -exec sh -c 'for f; do \
		$(MKDIR_P) "$(DESTDIR)$(pkgdatadir)/templates/$$(dirname "$$f")" && \
		$(INSTALL_DATA) "$$f" "$(DESTDIR)$(pkgdatadir)/templates/$$f"; done' sh {} +
uninstall-local: uninstall-templates uninstall-htdocs
uninstall-templates:
	rm -rf $(DESTDIR)$(pkgdatadir)/templates
