/* Secrets and their flags (NetworkManager's NMSettingSecretFlags semantics). Secrets are kept
 * out of the GKeyFile so that we can scrub them: GKeyFile frees its strings unscrubbed. */
#include "config.h"

#include "profile/profile.h"

#include "profile/profile_private.h"
#include "profile/profile_value_check.h"
#include "util/i18n.h"

#include <errno.h>
#include <string.h>

void l2c_secret_free(char *secret)
{
	if (!secret)
		return;
	explicit_bzero(secret, strlen(secret));
	g_free(secret);
}

const char *l2c_secret_name(enum l2c_secret secret)
{
	const struct l2c_profile_key *k = l2c_profile_secret_key(secret);

	return k ? k->name : "?";
}

int l2c_secret_from_name(const char *name)
{
	for (int s = 0; s < L2C_SECRET_COUNT; s++)
		if (strcmp(l2c_secret_name(s), name) == 0)
			return s;
	return -ENOENT;
}

static void take_one_secret(struct l2c_profile *p, const struct l2c_profile_key *k,
			    GPtrArray *errors, GPtrArray *warnings)
{
	GKeyFile *kf = p->priv->keyfile;
	char *problem = NULL;
	char *value = l2c_profile_keyfile_value(kf, k->section, k->name, &problem);

	g_key_file_remove_key(kf, k->section, k->name, NULL);
	if (!problem && value)
		problem = l2c_check_secret(value);
	if (problem) {
		l2c_profile_add_problem(errors, k->section, k->name, problem);
		l2c_secret_free(value);
		return;
	}
	if (!value)
		return;
	if (!(k->flags & L2C_KEY_LEGACY_SECRET)) {
		p->priv->stored[k->secret] = value;
		return;
	}
	/* NM-l2tp before 1.2 kept the PSK among the plain data items. */
	if (p->priv->stored[k->secret]) {
		l2c_profile_add_problem(
		    warnings, k->section, k->name,
		    g_strdup_printf(_("ignored: [%s] has one too"), L2C_SECTION_SECRETS));
		l2c_secret_free(value);
		return;
	}
	l2c_profile_add_problem(
	    warnings, k->section, k->name,
	    g_strdup_printf(_("a secret outside [%s]; moved there"), L2C_SECTION_SECRETS));
	p->priv->stored[k->secret] = value;
}

void l2c_profile_take_secrets(struct l2c_profile *profile, GPtrArray *errors, GPtrArray *warnings)
{
	/* [vpn-secrets] first, so that it wins over the legacy place. */
	for (int legacy = 0; legacy <= 1; legacy++) {
		for (size_t i = 0; i < l2c_profile_n_keys; i++) {
			const struct l2c_profile_key *k = &l2c_profile_keys[i];

			if (k->type == L2C_KEY_SECRET &&
			    !!(k->flags & L2C_KEY_LEGACY_SECRET) == legacy)
				take_one_secret(profile, k, errors, warnings);
		}
	}
}

static int replace_secret(char **slot, enum l2c_secret secret, const char *value, GError **error)
{
	char *problem;

	if ((unsigned)secret >= L2C_SECRET_COUNT)
		return -EINVAL;
	problem = value ? l2c_check_secret(value) : NULL;
	if (problem) {
		g_set_error(error, L2C_PROFILE_ERROR, L2C_PROFILE_ERROR_INVALID, "[%s] %s: %s",
			    L2C_SECTION_SECRETS, l2c_secret_name(secret), problem);
		g_free(problem);
		return -EINVAL;
	}
	l2c_secret_free(*slot);
	*slot = value && value[0] ? g_strdup(value) : NULL;
	return 0;
}

int l2c_profile_set_secret(struct l2c_profile *profile, enum l2c_secret secret, const char *value,
			   GError **error)
{
	return replace_secret(&profile->priv->stored[secret], secret, value, error);
}

int l2c_profile_supply_secret(struct l2c_profile *profile, enum l2c_secret secret,
			      const char *value, GError **error)
{
	return replace_secret(&profile->priv->supplied[secret], secret, value, error);
}

bool l2c_profile_has_stored_secret(const struct l2c_profile *profile, enum l2c_secret secret)
{
	return profile->priv->stored[secret] != NULL;
}

const char *l2c_profile_get_secret(const struct l2c_profile *profile, enum l2c_secret secret)
{
	if (profile->priv->supplied[secret])
		return profile->priv->supplied[secret];
	if (profile->vpn.secret_flags[secret] == L2C_SECRET_FLAG_SAVED)
		return profile->priv->stored[secret];
	return NULL;
}

/* Whether the connection's settings use this secret at all. */
static bool secret_in_use(const struct l2c_profile *p, enum l2c_secret secret)
{
	const struct l2c_profile_vpn *vpn = &p->vpn;

	switch (secret) {
	case L2C_SECRET_PASSWORD:
		return vpn->user_auth_type == L2C_USER_AUTH_PASSWORD;
	case L2C_SECRET_USER_CERTPASS:
		return vpn->user_auth_type == L2C_USER_AUTH_TLS;
	case L2C_SECRET_IPSEC_PSK:
		return vpn->ipsec_enabled && vpn->machine_auth_type == L2C_MACHINE_AUTH_PSK;
	case L2C_SECRET_MACHINE_CERTPASS:
		return vpn->ipsec_enabled && vpn->machine_auth_type == L2C_MACHINE_AUTH_TLS;
	case L2C_SECRET_TUNNEL:
		return true;
	case L2C_SECRET_COUNT:
		break;
	}
	return false;
}

/* A password or PSK cannot be left out; a key file may be unencrypted and the tunnel secret
 * is optional (RFC 2661 section 5.1.1), so those count only when something asks for them. */
static bool secret_is_mandatory(enum l2c_secret secret)
{
	return secret == L2C_SECRET_PASSWORD || secret == L2C_SECRET_IPSEC_PSK;
}

unsigned l2c_profile_secrets_needed(const struct l2c_profile *profile)
{
	unsigned needed = 0;

	for (int s = 0; s < L2C_SECRET_COUNT; s++) {
		unsigned flags = profile->vpn.secret_flags[s];
		bool asked_for = flags & (L2C_SECRET_FLAG_AGENT_OWNED | L2C_SECRET_FLAG_NOT_SAVED);

		if (!secret_in_use(profile, s) || (flags & L2C_SECRET_FLAG_NOT_REQUIRED))
			continue;
		if (secret_is_mandatory(s) || asked_for || profile->priv->stored[s] ||
		    profile->priv->supplied[s])
			needed |= L2C_SECRET_BIT(s);
	}
	return needed;
}

unsigned l2c_profile_secrets_missing(const struct l2c_profile *profile)
{
	unsigned missing = 0;
	unsigned needed = l2c_profile_secrets_needed(profile);

	for (int s = 0; s < L2C_SECRET_COUNT; s++)
		if ((needed & L2C_SECRET_BIT(s)) && !l2c_profile_get_secret(profile, s))
			missing |= L2C_SECRET_BIT(s);
	return missing;
}
