/* From a validated profile to the settings each stage takes. The profile layer has already
 * checked every value; these functions only translate names and defaults, so each stage
 * stays ignorant of keyfiles. */
#pragma once

#include <glib.h>

#include "ipsec/ipsec_conn.h"
#include "net/split_route.h"
#include "ppp/ppp_options.h"
#include "profile/profile.h"

/* pppd settings. `user` points into a string the caller keeps alive (see
 * l2c_profile_ppp_user). */
void l2c_profile_to_ppp_options(const struct l2c_profile *profile, const char *user,
				struct ppp_options *opts);

/* "DOMAIN\user" when the profile has a domain, else the user name; NULL when neither.
 * g_free it. */
char *l2c_profile_ppp_user(const struct l2c_profile *profile);

/* IPsec settings for a gateway already resolved to `gateway_address`. Strings point into the
 * profile and `conn_name`. */
void l2c_profile_to_ipsec_params(const struct l2c_profile *profile, const char *conn_name,
				 const char *gateway_address, struct ipsec_conn_params *params);

/* The profile's [ipv4] routeN as split routes. Returns 0, or -EINVAL with *detail set. */
int l2c_profile_split_routes(const struct l2c_profile *profile, GArray **routes, char **detail);
