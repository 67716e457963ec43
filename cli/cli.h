/* What the l2tp-connect subcommands share: exit codes, the command table's shape, and small
 * helpers for the store, errors and key=value arguments. One file per subcommand. */
#pragma once

#include "profile/profile.h"
#include "profile/profile_store.h"

#include <glib.h>
#include <stdbool.h>

#define L2C_CLI_NAME "l2tp-connect"

/* Documented in l2tp-connect(1), EXIT STATUS. */
enum l2c_exit {
	L2C_EXIT_OK = 0,
	L2C_EXIT_FAILURE = 1,	/* I/O, permissions, anything else */
	L2C_EXIT_USAGE = 2,	/* bad options, unknown key, a secret on the command line */
	L2C_EXIT_INVALID = 3,	/* the profile (or a value for it) is not valid */
	L2C_EXIT_NOT_FOUND = 4, /* no such profile */
	L2C_EXIT_EXISTS = 5,	/* a profile of that name exists already */
};

struct l2c_cli_command {
	const char *name;
	int (*run)(int argc,
		   char **argv); /* argv[0] is the command's name; returns enum l2c_exit */
	const char *summary;	 /* N_(): one line for `l2tp-connect --help` */
};

int l2c_cmd_up(int argc, char **argv);
int l2c_cmd_list(int argc, char **argv);
int l2c_cmd_show(int argc, char **argv);
int l2c_cmd_import(int argc, char **argv);
int l2c_cmd_export(int argc, char **argv);
int l2c_cmd_add(int argc, char **argv);
int l2c_cmd_edit(int argc, char **argv);
int l2c_cmd_delete(int argc, char **argv);
int l2c_cmd_keys(int argc, char **argv);
int l2c_cmd_down(int argc, char **argv);
int l2c_cmd_status(int argc, char **argv);

/* `up NAME` without --foreground: the l2tp-connectd service connects (cmd_up_daemon.c). */
int l2c_cli_up_via_daemon(const char *name, bool secrets_from_stdin, bool verbose);

/* The store in $L2TP_CONNECT_PROFILE_DIR, else the system directory. */
struct l2c_profile_store *l2c_cli_open_store(void);

/* Prints "l2tp-connect: " and the message (each line of it) to stderr; returns the exit code
 * for the error's code. Frees the error. */
int l2c_cli_fail(GError *error);

/* Prints a usage problem and the hint to run `l2tp-connect COMMAND --help`; returns
 * L2C_EXIT_USAGE. */
int l2c_cli_usage_error(const char *command, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Prints a command's --help text to stdout; returns L2C_EXIT_OK. */
int l2c_cli_print_help(const char *text);

/* Prints each warning as "l2tp-connect: warning: ...". */
void l2c_cli_print_warnings(GPtrArray *warnings);

/* Secrets are shown or exported only to root (euid 0). */
bool l2c_cli_may_reveal_secrets(void);

/* Lists the needed secrets the profile does not store ("will be asked for at connect"). */
void l2c_cli_note_missing_secrets(const struct l2c_profile *profile);

/* Parses "key=value" arguments into `profile` (l2c_profile_set_value). A secret key is refused
 * without echoing its value, and the value is wiped from argv so `ps` no longer shows it. */
int l2c_cli_apply_assignments(const char *command, struct l2c_profile *profile, int argc,
			      char **argv);

/* Where secrets for add/edit come from: --prompt KEY (repeatable) and --secrets-from-stdin. */
struct l2c_cli_secret_input {
	GPtrArray *prompt_for; /* secret names */
	bool from_stdin;
	bool prompt_missing; /* add: ask on a terminal for needed secrets the profile lacks */
};

void l2c_cli_secret_input_clear(struct l2c_cli_secret_input *input);
/* The secret a "password" or "vpn-secrets.password" names, or -1. */
int l2c_cli_secret_from_spec(const char *spec);
/* Option parsing shared by `add` and `edit`: --prompt SECRET, --secrets-from-stdin, --help
 * (prints `help`, returns -1 with *exit_code 0). On success *first_arg indexes NAME. */
int l2c_cli_parse_change_options(const char *command, const char *help, int argc, char **argv,
				 struct l2c_cli_secret_input *input, int *first_arg,
				 int *exit_code);

/* Reads the secrets and stores them in the profile. */
int l2c_cli_read_secrets(const char *command, struct l2c_profile *profile,
			 const struct l2c_cli_secret_input *input);
