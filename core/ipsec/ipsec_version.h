/* What the installed libreswan is: its version, the command dialect that follows from it, and
 * which algorithms it was built with. Pure: callers run the commands and pass their output. */
#pragma once

#include <stdbool.h>

struct ipsec_version {
	int major;
	int minor;
	int patch;
};

/* libreswan 5.0 renamed the IKE version switch (ikev2=no → keyexchange=ikev1), added the
 * `ipsec add/up/down` commands and dropped the numeric whack output prefixes. */
enum ipsec_dialect {
	IPSEC_DIALECT_V4 = 4,
	IPSEC_DIALECT_V5 = 5,
};

struct ipsec_caps {
	struct ipsec_version version;
	enum ipsec_dialect dialect;
	/* libreswan >= 3.30 is built without DH2 by default; some distributions enable it. */
	bool has_modp1024;
};

/* Parses the output of `ipsec --version` ("Libreswan 4.10", "Linux Libreswan U4.10/K6.1.0-13
 * (XFRM)", "Libreswan v5.2", ...). Returns 0, -EINVAL for text that names no libreswan
 * version, -ENOTSUP for another IKE implementation (strongSwan's `ipsec`). */
int ipsec_version_parse(const char *text, struct ipsec_version *out);

enum ipsec_dialect ipsec_dialect_for(const struct ipsec_version *version);

/* Caps from the version alone: modp1024 assumed missing from 3.30 on (the upstream default).
 * Used when `ipsec algparse` cannot be run. */
void ipsec_caps_from_version(const struct ipsec_version *version, struct ipsec_caps *out);

/* modp1024 availability from `ipsec algparse -v1 ike=aes128-sha1-modp1024`: it exits 0 and
 * prints the parsed proposal when the group is built in, and fails with "... is not
 * supported" when it is not. Returns 1 available, 0 not, -EINVAL when the answer is neither
 * (old libreswan without algparse, a crash): the caller keeps the version-based guess. */
int ipsec_caps_modp1024_from_algparse(int exit_status, const char *output);

/* "4.10" into buf; returns buf. */
const char *ipsec_version_format(const struct ipsec_version *version, char *buf, unsigned size);
