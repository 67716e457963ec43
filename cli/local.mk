# cli: l2tp-connect, the command-line client. main.c holds the subcommand table; each
# subcommand lives in its own cmd_*.c.
bin_PROGRAMS += cli/l2tp-connect
cli_l2tp_connect_SOURCES = \
	cli/assignments.c \
	cli/change_options.c \
	cli/cli.h \
	cli/cli_common.c \
	cli/cmd_add.c \
	cli/cmd_delete.c \
	cli/cmd_down.c \
	cli/cmd_edit.c \
	cli/cmd_export.c \
	cli/cmd_import.c \
	cli/cmd_keys.c \
	cli/cmd_list.c \
	cli/cmd_show.c \
	cli/cmd_status.c \
	cli/cmd_up.c \
	cli/cmd_up_daemon.c \
	cli/daemon_client.c \
	cli/daemon_client.h \
	cli/json_out.c \
	cli/json_out.h \
	cli/main.c \
	cli/profile_access.c \
	cli/profile_access.h \
	cli/prompt.c \
	cli/prompt.h \
	cli/secret_input.c \
	daemon/settings_dict.c \
	daemon/settings_dict.h
cli_l2tp_connect_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
cli_l2tp_connect_LDADD = daemon/libl2c-dbus.a core/libl2c-core.a $(GLIB_LIBS) $(OPENSSL_LIBS)

dist_man_MANS += man/l2tp-connect.1 man/l2tp-connect.conf.5

# bash-completion's own directory when its .pc is there (moved under our prefix so that
# `make distcheck` stays inside it), else the conventional place.
bashcompletiondir = $(shell $(PKG_CONFIG) --define-variable=prefix='$(prefix)' \
	--define-variable=datadir='$(datadir)' --variable=completionsdir bash-completion \
	2>/dev/null || echo '$(datadir)/bash-completion/completions')
dist_bashcompletion_DATA = packaging/bash-completion/l2tp-connect

# The CLI against a scratch profile directory.
TESTS += tests/unit/test-cli-profiles.sh
EXTRA_DIST += tests/unit/test-cli-profiles.sh

# status --json's string escaping.
check_PROGRAMS += tests/unit/test-cli-json
TESTS += tests/unit/test-cli-json
tests_unit_test_cli_json_SOURCES = tests/unit/test-cli-json.c cli/json_out.c cli/json_out.h
tests_unit_test_cli_json_CFLAGS = $(AM_CFLAGS) $(L2C_SANITIZE_CFLAGS) $(GLIB_CFLAGS)
tests_unit_test_cli_json_LDFLAGS = $(L2C_SANITIZE_LDFLAGS)
tests_unit_test_cli_json_LDADD = $(GLIB_LIBS)
