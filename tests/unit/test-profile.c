/* Profiles: NetworkManager-l2tp exports survive import and export unchanged, defaults apply,
 * unknown keys are kept, hostile values are refused with a message naming key and problem and
 * without touching the store, and the store writes 0600 files atomically. */
#include "config.h"

#include "profile/profile.h"
#include "profile/profile_keys.h"
#include "profile/profile_store.h"
#include "profile/profile_value_check.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A valid PSK profile; bad-input cases change one line of it. */
static const char BASE_PROFILE[] = "[connection]\n"
				   "id=Base\n"
				   "uuid=2b1f6a52-8c1e-4d2b-9a51-0f3e5b7c9d21\n"
				   "type=vpn\n"
				   "\n"
				   "[vpn]\n"
				   "gateway=vpn.example.com\n"
				   "user=alice\n"
				   "ipsec-enabled=yes\n"
				   "service-type=org.freedesktop.NetworkManager.l2tp\n"
				   "\n"
				   "[vpn-secrets]\n"
				   "ipsec-psk=psk\n"
				   "\n"
				   "[ipv4]\n"
				   "method=auto\n";

struct fixture {
	char *tmp;	 /* scratch directory */
	char *store_dir; /* the store, inside tmp, absent until a save */
	char *cert_dir;	 /* certificate files the profiles point at */
};

static void fixture_set_up(struct fixture *f, gconstpointer data)
{
	GError *error = NULL;

	f->tmp = g_dir_make_tmp("l2c-profile-XXXXXX", &error);
	g_assert_no_error(error);
	f->store_dir = g_build_filename(f->tmp, "store", NULL);
	f->cert_dir = g_build_filename(f->tmp, "certs", NULL);
	g_assert_cmpint(g_mkdir(f->cert_dir, 0700), ==, 0);
	for (const char *const *name = (const char *const[]){"ca.pem", "client.p12", NULL}; *name;
	     name++) {
		g_autofree char *path = g_build_filename(f->cert_dir, *name, NULL);

		g_assert_true(g_file_set_contents(path, "not really a certificate\n", -1, NULL));
	}
}

static void remove_tree(const char *path)
{
	GDir *dir = g_dir_open(path, 0, NULL);
	const char *entry;

	if (!dir) {
		g_remove(path);
		return;
	}
	while ((entry = g_dir_read_name(dir))) {
		g_autofree char *child = g_build_filename(path, entry, NULL);

		remove_tree(child);
	}
	g_dir_close(dir);
	g_rmdir(path);
}

static void fixture_tear_down(struct fixture *f, gconstpointer data)
{
	remove_tree(f->tmp);
	g_free(f->tmp);
	g_free(f->store_dir);
	g_free(f->cert_dir);
}

static char *data_path(const char *name)
{
	const char *srcdir = g_getenv("top_srcdir");

	return g_build_filename(srcdir ? srcdir : L2C_TOP_SRCDIR, "tests", "data", "profiles", name,
				NULL);
}

/* The test data's text with @CERTDIR@ pointing at this run's certificate files. */
static char *load_test_data(struct fixture *f, const char *name)
{
	g_autofree char *path = data_path(name);
	g_autofree char *text = NULL;
	g_auto(GStrv) parts = NULL;
	GError *error = NULL;

	g_file_get_contents(path, &text, NULL, &error);
	g_assert_no_error(error);
	parts = g_strsplit(text, "@CERTDIR@", -1);
	return g_strjoinv(f->cert_dir, parts);
}

static char *write_temp_profile(struct fixture *f, const char *name, const char *text)
{
	char *path = g_build_filename(f->tmp, name, NULL);

	g_assert_true(g_file_set_contents(path, text, -1, NULL));
	return path;
}

static GKeyFile *keyfile_from(const char *text)
{
	GKeyFile *kf = g_key_file_new();
	GError *error = NULL;

	g_key_file_load_from_data(kf, text, strlen(text), G_KEY_FILE_NONE, &error);
	g_assert_no_error(error);
	return kf;
}

/* Every key of `a` is in `b` with the same raw value, except `moved` ("section/key" of a key
 * that must show up in [vpn-secrets] instead). */
static void assert_keys_carried(GKeyFile *a, GKeyFile *b, const char *moved)
{
	g_auto(GStrv) groups = g_key_file_get_groups(a, NULL);

	for (size_t g = 0; groups[g]; g++) {
		g_auto(GStrv) keys = g_key_file_get_keys(a, groups[g], NULL, NULL);

		g_assert_true(g_key_file_has_group(b, groups[g]));
		for (size_t i = 0; keys[i]; i++) {
			g_autofree char *id = g_strdup_printf("%s/%s", groups[g], keys[i]);
			g_autofree char *va = g_key_file_get_value(a, groups[g], keys[i], NULL);
			g_autofree char *vb = NULL;

			if (moved && strcmp(id, moved) == 0) {
				g_assert_false(g_key_file_has_key(b, groups[g], keys[i], NULL));
				vb = g_key_file_get_value(b, "vpn-secrets", keys[i], NULL);
			} else {
				vb = g_key_file_get_value(b, groups[g], keys[i], NULL);
			}
			if (g_strcmp0(va, vb) != 0)
				g_error("%s: '%s' became '%s'", id, va, vb ? vb : "(missing)");
		}
	}
}

static void assert_round_trip(struct fixture *f, const char *file, const char *moved)
{
	g_autofree char *original = load_test_data(f, file);
	g_autofree char *path = write_temp_profile(f, file, original);
	g_autoptr(l2c_profile_store) store = l2c_profile_store_new(f->store_dir);
	g_autoptr(l2c_profile) imported = NULL;
	g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GKeyFile) before = keyfile_from(original);
	g_autoptr(GKeyFile) after = NULL;
	GError *error = NULL;
	char *exported = NULL;

	g_assert_cmpint(
	    l2c_profile_store_import(store, path, NULL, false, &imported, warnings, &error), ==, 0);
	g_assert_no_error(error);
	g_assert_cmpint(l2c_profile_store_export(store, imported->name, true, &exported, &error),
			==, 0);
	g_assert_no_error(error);
	after = keyfile_from(exported);
	l2c_secret_free(exported);

	assert_keys_carried(before, after, moved);
	if (moved) {
		g_autofree char *section = g_strndup(moved, strcspn(moved, "/"));
		const char *key = strchr(moved, '/') + 1;
		g_autofree char *value = g_key_file_get_value(before, section, key, NULL);

		g_key_file_remove_key(before, section, key, NULL);
		g_key_file_set_value(before, "vpn-secrets", key, value);
	}
	assert_keys_carried(after, before, NULL); /* and nothing was added */
}

static void test_round_trip_psk(struct fixture *f, gconstpointer data)
{
	assert_round_trip(f, "psk.nmconnection", NULL);
}

static void test_round_trip_cert(struct fixture *f, gconstpointer data)
{
	assert_round_trip(f, "cert-tls.nmconnection", NULL);
}

static void test_round_trip_split_routes(struct fixture *f, gconstpointer data)
{
	assert_round_trip(f, "split-routes.nmconnection", NULL);
}

static void test_round_trip_mppe(struct fixture *f, gconstpointer data)
{
	assert_round_trip(f, "mppe-refuse.nmconnection", NULL);
}

static void test_round_trip_legacy_moves_psk(struct fixture *f, gconstpointer data)
{
	/* The one change: a PSK in [vpn] would leak in an export without secrets. */
	assert_round_trip(f, "legacy-psk.nmconnection", "vpn/ipsec-psk");
}

static struct l2c_profile *parse_ok(const char *text, GPtrArray *warnings)
{
	struct l2c_profile *p = NULL;
	GError *error = NULL;

	g_assert_cmpint(l2c_profile_parse(text, strlen(text), &p, warnings, &error), ==, 0);
	g_assert_no_error(error);
	return p;
}

static struct l2c_profile *parse_test_data(struct fixture *f, const char *file)
{
	g_autofree char *text = load_test_data(f, file);

	return parse_ok(text, NULL);
}

static void test_defaults_apply(void)
{
	g_autoptr(l2c_profile) p = parse_ok("[vpn]\ngateway=10.0.0.1\n"
					    "service-type=org.freedesktop.NetworkManager.l2tp\n",
					    NULL);
	g_autofree char *text = NULL;

	g_assert_cmpuint(p->vpn.mtu, ==, 1400);
	g_assert_cmpuint(p->vpn.mru, ==, 1400);
	g_assert_cmpuint(p->vpn.mrru, ==, 0);
	g_assert_cmpuint(p->vpn.lcp_echo_interval, ==, 0);
	g_assert_cmpint(p->vpn.user_auth_type, ==, L2C_USER_AUTH_PASSWORD);
	g_assert_cmpint(p->vpn.machine_auth_type, ==, L2C_MACHINE_AUTH_PSK);
	g_assert_false(p->vpn.ipsec_enabled);
	g_assert_false(p->vpn.refuse_pap);
	g_assert_cmpint(p->vpn.ipsec_pfs, ==, L2C_TRISTATE_UNSET);
	g_assert_cmpstr(p->vpn.ipsec_esp, ==, "aes256-sha1,aes128-sha1,3des-sha1");
	g_assert_true(g_str_has_prefix(p->vpn.ipsec_ike, "aes256-sha2_256-modp2048,"));
	g_assert_nonnull(strstr(p->vpn.ipsec_ike, "3des-sha1-modp1024"));
	g_assert_null(p->vpn.user);
	g_assert_cmpuint(p->vpn.secret_flags[L2C_SECRET_PASSWORD], ==, L2C_SECRET_FLAG_SAVED);
	g_assert_cmpint(p->ipv4.method, ==, L2C_IPV4_AUTO);
	g_assert_false(p->ipv4.never_default);
	g_assert_cmpint(p->ipv6.method, ==, L2C_IPV6_AUTO);
	g_assert_true(p->connection.autoconnect);

	/* Defaults are not written back: the file says only what the user said. */
	text = l2c_profile_to_keyfile(p, false, NULL);
	g_assert_null(strstr(text, "mtu"));
	g_assert_null(strstr(text, "ipsec-ike"));
}

static void test_every_default_is_valid(void)
{
	for (size_t i = 0; i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *k = &l2c_profile_keys[i];
		g_autofree char *problem = NULL;

		if (!k->default_value)
			continue;
		problem = l2c_profile_check_value(k, k->default_value);
		if (problem)
			g_error("[%s] %s: default '%s' %s", k->section, k->name, k->default_value,
				problem);
	}
}

/* l2c_profile_key_find relies on it: a section never has two entries for one name. */
static void test_table_names_unique(void)
{
	for (size_t i = 0; i < l2c_profile_n_keys; i++)
		for (size_t j = i + 1; j < l2c_profile_n_keys; j++)
			g_assert_false(
			    strcmp(l2c_profile_keys[i].section, l2c_profile_keys[j].section) == 0 &&
			    strcmp(l2c_profile_keys[i].name, l2c_profile_keys[j].name) == 0);
}

static void test_typed_values(struct fixture *f, gconstpointer data)
{
	g_autoptr(l2c_profile) split = parse_test_data(f, "split-routes.nmconnection");
	g_autoptr(l2c_profile) cert = parse_test_data(f, "cert-tls.nmconnection");
	g_autoptr(l2c_profile) mppe = parse_test_data(f, "mppe-refuse.nmconnection");
	g_autoptr(l2c_profile) legacy = parse_test_data(f, "legacy-psk.nmconnection");

	g_assert_cmpstr(split->vpn.gateway, ==, "2001:db8::1");
	g_assert_true(split->vpn.ephemeral_port);
	g_assert_true(split->ipv4.never_default);
	g_assert_cmpuint(split->ipv4.n_routes, ==, 3);
	g_assert_cmpstr(split->ipv4.routes[0].dest, ==, "10.10.0.0");
	g_assert_cmpuint(split->ipv4.routes[0].prefix, ==, 16);
	g_assert_null(split->ipv4.routes[0].gateway);
	g_assert_cmpint(split->ipv4.routes[0].metric, ==, -1);
	g_assert_null(split->ipv4.routes[1].gateway); /* 0.0.0.0: none */
	g_assert_cmpint(split->ipv4.routes[1].metric, ==, 100);
	g_assert_cmpstr(split->ipv4.routes[2].gateway, ==, "10.10.0.1");
	g_assert_cmpuint(split->ipv4.routes[2].number, ==, 3);
	g_assert_cmpstr(split->ipv4.dns_search[0], ==, "~lab.example.org");
	g_assert_cmpint(split->ipv6.method, ==, L2C_IPV6_DISABLED);
	g_assert_cmpuint(split->vpn.lcp_echo_failure, ==, 5);

	g_assert_cmpint(cert->vpn.machine_auth_type, ==, L2C_MACHINE_AUTH_TLS);
	g_assert_cmpstr(cert->vpn.ipsec_remote_id, ==, "C=DE, O=Example Corp, CN=vpn.example.net");
	g_assert_cmpint(cert->vpn.ipsec_pfs, ==, L2C_TRISTATE_NO);
	g_assert_cmpuint(cert->vpn.ipsec_ikelifetime, ==, 10800);
	g_assert_cmpstrv(cert->ipv4.dns, ((const char *const[]){"10.0.0.53", "10.0.0.54", NULL}));
	g_assert_cmpint(cert->ipv6.method, ==, L2C_IPV6_IGNORE);
	g_assert_cmpstr(l2c_profile_get_secret(cert, L2C_SECRET_PASSWORD), ==,
			"s3cret\\with\\backslashes");

	g_assert_true(mppe->vpn.require_mppe_128);
	g_assert_true(mppe->vpn.refuse_eap && mppe->vpn.refuse_pap && mppe->vpn.refuse_chap);
	g_assert_false(mppe->vpn.refuse_mschapv2);
	g_assert_cmpuint(mppe->vpn.mtu, ==, 1410);
	g_assert_cmpuint(mppe->vpn.mrru, ==, 1600);
	g_assert_cmpstr(mppe->vpn.user, ==, "EXAMPLE\\dave");

	/* The deprecated id and the old PSK place still count. */
	g_assert_cmpstr(legacy->vpn.ipsec_remote_id, ==, "branch-gw");
	g_assert_cmpstr(legacy->vpn.ipsec_group_name, ==, "GroupVPN");
	g_assert_cmpstr(l2c_profile_get_secret(legacy, L2C_SECRET_IPSEC_PSK), ==, "old-style-psk");
}

static bool has_line(GPtrArray *lines, const char *wanted)
{
	for (guint i = 0; i < lines->len; i++)
		if (strcmp(g_ptr_array_index(lines, i), wanted) == 0)
			return true;
	return false;
}

static void test_unknown_keys_kept_and_warned(void)
{
	g_autofree char *text =
	    g_strconcat(BASE_PROFILE, "frobnicate=7\n\n[wifi]\nssid=home\n", NULL);
	g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(l2c_profile) p = parse_ok(text, warnings);
	g_autofree char *out = l2c_profile_to_keyfile(p, false, NULL);
	g_autoptr(GKeyFile) kf = keyfile_from(out);
	g_autofree char *frob = g_key_file_get_value(kf, "ipv4", "frobnicate", NULL);
	g_autofree char *ssid = g_key_file_get_value(kf, "wifi", "ssid", NULL);

	g_assert_true(has_line(warnings, "[ipv4] frobnicate: unknown key, kept as it is"));
	g_assert_true(has_line(warnings, "[wifi] ssid: unknown key, kept as it is"));
	g_assert_cmpstr(frob, ==, "7");
	g_assert_cmpstr(ssid, ==, "home");
}

static void test_legacy_warnings(struct fixture *f, gconstpointer data)
{
	g_autofree char *text = load_test_data(f, "legacy-psk.nmconnection");
	g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(l2c_profile) p = parse_ok(text, warnings);

	g_assert_true(has_line(warnings, "[vpn] ipsec-psk: a secret outside [vpn-secrets]; moved "
					 "there"));
	g_assert_true(
	    has_line(warnings, "[vpn] ipsec-gateway-id: deprecated name, still honoured"));
}

/* ---- bad input ---- */

/* BASE_PROFILE with `line` ("key=value", a section's last line) placed in `section`, replacing
 * the same key if the base has it. */
static char *base_with(const char *section, const char *line)
{
	g_autoptr(GKeyFile) kf = keyfile_from(BASE_PROFILE);
	g_autofree char *text = NULL;
	g_autofree char *key = g_strndup(line, strcspn(line, "="));
	g_autoptr(GString) out = g_string_new(NULL);
	g_auto(GStrv) lines = NULL;
	g_autofree char *header = g_strdup_printf("[%s]", section);
	bool in_section = false, placed = false;

	g_key_file_remove_key(kf, section, key, NULL);
	if (!g_key_file_has_group(kf, section))
		g_key_file_set_value(kf, section, "placeholder-removed", "x");
	text = g_key_file_to_data(kf, NULL, NULL);
	lines = g_strsplit(text, "\n", -1);
	/* Raw text, so the value reaches the parser exactly as written (escapes included). */
	for (size_t i = 0; lines[i]; i++) {
		if (strcmp(lines[i], "placeholder-removed=x") == 0)
			continue;
		if (in_section && !placed && (lines[i][0] == '[' || lines[i][0] == '\0')) {
			g_string_append_printf(out, "%s\n", line);
			placed = true;
		}
		in_section = strcmp(lines[i], header) == 0 || (in_section && lines[i][0] != '[');
		g_string_append_printf(out, "%s\n", lines[i]);
	}
	if (!placed)
		g_string_append_printf(out, "%s\n", line);
	return g_string_free(g_steal_pointer(&out), FALSE);
}

static bool dir_is_empty_or_absent(const char *path)
{
	GDir *dir = g_dir_open(path, 0, NULL);
	bool empty;

	if (!dir)
		return true;
	empty = g_dir_read_name(dir) == NULL;
	g_dir_close(dir);
	return empty;
}

/* Parsing fails with exactly `expected`, and importing the same text writes nothing. */
static void assert_rejected(struct fixture *f, const char *text, size_t len, const char *expected)
{
	g_autoptr(l2c_profile) p = NULL;
	g_autoptr(l2c_profile_store) store = l2c_profile_store_new(f->store_dir);
	g_autofree char *path = g_build_filename(f->tmp, "bad.nmconnection", NULL);
	GError *error = NULL;

	g_assert_cmpint(l2c_profile_parse(text, len, &p, NULL, &error), <, 0);
	g_assert_null(p);
	g_assert_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_INVALID);
	if (strcmp(error->message, expected) != 0)
		g_error("for input:\n%s\nwanted: %s\n   got: %s", text, expected, error->message);
	g_clear_error(&error);

	g_assert_true(g_file_set_contents(path, text, (gssize)len, NULL));
	g_assert_cmpint(l2c_profile_store_import(store, path, "bad", true, NULL, NULL, &error), <,
			0);
	g_assert_nonnull(error);
	g_clear_error(&error);
	g_assert_true(dir_is_empty_or_absent(f->store_dir));
}

struct bad_case {
	const char *section;
	const char *line;
	const char *expected;
};

static const struct bad_case bad_cases[] = {
    {"vpn", "mtu=70000", "[vpn] mtu: 70000 is out of range (575–1500)"},
    {"vpn", "mru=574", "[vpn] mru: 574 is out of range (575–1500)"},
    {"vpn", "mtu=abc", "[vpn] mtu: 'abc' is not a number"},
    {"vpn", "mtu=-1400", "[vpn] mtu: '-1400' is not a number"},
    {"vpn", "mtu=1400 ", "[vpn] mtu: '1400 ' is not a number"},
    {"vpn", "lcp-echo-interval=99999999999",
     "[vpn] lcp-echo-interval: 99999999999 is out of range (0–3600)"},
    {"vpn", "password-flags=3",
     "[vpn] password-flags: '3' is not a secret flag (use 0, 1, 2 or 4)"},
    {"vpn", "ipsec-enabled=true", "[vpn] ipsec-enabled: 'true' is not yes or no"},
    {"vpn", "ipsec-pfs=1", "[vpn] ipsec-pfs: '1' is not yes or no"},
    {"ipv4", "never-default=yes", "[ipv4] never-default: 'yes' is not true or false"},
    {"vpn", "user-auth-type=cert", "[vpn] user-auth-type: 'cert' is not one of: password, tls"},
    {"ipv4", "method=shared", "[ipv4] method: 'shared' is not one of: auto, manual, disabled"},
    {"vpn", "user=alice\\nplugin /tmp/evil.so", "[vpn] user: contains a newline"},
    {"vpn", "user=alice\\rx", "[vpn] user: contains a carriage return"},
    {"vpn", "user=al\"ice", "[vpn] user: contains a quote"},
    {"vpn", "user=-alice", "[vpn] user: starts with '-' (it would be taken for an option)"},
    {"vpn", "user=al\\0ice", "[vpn] user: contains an invalid escape sequence"},
    {"vpn", "user=al\tice", "[vpn] user: contains a control character"},
    {"vpn", "user=al\xc2\x85ice", "[vpn] user: contains a control character"},
    {"vpn", "user=al\xe2\x80\xaeice", "[vpn] user: contains a control character"},
    {"vpn", "user=al\xffice", "[vpn] user: is not valid UTF-8"},
    {"vpn", "domain=CORP NET", "[vpn] domain: contains a space"},
    {"vpn", "domain=CORP\\\\NET", "[vpn] domain: contains a backslash"},
    {"vpn", "gateway=-oProxyCommand=x",
     "[vpn] gateway: starts with '-' (it would be taken for an option)"},
    {"vpn", "gateway=vpn..example.com",
     "[vpn] gateway: 'vpn..example.com' is not an IP "
     "address or DNS name"},
    {"vpn", "gateway=300.1.1.1", "[vpn] gateway: '300.1.1.1' is not an IP address or DNS name"},
    {"vpn", "gateway=[10.0.0.1]",
     "[vpn] gateway: '[10.0.0.1]' is not an IP address or DNS "
     "name"},
    {"vpn", "gateway=vpn.example.com right=%any", "[vpn] gateway: contains a space"},
    {"vpn", "gateway=", "[vpn] gateway: is required but missing"},
    {"vpn", "service-type=org.freedesktop.NetworkManager.openvpn",
     "[vpn] service-type: 'org.freedesktop.NetworkManager.openvpn' is not an L2TP profile "
     "(expected org.freedesktop.NetworkManager.l2tp)"},
    {"vpn", "ipsec-remote-id=@vpn\\nconn evil", "[vpn] ipsec-remote-id: contains a newline"},
    {"vpn", "ipsec-group-name=Group VPN", "[vpn] ipsec-group-name: contains a space"},
    {"vpn", "ipsec-ike=aes256-sha1-modp999",
     "[vpn] ipsec-ike: 'aes256-sha1-modp999' has an unknown DH group 'modp999'"},
    {"vpn", "ipsec-ike=blowfish-sha1",
     "[vpn] ipsec-ike: 'blowfish-sha1' has an unknown encryption algorithm 'blowfish'"},
    {"vpn", "ipsec-esp=aes256-md6",
     "[vpn] ipsec-esp: 'aes256-md6' has an unknown integrity algorithm 'md6'"},
    {"vpn", "ipsec-esp=aes256-sha1,,3des-sha1",
     "[vpn] ipsec-esp: has an empty proposal (two commas, or one at an end)"},
    {"vpn", "ipsec-ike=aes256-sha1-modp2048!",
     "[vpn] ipsec-ike: ends with '!', strongSwan's strict marker: remove it"},
    {"vpn", "ipsec-ike=aes256-sha1-sha1-sha1-modp2048",
     "[vpn] ipsec-ike: 'aes256-sha1-sha1-sha1-modp2048' has too many parts (use "
     "ENC-HASH[-DH])"},
    {"vpn", "ipsec-esp=aes256-sha1 modp2048", "[vpn] ipsec-esp: contains a space"},
    {"vpn", "ipsec-esp=aes128--sha1", "[vpn] ipsec-esp: 'aes128--sha1' has an empty part"},
    {"vpn", "ipsec-ike=aes256+-sha1", "[vpn] ipsec-ike: 'aes256+-sha1' has an empty part"},
    {"vpn", "ipcp-peer-ip=10.0.0.256",
     "[vpn] ipcp-peer-ip: '10.0.0.256' is not an IPv4 "
     "address"},
    {"vpn", "machine-ca=certs/ca.pem", "[vpn] machine-ca: is not an absolute path"},
    {"vpn", "machine-ca=/nonexistent/ca.pem",
     "[vpn] machine-ca: /nonexistent/ca.pem does not "
     "exist"},
    {"vpn", "user-cert=/", "[vpn] user-cert: / is not a regular file"},
    {"vpn", "user-key=/tmp/\"k.pem", "[vpn] user-key: contains a quote"},
    {"vpn", "user-auth-type=tls",
     "[vpn] user-cert: is required when user-auth-type=tls\n"
     "[vpn] user-key: is required when user-auth-type=tls"},
    {"vpn", "machine-auth-type=tls",
     "[vpn] machine-cert: is required when ipsec-enabled=yes and machine-auth-type=tls\n"
     "[vpn] machine-key: is required when ipsec-enabled=yes and machine-auth-type=tls"},
    {"ipv4", "dns=10.0.0.1;8.8.8.888;", "[ipv4] dns: '8.8.8.888' is not an IPv4 address"},
    {"ipv4", "dns-search=corp.example;bad domain;",
     "[ipv4] dns-search: 'bad domain' is not a DNS domain"},
    {"ipv4", "route1=10.0.0.0/33",
     "[ipv4] route1: '10.0.0.0/33' is not a route (use DEST/PREFIX[,GATEWAY[,METRIC]])"},
    {"ipv4", "route2=10.0.0.0/8,10.0.0.1,100,7",
     "[ipv4] route2: '10.0.0.0/8,10.0.0.1,100,7' is not a route (use "
     "DEST/PREFIX[,GATEWAY[,METRIC]])"},
    {"ipv4", "method=manual", "[ipv4] address1: is required when ipv4.method=manual"},
    {"connection", "uuid=1234",
     "[connection] uuid: '1234' is not a UUID (like "
     "6ba7b810-9dad-11d1-80b4-00c04fd430c8)"},
    {"connection", "id=Office\\nVPN", "[connection] id: contains a newline"},
    {"connection", "permissions=alice",
     "[connection] permissions: 'alice' is not a permission "
     "(use user:NAME:)"},
    {"connection", "autoconnect=maybe",
     "[connection] autoconnect: 'maybe' is not true or "
     "false"},
    {"vpn-secrets", "password=pass\tword",
     "[vpn-secrets] password: contains a control "
     "character"},
    {"vpn-secrets", "ipsec-psk=a\\0b",
     "[vpn-secrets] ipsec-psk: contains an invalid escape "
     "sequence"},
};

static void test_bad_values(struct fixture *f, gconstpointer data)
{
	for (size_t i = 0; i < G_N_ELEMENTS(bad_cases); i++) {
		g_autofree char *text = base_with(bad_cases[i].section, bad_cases[i].line);

		assert_rejected(f, text, strlen(text), bad_cases[i].expected);
	}
}

/* Every key that can reach a config file or argv refuses the classic injections. */
static void test_injection_in_every_string_key(struct fixture *f, gconstpointer data)
{
	static const struct {
		const char *value;
		const char *problem;
	} attacks[] = {
	    {"/x\\nplugin evil.so", "contains a newline"},
	    {"/x\"; evil", "contains a quote"},
	    {"/x\\0y", "contains an invalid escape sequence"},
	    {"-oEvil", "starts with '-' (it would be taken for an option)"},
	};

	for (size_t i = 0; i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *k = &l2c_profile_keys[i];

		if (k->type != L2C_KEY_STRING && k->type != L2C_KEY_PATH && k->type != L2C_KEY_HOST)
			continue;
		for (size_t a = 0; a < G_N_ELEMENTS(attacks); a++) {
			g_autofree char *line = g_strdup_printf("%s=%s", k->name, attacks[a].value);
			g_autofree char *text = base_with(k->section, line);
			g_autofree char *expected =
			    g_strdup_printf("[%s] %s: %s", k->section, k->name, attacks[a].problem);

			assert_rejected(f, text, strlen(text), expected);
		}
	}
}

static void test_nul_byte_rejected(struct fixture *f, gconstpointer data)
{
	static const char text[] = "[vpn]\ngateway=good.example.com\0; evil\n"
				   "service-type=org.freedesktop.NetworkManager.l2tp\n";

	assert_rejected(f, text, sizeof(text) - 1, "line 2: contains a NUL byte");
}

static void test_not_a_keyfile(void)
{
	g_autoptr(l2c_profile) p = NULL;
	GError *error = NULL;

	g_assert_cmpint(l2c_profile_parse("gateway=x\n", 10, &p, NULL, &error), ==, -EINVAL);
	g_assert_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_INVALID);
	g_assert_true(g_str_has_prefix(error->message, "not a keyfile: "));
	g_clear_error(&error);
}

static void test_good_edge_values(void)
{
	static const char *const lines[] = {
	    "gateway=[2001:db8::7]",
	    "gateway=vpn.example.com.",
	    "gateway=192.0.2.1",
	    "mtu=575",
	    "mtu=1500",
	    "lcp-echo-interval=0",
	    "password-flags=4",
	    "user=DOMAIN\\\\user",
	    "user=John Smith",
	    "ipsec-ike=aes_gcm256-sha2_256+sha1-modp2048+ecp384,aes128-sha1;modp1024",
	    "ipsec-esp=aes256gcm16,aes128-sha1",
	};

	for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
		g_autofree char *text = NULL;
		g_autoptr(l2c_profile) p = NULL;
		GError *error = NULL;

		text = g_strconcat(BASE_PROFILE, "\n[vpn]\n", lines[i], "\n", NULL);
		if (l2c_profile_parse(text, strlen(text), &p, NULL, &error) < 0)
			g_error("%s rejected: %s", lines[i], error->message);
	}
}

/* ---- set_value, secrets ---- */

static void test_set_value(void)
{
	g_autoptr(l2c_profile) p = NULL;
	GError *error = NULL;

	g_assert_cmpint(l2c_profile_new("work", &p), ==, 0);
	g_assert_cmpint(l2c_profile_validate(p, NULL, &error), ==, -EINVAL);
	g_assert_cmpstr(error->message, ==, "[vpn] gateway: is required but missing");
	g_clear_error(&error);

	g_assert_cmpint(l2c_profile_set_value(p, "gateway", "vpn.example.com", &error), ==, 0);
	g_assert_cmpint(l2c_profile_set_value(p, "mtu", "70000", &error), ==, -EINVAL);
	g_assert_cmpstr(error->message, ==, "[vpn] mtu: 70000 is out of range (575–1500)");
	g_clear_error(&error);
	g_assert_cmpint(l2c_profile_set_value(p, "method", "manual", &error), ==, -ENOENT);
	g_assert_cmpstr(error->message, ==,
			"'method' is in more than one section: write "
			"ipv4.method or ipv6.method");
	g_clear_error(&error);
	g_assert_cmpint(l2c_profile_set_value(p, "colour", "red", &error), ==, -ENOENT);
	g_assert_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_UNKNOWN_KEY);
	g_clear_error(&error);
	g_assert_cmpint(l2c_profile_set_value(p, "ipsec-psk", "x", &error), ==, -EPERM);
	g_clear_error(&error);
	g_assert_cmpint(l2c_profile_set_value(p, "service-type", "x", &error), ==, -EPERM);
	g_clear_error(&error);

	g_assert_cmpint(l2c_profile_set_value(p, "ipv6.method", "ignore", &error), ==, 0);
	g_assert_cmpint(l2c_profile_set_value(p, "ipv4.route2", "10.1.0.0/16", &error), ==, 0);
	g_assert_cmpint(l2c_profile_set_value(p, "mtu", "1300", &error), ==, 0);
	g_assert_cmpint(l2c_profile_validate(p, NULL, &error), ==, 0);
	g_assert_no_error(error);
	g_assert_cmpuint(p->vpn.mtu, ==, 1300);
	g_assert_cmpint(p->ipv6.method, ==, L2C_IPV6_IGNORE);
	g_assert_cmpuint(p->ipv4.n_routes, ==, 1);

	/* An empty value removes the key: the default is back. */
	g_assert_cmpint(l2c_profile_set_value(p, "mtu", "", &error), ==, 0);
	g_assert_cmpint(l2c_profile_validate(p, NULL, &error), ==, 0);
	g_assert_cmpuint(p->vpn.mtu, ==, 1400);
}

static void test_failed_validate_keeps_fields(void)
{
	g_autoptr(l2c_profile) p = parse_ok(BASE_PROFILE, NULL);
	GError *error = NULL;

	g_assert_cmpint(l2c_profile_set_value(p, "user-auth-type", "tls", &error), ==, 0);
	g_assert_cmpint(l2c_profile_validate(p, NULL, &error), ==, -EINVAL);
	g_clear_error(&error);
	g_assert_cmpint(p->vpn.user_auth_type, ==, L2C_USER_AUTH_PASSWORD);
	g_assert_cmpstr(p->vpn.gateway, ==, "vpn.example.com");
}

static unsigned bits(enum l2c_secret a, int b)
{
	return L2C_SECRET_BIT(a) | (b >= 0 ? L2C_SECRET_BIT(b) : 0);
}

static void test_secret_flags(void)
{
	g_autofree char *agent = g_strconcat(BASE_PROFILE, "\n[vpn]\npassword-flags=1\n", NULL);
	g_autofree char *ask =
	    g_strconcat(BASE_PROFILE, "\n[vpn]\nipsec-psk-flags=2\npassword-flags=4\n", NULL);
	g_autofree char *saved = g_strconcat(BASE_PROFILE, "\n[vpn-secrets]\npassword=pw\n", NULL);
	g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(l2c_profile) a = parse_ok(agent, NULL);
	g_autoptr(l2c_profile) b = parse_ok(ask, warnings);
	g_autoptr(l2c_profile) c = parse_ok(saved, NULL);
	GError *error = NULL;

	/* Agent-owned password: needed, and the caller must supply it. */
	g_assert_cmpuint(l2c_profile_secrets_needed(a), ==,
			 bits(L2C_SECRET_PASSWORD, L2C_SECRET_IPSEC_PSK));
	g_assert_cmpuint(l2c_profile_secrets_missing(a), ==, bits(L2C_SECRET_PASSWORD, -1));
	g_assert_cmpint(l2c_profile_supply_secret(a, L2C_SECRET_PASSWORD, "typed", &error), ==, 0);
	g_assert_cmpuint(l2c_profile_secrets_missing(a), ==, 0);
	g_assert_cmpstr(l2c_profile_get_secret(a, L2C_SECRET_PASSWORD), ==, "typed");
	/* ... and a supplied secret is never saved. */
	{
		g_autofree char *out = l2c_profile_to_keyfile(a, true, NULL);

		g_assert_null(strstr(out, "typed"));
	}

	/* Flags 2: a stored PSK is ignored and asked for; flags 4: no password at all. */
	g_assert_cmpuint(l2c_profile_secrets_needed(b), ==, bits(L2C_SECRET_IPSEC_PSK, -1));
	g_assert_cmpuint(l2c_profile_secrets_missing(b), ==, bits(L2C_SECRET_IPSEC_PSK, -1));
	g_assert_null(l2c_profile_get_secret(b, L2C_SECRET_IPSEC_PSK));
	g_assert_true(l2c_profile_has_stored_secret(b, L2C_SECRET_IPSEC_PSK));
	g_assert_true(has_line(warnings, "[vpn-secrets] ipsec-psk: stored, but ipsec-psk-flags=2 "
					 "says it is not saved there; it will be ignored"));

	g_assert_cmpuint(l2c_profile_secrets_missing(c), ==, 0);
	g_assert_cmpstr(l2c_profile_get_secret(c, L2C_SECRET_PASSWORD), ==, "pw");

	/* Optional secrets count only when stored or asked for. */
	g_assert_false(l2c_profile_secrets_needed(c) & L2C_SECRET_BIT(L2C_SECRET_TUNNEL));
	g_assert_cmpint(l2c_profile_set_secret(c, L2C_SECRET_TUNNEL, "ts", &error), ==, 0);
	g_assert_true(l2c_profile_secrets_needed(c) & L2C_SECRET_BIT(L2C_SECRET_TUNNEL));

	g_assert_cmpint(l2c_profile_set_secret(c, L2C_SECRET_PASSWORD, "a\nb", &error), ==,
			-EINVAL);
	g_assert_cmpstr(error->message, ==, "[vpn-secrets] password: contains a control character");
	g_clear_error(&error);
}

static void test_secret_export(void)
{
	static const char *const tricky[] = {" leading space", "back\\slash",	 "trailing ",
					     "qu\"ote's",      "#not a comment", "[not a group]"};
	g_autoptr(l2c_profile) p = parse_ok(BASE_PROFILE, NULL);
	GError *error = NULL;

	for (size_t i = 0; i < G_N_ELEMENTS(tricky); i++) {
		g_autoptr(l2c_profile) back = NULL;
		char *with;
		g_autofree char *without = NULL;

		g_assert_cmpint(l2c_profile_set_secret(p, L2C_SECRET_PASSWORD, tricky[i], &error),
				==, 0);
		with = l2c_profile_to_keyfile(p, true, NULL);
		without = l2c_profile_to_keyfile(p, false, NULL);
		g_assert_null(strstr(without, "vpn-secrets"));
		g_assert_null(strstr(without, "psk"));
		back = parse_ok(with, NULL);
		l2c_secret_free(with);
		g_assert_cmpstr(l2c_profile_get_secret(back, L2C_SECRET_PASSWORD), ==, tricky[i]);
		g_assert_cmpstr(l2c_profile_get_secret(back, L2C_SECRET_IPSEC_PSK), ==, "psk");
	}
}

/* Each save and load of the store is an export read back: it must not change the text. */
static void test_export_is_stable(struct fixture *f, gconstpointer data)
{
	static const char *const files[] = {"psk.nmconnection", "cert-tls.nmconnection",
					    "legacy-psk.nmconnection", "split-routes.nmconnection"};

	for (size_t i = 0; i <= G_N_ELEMENTS(files); i++) {
		g_autofree char *text =
		    i < G_N_ELEMENTS(files) ? load_test_data(f, files[i]) : g_strdup(BASE_PROFILE);
		g_autoptr(l2c_profile) p = parse_ok(text, NULL);
		g_autoptr(l2c_profile) again = NULL;
		char *first = l2c_profile_to_keyfile(p, true, NULL);
		char *second;

		again = parse_ok(first, NULL);
		second = l2c_profile_to_keyfile(again, true, NULL);
		g_assert_cmpstr(second, ==, first);
		l2c_secret_free(first);
		l2c_secret_free(second);
	}
}

/* Found by fuzz-profile (tests/fuzz/corpus/profile/duplicate-keys): GKeyFile lets the last of
 * two equal keys win but keeps the first line in its text, so once the last PSK was moved to
 * [vpn-secrets] the export carried the earlier one, which no check had seen: text that did
 * not parse (not UTF-8), or a stale PSK in an export without secrets. */
static void test_duplicate_keys_last_wins(void)
{
	static const char *const earlier_psks[] = {"\xff\xfe not UTF-8", "stale-psk"};

	for (size_t i = 0; i < G_N_ELEMENTS(earlier_psks); i++) {
		g_autofree char *text =
		    g_strdup_printf("[connection]\n"
				    "id=old-branch\n"
				    "type=vpn\n"
				    "\n"
				    "[vpn]\n"
				    "service-type=org.freedesktop.NetworkManager.l2tp\n"
				    "gateway=old.example.com\n"
				    "ipsec-enabled=yes\n"
				    "ipsec-psk=%s\n"
				    "\n"
				    "[vpn]\n"
				    "# moved in 2019\n"
				    "gateway=branch.example.com\n"
				    "ipsec-psk=old-style-psk\n"
				    "password-flags=1\n",
				    earlier_psks[i]);
		g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func(g_free);
		g_autoptr(l2c_profile) p = parse_ok(text, warnings);
		g_autoptr(l2c_profile) again = NULL;
		g_autoptr(l2c_profile) bare = NULL;
		char *with = l2c_profile_to_keyfile(p, true, NULL);
		g_autofree char *without = l2c_profile_to_keyfile(p, false, NULL);

		g_assert_true(has_line(
		    warnings, "[vpn] gateway: given more than once; only the last one applies"));
		g_assert_true(has_line(
		    warnings, "[vpn] ipsec-psk: given more than once; only the last one applies"));
		g_assert_cmpstr(p->vpn.gateway, ==, "branch.example.com");
		g_assert_cmpstr(l2c_profile_get_secret(p, L2C_SECRET_IPSEC_PSK), ==,
				"old-style-psk");

		again = parse_ok(with, NULL);
		l2c_secret_free(with);
		g_assert_cmpstr(again->vpn.gateway, ==, "branch.example.com");
		g_assert_cmpuint(again->vpn.secret_flags[L2C_SECRET_PASSWORD], ==, 1);
		g_assert_cmpstr(l2c_profile_get_secret(again, L2C_SECRET_IPSEC_PSK), ==,
				"old-style-psk");

		g_assert_null(strstr(without, "psk="));
		g_assert_null(strstr(without, "old.example.com"));
		g_assert_nonnull(strstr(without, "# moved in 2019\ngateway=branch.example.com\n"));
		bare = parse_ok(without, NULL);
		g_assert_false(l2c_profile_has_stored_secret(bare, L2C_SECRET_IPSEC_PSK));
	}
}

/* Found by fuzz-profile: GKeyFile's reader drops the CR of a CR LF line end, its writer writes
 * a value as it is, so a value ending in CR lost one at every save and load. */
static void test_final_cr_survives_export(void)
{
	g_autofree char *text =
	    g_strconcat(BASE_PROFILE, "note=two CRs\r\r\n\n[wifi]\nssid=last line\r", NULL);
	g_autoptr(l2c_profile) p = parse_ok(text, NULL);
	g_autofree char *out = l2c_profile_to_keyfile(p, false, NULL);
	g_autoptr(l2c_profile) again = parse_ok(out, NULL);
	g_autofree char *out_again = l2c_profile_to_keyfile(again, false, NULL);
	g_autoptr(GKeyFile) kf = keyfile_from(out);
	g_autofree char *note = g_key_file_get_string(kf, "ipv4", "note", NULL);
	g_autofree char *ssid = g_key_file_get_string(kf, "wifi", "ssid", NULL);

	g_assert_cmpstr(note, ==, "two CRs\r");
	g_assert_cmpstr(ssid, ==, "last line\r");
	g_assert_cmpstr(out_again, ==, out);
}

/* Found by fuzz-profile: a profile read for editing that does not validate has zero typed
 * fields, and the export took those for its secret flags, writing secrets not to be saved. The
 * same for a flag changed but not yet validated. */
static void test_export_honours_flags_before_validation(void)
{
	static const char text[] = "[connection]\n"
				   "id=Edit\n"
				   "type=vpn\n"
				   "\n"
				   "[vpn]\n"
				   "service-type=org.freedesktop.NetworkManager.l2tp\n"
				   "gateway=vpn.example.com\n"
				   "mtu=70000\n"
				   "password-flags=2\n"
				   "\n"
				   "[vpn-secrets]\n"
				   "password=not-to-be-saved\n";
	g_autoptr(l2c_profile) invalid = NULL;
	g_autoptr(l2c_profile) valid = parse_ok(BASE_PROFILE, NULL);
	GError *error = NULL;
	char *out;

	g_assert_cmpint(l2c_profile_parse_for_edit(text, strlen(text), &invalid, NULL, &error), ==,
			0);
	g_assert_no_error(error);
	out = l2c_profile_to_keyfile(invalid, true, NULL);
	g_assert_null(strstr(out, "not-to-be-saved"));
	l2c_secret_free(out);

	g_assert_cmpint(l2c_profile_set_value(valid, "ipsec-psk-flags", "1", &error), ==, 0);
	g_assert_no_error(error);
	out = l2c_profile_to_keyfile(valid, true, NULL);
	g_assert_null(strstr(out, "ipsec-psk=psk"));
	l2c_secret_free(out);
}

/* ---- store ---- */

static mode_t file_mode(const char *path)
{
	struct stat st;

	g_assert_cmpint(stat(path, &st), ==, 0);
	return st.st_mode & 07777;
}

static void test_store_save_mode_and_atomic_replace(struct fixture *f, gconstpointer data)
{
	g_autoptr(l2c_profile_store) store = l2c_profile_store_new(f->store_dir);
	g_autoptr(l2c_profile) p = parse_ok(BASE_PROFILE, NULL);
	g_autofree char *path = g_build_filename(f->store_dir, "work.conf", NULL);
	GError *error = NULL;
	struct stat before, after;
	mode_t old_umask = umask(0);

	p->name = g_strdup("work");
	g_assert_cmpint(l2c_profile_store_save(store, p, false, &error), ==, 0);
	umask(old_umask);
	g_assert_no_error(error);
	g_assert_cmpuint(file_mode(path), ==, 0600);
	g_assert_cmpuint(file_mode(f->store_dir), ==, 0700);

	/* A second save of a new profile under the same name is refused ... */
	g_assert_cmpint(l2c_profile_store_save(store, p, false, &error), ==, -EEXIST);
	g_assert_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_EXISTS);
	g_clear_error(&error);

	/* ... a replace swaps in a new file (rename), never rewrites the old one in place. */
	g_assert_cmpint(stat(path, &before), ==, 0);
	g_assert_cmpint(chmod(path, 0644), ==, 0);
	g_assert_cmpint(l2c_profile_set_value(p, "mtu", "1300", &error), ==, 0);
	g_assert_cmpint(l2c_profile_store_save(store, p, true, &error), ==, 0);
	g_assert_cmpint(stat(path, &after), ==, 0);
	g_assert_cmpuint(before.st_ino, !=, after.st_ino);
	g_assert_cmpuint(file_mode(path), ==, 0600);

	/* Only the profile is left: no temporary files. */
	{
		g_auto(GStrv) names = NULL;
		GDir *dir = g_dir_open(f->store_dir, 0, NULL);
		int entries = 0;

		while (g_dir_read_name(dir))
			entries++;
		g_dir_close(dir);
		g_assert_cmpint(entries, ==, 1);
		g_assert_cmpint(l2c_profile_store_list(store, &names, &error), ==, 0);
		g_assert_cmpstrv(names, ((const char *const[]){"work", NULL}));
	}
}

static void test_store_list_load_delete(struct fixture *f, gconstpointer data)
{
	g_autoptr(l2c_profile_store) store = l2c_profile_store_new(f->store_dir);
	g_auto(GStrv) names = NULL;
	GError *error = NULL;

	g_assert_cmpint(l2c_profile_store_list(store, &names, &error), ==, 0);
	g_assert_cmpuint(g_strv_length(names), ==, 0);
	g_clear_pointer(&names, g_strfreev);

	for (const char *const *n = (const char *const[]){"zulu", "alpha", "mike", NULL}; *n; n++) {
		g_autoptr(l2c_profile) p = parse_ok(BASE_PROFILE, NULL);

		p->name = g_strdup(*n);
		g_assert_cmpint(l2c_profile_store_save(store, p, false, &error), ==, 0);
	}
	{
		g_autofree char *junk = g_build_filename(f->store_dir, "notes.txt", NULL);

		g_assert_true(g_file_set_contents(junk, "x", -1, NULL));
	}
	g_assert_cmpint(l2c_profile_store_list(store, &names, &error), ==, 0);
	g_assert_cmpstrv(names, ((const char *const[]){"alpha", "mike", "zulu", NULL}));

	{
		g_autoptr(l2c_profile) loaded = NULL;

		g_assert_cmpint(l2c_profile_store_load(store, "mike", &loaded, NULL, &error), ==,
				0);
		g_assert_cmpstr(loaded->name, ==, "mike");
		g_assert_cmpstr(l2c_profile_get_secret(loaded, L2C_SECRET_IPSEC_PSK), ==, "psk");
	}
	g_assert_cmpint(l2c_profile_store_delete(store, "mike", &error), ==, 0);
	g_assert_false(l2c_profile_store_exists(store, "mike"));
	g_assert_cmpint(l2c_profile_store_delete(store, "mike", &error), ==, -ENOENT);
	g_assert_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_NOT_FOUND);
	g_clear_error(&error);
	{
		g_autoptr(l2c_profile) loaded = NULL;

		g_assert_cmpint(l2c_profile_store_load(store, "mike", &loaded, NULL, &error), ==,
				-ENOENT);
		g_assert_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_NOT_FOUND);
		g_clear_error(&error);
	}
}

static void test_store_import_names(struct fixture *f, gconstpointer data)
{
	g_autoptr(l2c_profile_store) store = l2c_profile_store_new(f->store_dir);
	g_autofree char *text = load_test_data(f, "psk.nmconnection");
	g_autofree char *path = write_temp_profile(f, "psk.nmconnection", text);
	g_autofree char *no_id =
	    g_strconcat("[connection]\n", BASE_PROFILE + strlen("[connection]\nid=Base\n"), NULL);
	g_autofree char *no_id_path = write_temp_profile(f, "Branch Office.nmconnection", no_id);
	g_autoptr(l2c_profile) p = NULL;
	g_autoptr(l2c_profile) q = NULL;
	GError *error = NULL;

	g_assert_cmpint(l2c_profile_store_import(store, path, NULL, false, &p, NULL, &error), ==,
			0);
	g_assert_cmpstr(p->name, ==, "Office-VPN"); /* from [connection] id */
	g_assert_cmpint(l2c_profile_store_import(store, path, NULL, false, NULL, NULL, &error), ==,
			-EEXIST);
	g_clear_error(&error);
	g_assert_cmpint(l2c_profile_store_import(store, no_id_path, NULL, false, &q, NULL, &error),
			==, 0);
	g_assert_cmpstr(q->name, ==, "Branch-Office"); /* from the file name */
}

static void test_profile_names(struct fixture *f, gconstpointer data)
{
	static const struct {
		const char *name;
		const char *expected;
	} bad[] = {
	    {"../etc/passwd", "profile name '../etc/passwd' starts with '.' or '-'"},
	    {"a/b", "profile name 'a/b' may only contain letters, digits and . _ - @ +"},
	    {".hidden", "profile name '.hidden' starts with '.' or '-'"},
	    {"-rf", "profile name '-rf' starts with '.' or '-'"},
	    {"two words",
	     "profile name 'two words' may only contain letters, digits and . _ - @ +"},
	    {"x\ny", "the profile name may only contain letters, digits and . _ - @ +"},
	    {"", "profile name '' is empty"},
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	     "the profile name is longer than 64 characters"},
	};
	g_autoptr(l2c_profile_store) store = l2c_profile_store_new(f->store_dir);

	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(l2c_profile) p = parse_ok(BASE_PROFILE, NULL);
		GError *error = NULL;

		p->name = g_strdup(bad[i].name);
		g_assert_cmpint(l2c_profile_store_save(store, p, true, &error), ==, -EINVAL);
		g_assert_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_BAD_NAME);
		g_assert_cmpstr(error->message, ==, bad[i].expected);
		g_clear_error(&error);
	}
	g_assert_true(dir_is_empty_or_absent(f->store_dir));

	{
		g_autofree char *a = l2c_profile_name_from_text("Office VPN (Berlin)");
		g_autofree char *b = l2c_profile_name_from_text("../../x");
		g_autofree char *c = l2c_profile_name_from_text("Büro");
		g_autofree char *d = l2c_profile_name_from_text("///");

		g_assert_cmpstr(a, ==, "Office-VPN-Berlin");
		g_assert_cmpstr(b, ==, "x");
		g_assert_cmpstr(c, ==, "B-ro");
		g_assert_null(d);
	}
}

/* The man page documents every key of the table. */
static void test_man_page_lists_every_key(void)
{
	const char *srcdir = g_getenv("top_srcdir");
	g_autofree char *path =
	    g_build_filename(srcdir ? srcdir : L2C_TOP_SRCDIR, "man", "l2tp-connect.conf.5", NULL);
	g_autofree char *man = NULL;

	g_assert_true(g_file_get_contents(path, &man, NULL, NULL));
	for (size_t i = 0; i < l2c_profile_n_keys; i++) {
		const struct l2c_profile_key *k = &l2c_profile_keys[i];
		g_autofree char *entry =
		    g_strdup_printf(".B %s%s\n", k->name, k->flags & L2C_KEY_NUMBERED ? "N" : "");

		if (!strstr(man, entry))
			g_error("man/l2tp-connect.conf.5 lacks [%s] %s", k->section, k->name);
	}
}

#define FIXTURE_TEST(path, fn)                                                                     \
	g_test_add(path, struct fixture, NULL, fixture_set_up, fn, fixture_tear_down)

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	FIXTURE_TEST("/profile/round-trip/psk", test_round_trip_psk);
	FIXTURE_TEST("/profile/round-trip/certificate", test_round_trip_cert);
	FIXTURE_TEST("/profile/round-trip/split-routes", test_round_trip_split_routes);
	FIXTURE_TEST("/profile/round-trip/mppe", test_round_trip_mppe);
	FIXTURE_TEST("/profile/round-trip/legacy-psk-moves-to-secrets",
		     test_round_trip_legacy_moves_psk);
	g_test_add_func("/profile/defaults-apply", test_defaults_apply);
	g_test_add_func("/profile/every-default-is-valid", test_every_default_is_valid);
	g_test_add_func("/profile/table-names-unique", test_table_names_unique);
	FIXTURE_TEST("/profile/typed-values", test_typed_values);
	g_test_add_func("/profile/unknown-keys-kept-and-warned", test_unknown_keys_kept_and_warned);
	FIXTURE_TEST("/profile/legacy-keys-warned", test_legacy_warnings);
	FIXTURE_TEST("/profile/bad-values", test_bad_values);
	FIXTURE_TEST("/profile/injection-in-every-string-key", test_injection_in_every_string_key);
	FIXTURE_TEST("/profile/nul-byte", test_nul_byte_rejected);
	g_test_add_func("/profile/not-a-keyfile", test_not_a_keyfile);
	g_test_add_func("/profile/good-edge-values", test_good_edge_values);
	g_test_add_func("/profile/set-value", test_set_value);
	g_test_add_func("/profile/failed-validate-keeps-fields", test_failed_validate_keeps_fields);
	g_test_add_func("/profile/secret-flags", test_secret_flags);
	g_test_add_func("/profile/secret-export", test_secret_export);
	FIXTURE_TEST("/profile/export-is-stable", test_export_is_stable);
	g_test_add_func("/profile/duplicate-keys-last-wins", test_duplicate_keys_last_wins);
	g_test_add_func("/profile/final-cr-survives-export", test_final_cr_survives_export);
	g_test_add_func("/profile/export-honours-flags-before-validation",
			test_export_honours_flags_before_validation);
	FIXTURE_TEST("/profile/store/save-mode-atomic-replace",
		     test_store_save_mode_and_atomic_replace);
	FIXTURE_TEST("/profile/store/list-load-delete", test_store_list_load_delete);
	FIXTURE_TEST("/profile/store/import-names", test_store_import_names);
	FIXTURE_TEST("/profile/store/names", test_profile_names);
	g_test_add_func("/profile/man-page-lists-every-key", test_man_page_lists_every_key);
	return g_test_run();
}
