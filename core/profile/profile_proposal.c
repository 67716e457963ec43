/* Algorithm names follow libreswan's ike=/esp= (ipsec.conf(5)); strongSwan spellings seen in
 * NM-l2tp profiles (aes256gcm16, ecp384, prfsha256) are accepted too so such profiles import,
 * and the IPsec driver translates them. */
#include "config.h"

#include "profile/profile_proposal.h"

#include "util/i18n.h"

#include <glib.h>
#include <stdbool.h>
#include <string.h>

#define MAX_PARTS 4 /* ENC-PRF-INTEG-DH */

static const char *const plain_ciphers[] = {"3des", "null", "chacha20_poly1305",
					    "null_auth_aes_gmac", NULL};
/* These take a key length: aes256, aes_256, aes_gcm256, camellia_cbc_128. */
static const char *const sized_ciphers[] = {
    "aes",	 "aes_cbc",	 "aes_ctr",	 "aesctr",     "aes_gcm",    "aes_gcm_a",
    "aes_gcm_b", "aes_gcm_c",	 "aes_gcm_8",	 "aes_gcm_12", "aes_gcm_16", "aes_ccm",
    "aes_ccm_a", "aes_ccm_b",	 "aes_ccm_c",	 "aes_ccm_8",  "aes_ccm_12", "aes_ccm_16",
    "camellia",	 "camellia_cbc", "camellia_ctr", "serpent",    "twofish",    NULL};
static const char *const key_lengths[] = {"128", "192", "256", NULL};
/* strongSwan's AEAD form: aes256gcm16 = key length, mode, ICV length. */
static const char *const aead_modes[] = {"gcm", "ccm", NULL};
static const char *const icv_lengths[] = {"8", "12", "16", "64", "96", "128", NULL};
static const char *const integrity_algs[] = {
    "md5",	"sha",	    "sha1",    "sha2",	 "sha2_256",  "sha2_384",
    "sha2_512", "sha256",   "sha384",  "sha512", "sha256_96", "aes_xcbc",
    "aesxcbc",	"aes_cmac", "aescmac", "null",	 "none",      NULL};
static const char *const dh_groups[] = {
    "modp768", "modp1024", "modp1536",	 "modp2048", "modp3072", "modp4096", "modp6144", "modp8192",
    "ecp_192", "ecp_224",  "ecp_256",	 "ecp_384",  "ecp_521",	 "ecp192",   "ecp224",	 "ecp256",
    "ecp384",  "ecp521",   "curve25519", "x25519",   "curve448", "dh1",	     "dh2",	 "dh5",
    "dh14",    "dh15",	   "dh16",	 "dh17",     "dh18",	 "dh19",     "dh20",	 "dh21",
    "dh22",    "dh23",	   "dh24",	 "dh25",     "dh26",	 "dh27",     "dh28",	 "dh29",
    "dh30",    "dh31",	   "none",	 NULL};

static bool is_one_of(const char *word, const char *const *set)
{
	for (size_t i = 0; set[i]; i++)
		if (strcmp(word, set[i]) == 0)
			return true;
	return false;
}

/* The rest of `word` after `prefix`, or NULL when it does not start with it. */
static const char *after(const char *word, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(word, prefix, len) == 0 ? word + len : NULL;
}

static bool is_sized_cipher(const char *alg)
{
	for (size_t i = 0; sized_ciphers[i]; i++) {
		const char *rest = after(alg, sized_ciphers[i]);

		if (!rest)
			continue;
		if (rest[0] == '_')
			rest++;
		if (rest == alg + strlen(sized_ciphers[i]) && !rest[0])
			return true; /* no key length: the daemon's default */
		if (is_one_of(rest, key_lengths))
			return true;
	}
	return false;
}

static bool is_strongswan_aead(const char *alg)
{
	const char *rest = after(alg, "aes");

	for (size_t k = 0; rest && key_lengths[k]; k++) {
		const char *mode_at = after(rest, key_lengths[k]);

		for (size_t m = 0; mode_at && aead_modes[m]; m++) {
			const char *icv = after(mode_at, aead_modes[m]);

			if (icv && is_one_of(icv, icv_lengths))
				return true;
		}
	}
	return false;
}

static bool is_cipher(const char *alg)
{
	return is_one_of(alg, plain_ciphers) || is_sized_cipher(alg) || is_strongswan_aead(alg);
}

static bool is_integrity(const char *alg)
{
	const char *without_prf = after(alg, "prf"); /* strongSwan's prfsha256 */

	return is_one_of(alg, integrity_algs) ||
	       (without_prf && is_one_of(without_prf, integrity_algs));
}

static bool is_dh_group(const char *alg)
{
	return is_one_of(alg, dh_groups);
}

/* Every '+'-joined alternative of `part` is known (names are case-insensitive). */
static bool part_matches(const char *part, bool (*known)(const char *alg), char **bad_alg)
{
	g_autofree char *lower = g_ascii_strdown(part, -1);
	g_auto(GStrv) algs = g_strsplit(lower, "+", -1);

	if (!part[0]) {
		*bad_alg = g_strdup("");
		return false;
	}
	for (size_t i = 0; algs[i]; i++) {
		if (!known(algs[i])) {
			*bad_alg = g_strdup(algs[i]);
			return false;
		}
	}
	return true;
}

enum part_kind { ENCRYPTION, INTEGRITY, DH_GROUP };

static char *unknown_alg(const char *proposal, enum part_kind kind, const char *alg)
{
	if (!alg[0])
		return g_strdup_printf(_("'%s' has an empty part"), proposal);
	switch (kind) {
	case ENCRYPTION:
		return g_strdup_printf(_("'%s' has an unknown encryption algorithm '%s'"), proposal,
				       alg);
	case INTEGRITY:
		return g_strdup_printf(_("'%s' has an unknown integrity algorithm '%s'"), proposal,
				       alg);
	case DH_GROUP:
		break;
	}
	return g_strdup_printf(_("'%s' has an unknown DH group '%s'"), proposal, alg);
}

static char *check_parts(const char *proposal, char **parts, guint n)
{
	g_autofree char *bad = NULL;

	if (n > MAX_PARTS)
		return g_strdup_printf(_("'%s' has too many parts (use ENC-HASH[-DH])"), proposal);
	if (!part_matches(parts[0], is_cipher, &bad))
		return unknown_alg(proposal, ENCRYPTION, bad);
	for (guint i = 1; i < n; i++) {
		bool dh_position = i == n - 1 && i >= 2;

		if (part_matches(parts[i], is_integrity, &bad))
			continue;
		if (i == n - 1) {
			g_clear_pointer(&bad, g_free);
			if (part_matches(parts[i], is_dh_group, &bad))
				continue;
		}
		return unknown_alg(proposal, dh_position ? DH_GROUP : INTEGRITY, bad);
	}
	return NULL;
}

/* libreswan's older "ENC-HASH;DH" form: the ';' stands for the last '-'. */
static char *check_one_proposal(const char *proposal)
{
	g_autofree char *dashed = g_strdup(proposal);
	char *semicolon = strchr(dashed, ';');
	g_auto(GStrv) parts = NULL;

	if (semicolon) {
		if (strchr(semicolon + 1, ';') || strchr(semicolon + 1, '-'))
			return g_strdup_printf(_("'%s' is not a proposal (use ENC-HASH[-DH])"),
					       proposal);
		*semicolon = '-';
	}
	parts = g_strsplit(dashed, "-", -1);
	return check_parts(proposal, parts, g_strv_length(parts));
}

static char *check_proposal_list(const char *value)
{
	g_auto(GStrv) proposals = NULL;
	size_t len = strlen(value);

	if (len > 0 && value[len - 1] == '!')
		return g_strdup(_("ends with '!', strongSwan's strict marker: remove it"));
	proposals = g_strsplit(value, ",", -1);
	for (size_t i = 0; proposals[i]; i++) {
		char *problem;

		if (!proposals[i][0])
			return g_strdup(_("has an empty proposal (two commas, or one at an end)"));
		problem = check_one_proposal(proposals[i]);
		if (problem)
			return problem;
	}
	return NULL;
}

char *l2c_check_ike_proposals(const char *value)
{
	return check_proposal_list(value);
}

char *l2c_check_esp_proposals(const char *value)
{
	return check_proposal_list(value);
}
