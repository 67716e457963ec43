/* libFuzzer target for the profile parser and validator: the bytes are keyfile text, as an
 * imported .nmconnection would be. A profile that parses must export to text that parses
 * again to the same typed values: export and parse agree on escaping and on every key. */
#include "config.h"

#include "profile/profile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_export_parses_again(const struct l2c_profile *p)
{
	struct l2c_profile *again = NULL;
	size_t len = 0;
	char *text = l2c_profile_to_keyfile(p, true, &len);

	if (l2c_profile_parse(text, len, &again, NULL, NULL) < 0)
		abort();
	if (again->vpn.mtu != p->vpn.mtu || strcmp(again->vpn.gateway, p->vpn.gateway) != 0 ||
	    g_strcmp0(again->vpn.user, p->vpn.user) != 0 ||
	    again->ipv4.n_routes != p->ipv4.n_routes ||
	    l2c_profile_secrets_needed(again) != l2c_profile_secrets_needed(p))
		abort();
	for (int s = 0; s < L2C_SECRET_COUNT; s++)
		if (g_strcmp0(l2c_profile_get_secret(again, s), l2c_profile_get_secret(p, s)) != 0)
			abort();
	l2c_profile_free(again);
	l2c_secret_free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct l2c_profile *p = NULL;
	GPtrArray *warnings = g_ptr_array_new_with_free_func(g_free);
	GError *error = NULL;

	if (l2c_profile_parse((const char *)data, size, &p, warnings, &error) == 0) {
		check_export_parses_again(p);
		l2c_profile_free(p);
	} else if (!error || !error->message[0]) {
		abort(); /* every refusal explains itself */
	}
	g_clear_error(&error);
	g_ptr_array_unref(warnings);
	return 0;
}
