# packaging: the translation test, the Debian and RPM packages, and the lab test of the .deb.

# test-po.sh checks the catalogue and runs the CLI in German. An installed CLI reads
# $(localedir); this copy reads tests/unit/po-locale, where the test puts po/de.po compiled.
check_PROGRAMS += tests/unit/l2tp-connect-po
tests_unit_l2tp_connect_po_SOURCES = $(cli_l2tp_connect_SOURCES)
tests_unit_l2tp_connect_po_CPPFLAGS = $(AM_CPPFLAGS) -ULOCALEDIR \
	-DLOCALEDIR=\"$(abs_top_builddir)/tests/unit/po-locale\"
tests_unit_l2tp_connect_po_CFLAGS = $(cli_l2tp_connect_CFLAGS)
tests_unit_l2tp_connect_po_LDADD = $(cli_l2tp_connect_LDADD)
TESTS += tests/unit/test-po.sh tests/unit/test-packaging.sh tests/unit/test-data-files.sh
EXTRA_DIST += tests/unit/test-po.sh tests/unit/test-packaging.sh tests/unit/test-data-files.sh \
	tests/unit/tap.sh \
	po/README

# Packages, from this build tree (see README, "Install"). Both need the build dependencies
# of packaging/install-deps.sh --packaging.
#   make deb         packaging/build-deb.sh into deb/, then lintian (errors, warnings fail)
#   make rpm         rpmbuild -bb --nodeps from the `make dist` tarball, into rpmbuild/
#   make check-deb   make deb, then tests/lab/test-deb.sh: the .deb installed in the lab
#                    connects to the reference LNS and leaves nothing behind when removed
DEB_DIR = $(abs_top_builddir)/deb
RPM_TOPDIR = $(abs_top_builddir)/rpmbuild
# Debian's rpm has no debuginfo tooling set up for a foreign distribution.
RPMBUILD_FLAGS = --define 'debug_package %{nil}'

deb:
	rm -rf $(DEB_DIR)
	$(SHELL) $(top_srcdir)/packaging/build-deb.sh --lintian $(DEB_DIR)

rpm: dist-gzip
	rm -rf $(RPM_TOPDIR)
	$(MKDIR_P) $(RPM_TOPDIR)/SOURCES
	mv $(distdir).tar.gz $(RPM_TOPDIR)/SOURCES/
	rpmbuild -bb --nodeps --define '_topdir $(RPM_TOPDIR)' $(RPMBUILD_FLAGS) \
		$(top_srcdir)/packaging/rpm/l2tp-connect.spec
	find $(RPM_TOPDIR)/RPMS -name '*.rpm'

check-deb: deb
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
		L2C_DEB_DIR='$(DEB_DIR)' $(SHELL) $(top_srcdir)/tests/lab/test-deb.sh

clean-local: clean-packaging
clean-packaging:
	-rm -rf $(DEB_DIR) $(RPM_TOPDIR) tests/unit/po-locale

EXTRA_DIST += tests/lab/test-deb.sh

.PHONY: deb rpm check-deb clean-packaging
