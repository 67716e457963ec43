/* Validation and rendering of the libreswan connection for one profile. */
#include "config.h"

#include "ipsec/ipsec_conn.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/i18n.h"
#include "util/log.h"

#define LOG_TAG "ipsec"

#define PROPOSALS_MAX_LEN 1024
#define ID_MAX_LEN	  255
#define NICKNAME_MAX_LEN  64
#define PSK_MAX_LEN	  1024
#define LIFETIME_MAX	  86400 /* libreswan caps both lifetimes at 24 h */
#define DPD_MAX		  3600
#define RETRANSMIT_MAX	  300

/* NM-KEYS.md: Windows 10 ∪ macOS IKEv1 Main Mode proposals. The DH2 ones come last within
 * each cipher so the stronger group is tried first. */
static const char default_ike_with_dh2[] =
    "aes256-sha2_256-modp2048,aes256-sha2_256-modp1536,aes256-sha2_256-modp1024,"
    "aes256-sha1-modp2048,aes256-sha1-modp1536,aes256-sha1-modp1024,aes256-sha1-ecp_384,"
    "aes128-sha1-modp1024,aes128-sha1-ecp_256,3des-sha1-modp2048,3des-sha1-modp1024";
static const char default_ike_without_dh2[] =
    "aes256-sha2_256-modp2048,aes256-sha2_256-modp1536,aes256-sha1-modp2048,"
    "aes256-sha1-modp1536,aes256-sha1-ecp_384,aes128-sha1-ecp_256,3des-sha1-modp2048";
static const char default_esp[] = "aes256-sha1,aes128-sha1,3des-sha1";

void ipsec_error_set(struct ipsec_error *error, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (!error)
		return;
	snprintf(error->field, sizeof(error->field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(error->text, sizeof(error->text), fmt, ap);
	va_end(ap);
}

const char *ipsec_default_ike(const struct ipsec_caps *caps)
{
	return caps->has_modp1024 ? default_ike_with_dh2 : default_ike_without_dh2;
}

const char *ipsec_default_esp(void)
{
	return default_esp;
}

static bool is_set(const char *s)
{
	return s && *s;
}

static bool is_ip_literal(const char *s)
{
	unsigned char buf[sizeof(struct in6_addr)];

	return inet_pton(AF_INET, s, buf) == 1 || inet_pton(AF_INET6, s, buf) == 1;
}

static bool all_chars_in(const char *s, const char *extra)
{
	for (; *s; s++) {
		if (!isalnum((unsigned char)*s) && !strchr(extra, *s))
			return false;
	}
	return true;
}

/* RFC 1123 host name: dot-separated LDH labels of 1..63 octets, 253 in all. */
static bool is_dns_name(const char *s)
{
	size_t total = strlen(s), label = 0;

	if (total == 0 || total > 253 || !all_chars_in(s, "-."))
		return false;
	for (const char *p = s; *p; p++) {
		if (*p == '.') {
			if (label == 0 || p[-1] == '-')
				return false;
			label = 0;
			continue;
		}
		if (label == 0 && *p == '-')
			return false;
		if (++label > 63)
			return false;
	}
	return label > 0 || s[total - 1] == '.';
}

static int validate_name(const char *name, struct ipsec_error *error)
{
	if (!is_set(name) || strlen(name) > IPSEC_CONN_NAME_MAX || !all_chars_in(name, "_.-") ||
	    name[0] == '.' || name[0] == '-') {
		ipsec_error_set(
		    error, "name",
		    _("connection name \"%.64s\" is not usable for IPsec: use 1 to %d "
		      "letters, digits, '_', '.' or '-', starting with a letter or digit"),
		    name ? name : "", IPSEC_CONN_NAME_MAX);
		return -EINVAL;
	}
	return 0;
}

static int validate_gateway(const char *gateway, struct ipsec_error *error)
{
	if (!is_set(gateway)) {
		ipsec_error_set(error, "gateway", _("gateway: the server address is missing"));
		return -EINVAL;
	}
	if (is_ip_literal(gateway) || is_dns_name(gateway))
		return 0;
	ipsec_error_set(error, "gateway",
			_("gateway: \"%.64s\" is neither an IP address nor a host name"), gateway);
	return -EINVAL;
}

enum id_kind {
	ID_NONE,
	ID_ANY,
	ID_IP,
	ID_FQDN,      /* "@name" as written */
	ID_BARE_NAME, /* "name": sent as @name so libreswan does not resolve it in DNS */
	ID_DN,	      /* X.509 distinguished name, quoted in ipsec.conf */
};

static enum id_kind classify_id(const char *id)
{
	if (!is_set(id))
		return ID_NONE;
	if (strcmp(id, "%any") == 0)
		return ID_ANY;
	if (is_ip_literal(id))
		return ID_IP;
	if (id[0] == '@')
		return ID_FQDN;
	if (strchr(id, '='))
		return ID_DN;
	return ID_BARE_NAME;
}

static int validate_id(const char *field, const char *id, bool allow_any, struct ipsec_error *error)
{
	enum id_kind kind = classify_id(id);
	bool ok;

	switch (kind) {
	case ID_NONE:
	case ID_IP:
		return 0;
	case ID_ANY:
		ok = allow_any;
		break;
	case ID_FQDN:
		ok = strlen(id) > 1 && strlen(id) <= ID_MAX_LEN && all_chars_in(id + 1, "_.-");
		break;
	case ID_BARE_NAME:
		ok = strlen(id) <= ID_MAX_LEN && all_chars_in(id, "_.-");
		break;
	case ID_DN:
		/* Quoted in the file: no quote, no comment sign, no line break. */
		ok = strlen(id) <= ID_MAX_LEN && all_chars_in(id, " ,=.@_+:/*()-") && id[0] != ' ';
		break;
	default:
		ok = false;
	}
	if (ok)
		return 0;
	ipsec_error_set(error, field,
			_("%s: \"%.64s\" is not a usable IPsec ID; use an IP address, a name such "
			  "as @vpn.example.com, or a certificate DN such as \"CN=vpn, O=Example\""),
			field, id);
	return -EINVAL;
}

/* One proposal: algorithm tokens joined by '-' (';' before the DH group also parses), e.g.
 * "aes256-sha2_256-modp2048" or "aes_gcm256-null". */
static bool proposal_well_formed(const char *p, size_t len)
{
	bool need_token = true;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = p[i];

		if (c == '-' || c == ';') {
			if (need_token)
				return false;
			need_token = true;
			continue;
		}
		if (!isalnum((unsigned char)c) && c != '_')
			return false;
		need_token = false;
	}
	return !need_token;
}

static bool proposal_has_token(const char *p, size_t len, const char *token)
{
	size_t tlen = strlen(token);

	for (size_t i = 0; i + tlen <= len; i++) {
		bool starts = i == 0 || p[i - 1] == '-' || p[i - 1] == ';';
		bool ends = i + tlen == len || p[i + tlen] == '-' || p[i + tlen] == ';';

		if (starts && ends && strncasecmp(p + i, token, tlen) == 0)
			return true;
	}
	return false;
}

static bool proposal_usable(const char *p, size_t len, const struct ipsec_caps *caps)
{
	if (proposal_has_token(p, len, "modp768") || proposal_has_token(p, len, "dh1"))
		return false;
	if (!caps->has_modp1024 &&
	    (proposal_has_token(p, len, "modp1024") || proposal_has_token(p, len, "dh2")))
		return false;
	return true;
}

/* Length of the list without a strongSwan-style strict marker: libreswan lists are always
 * strict, and it rejects the '!'. */
static size_t list_length(const char *list)
{
	size_t len = strlen(list);

	return len > 0 && list[len - 1] == '!' ? len - 1 : len;
}

static int validate_proposals(const char *field, const char *list, const struct ipsec_caps *caps,
			      struct ipsec_error *error)
{
	size_t len = list_length(list);
	size_t start = 0;
	unsigned usable = 0;

	if (len == 0 || len > PROPOSALS_MAX_LEN) {
		ipsec_error_set(error, field, _("%s: the proposal list is empty or too long"),
				field);
		return -EINVAL;
	}
	while (start <= len) {
		const char *comma = memchr(list + start, ',', len - start);
		size_t end = comma ? (size_t)(comma - list) : len;

		if (!proposal_well_formed(list + start, end - start)) {
			ipsec_error_set(error, field,
					_("%s: \"%.*s\" is not a proposal; write algorithms "
					  "joined by '-', proposals separated by ',', e.g. "
					  "aes256-sha1-modp2048,3des-sha1-modp2048"),
					field, (int)(end - start > 64 ? 64 : end - start),
					list + start);
			return -EINVAL;
		}
		usable += proposal_usable(list + start, end - start, caps);
		start = end + 1;
	}
	if (usable == 0) {
		ipsec_error_set(error, field,
				_("%s: every proposal uses a Diffie-Hellman group this libreswan "
				  "cannot do (modp1024/DH2 is not built in, modp768 never is); "
				  "add one with modp2048, or ask the server's administrator to "
				  "allow a stronger group"),
				field);
		return -EINVAL;
	}
	return 0;
}

char *ipsec_proposals_usable(const char *list, const struct ipsec_caps *caps, int *err)
{
	size_t len = list_length(list);
	char *out = calloc(1, len + 1);
	size_t start = 0, used = 0;

	if (!out) {
		*err = -ENOMEM;
		return NULL;
	}
	while (start <= len) {
		const char *comma = memchr(list + start, ',', len - start);
		size_t end = comma ? (size_t)(comma - list) : len;

		if (end > start && proposal_usable(list + start, end - start, caps)) {
			if (used)
				out[used++] = ',';
			memcpy(out + used, list + start, end - start);
			used += end - start;
		}
		start = end + 1;
	}
	if (used == 0) {
		free(out);
		*err = -EINVAL;
		return NULL;
	}
	*err = 0;
	return out;
}

static int validate_nickname(const char *nickname, struct ipsec_error *error)
{
	if (is_set(nickname) && strlen(nickname) <= NICKNAME_MAX_LEN &&
	    all_chars_in(nickname, " _.@:+()-") && nickname[0] != ' ' &&
	    nickname[strlen(nickname) - 1] != ' ')
		return 0;
	ipsec_error_set(error, "machine-cert",
			_("machine-cert: the certificate nickname \"%.64s\" is missing or has "
			  "characters libreswan's configuration cannot carry"),
			nickname ? nickname : "");
	return -EINVAL;
}

/* Quoted in the file: printable ASCII without the quote, and no backslash (an escape), so
 * nothing can end the value or the line. */
static int validate_remote_ca(const char *dn, struct ipsec_error *error)
{
	const unsigned char *c = (const unsigned char *)dn;

	for (; *c; c++) {
		if (*c < 0x20 || *c > 0x7e || *c == '"' || *c == '\\')
			break;
	}
	if (!*c && strlen(dn) <= IPSEC_CA_DN_MAX && strchr(dn, '=') && dn[0] != ' ')
		return 0;
	ipsec_error_set(error, "machine-ca",
			_("machine-ca: the CA name \"%.64s\" has characters libreswan's "
			  "configuration cannot carry"),
			dn);
	return -EINVAL;
}

static int validate_range(const char *field, unsigned value, unsigned max,
			  struct ipsec_error *error)
{
	if (value <= max)
		return 0;
	ipsec_error_set(error, field, _("%s: %u seconds is out of range (1 to %u)"), field, value,
			max);
	return -EINVAL;
}

static int validate_numbers(const struct ipsec_conn_params *p, struct ipsec_error *error)
{
	int r;

	if ((r = validate_range("ipsec-ikelifetime", p->ikelifetime, LIFETIME_MAX, error)) < 0 ||
	    (r = validate_range("ipsec-salifetime", p->salifetime, LIFETIME_MAX, error)) < 0 ||
	    (r = validate_range("dpd-delay", p->dpd_delay, DPD_MAX, error)) < 0 ||
	    (r = validate_range("dpd-timeout", p->dpd_timeout, DPD_MAX, error)) < 0 ||
	    (r = validate_range("retransmit-timeout", p->retransmit_timeout, RETRANSMIT_MAX,
				error)) < 0)
		return r;
	/* IKEv1 DPD (RFC 3706) in libreswan needs both values, or neither. */
	if (p->ike_version == IPSEC_IKE_V1 && (p->dpd_delay == 0) != (p->dpd_timeout == 0)) {
		ipsec_error_set(error, p->dpd_delay ? "dpd-timeout" : "dpd-delay",
				_("dead peer detection needs both a delay and a timeout"));
		return -EINVAL;
	}
	return 0;
}

int ipsec_conn_validate(const struct ipsec_conn_params *p, const struct ipsec_caps *caps,
			struct ipsec_error *error)
{
	int r;

	if (!p || !caps)
		return -EINVAL;
	if ((r = validate_name(p->name, error)) < 0 ||
	    (r = validate_gateway(p->gateway, error)) < 0)
		return r;
	if (p->ike_version != IPSEC_IKE_V1 && p->ike_version != IPSEC_IKE_V2) {
		ipsec_error_set(error, "ipsec-ikev2", _("unknown IKE version"));
		return -EINVAL;
	}
	if ((r = validate_id("ipsec-group-name", p->local_id, false, error)) < 0 ||
	    (r = validate_id("ipsec-remote-id", p->remote_id, true, error)) < 0)
		return r;
	if (p->auth == IPSEC_AUTH_CERT && (r = validate_nickname(p->cert_nickname, error)) < 0)
		return r;
	if (p->auth == IPSEC_AUTH_CERT && is_set(p->remote_ca) &&
	    (r = validate_remote_ca(p->remote_ca, error)) < 0)
		return r;
	if (p->local_port > 65535) {
		ipsec_error_set(error, "ephemeral-port", _("local UDP port %u is out of range"),
				p->local_port);
		return -EINVAL;
	}
	if (p->auth != IPSEC_AUTH_PSK && p->auth != IPSEC_AUTH_CERT) {
		ipsec_error_set(error, "machine-auth-type", _("unknown authentication method"));
		return -EINVAL;
	}
	if (is_set(p->ike) && (r = validate_proposals("ipsec-ike", p->ike, caps, error)) < 0)
		return r;
	if (is_set(p->esp) && (r = validate_proposals("ipsec-esp", p->esp, caps, error)) < 0)
		return r;
	return validate_numbers(p, error);
}

/* ---- rendering ---- */

static void put_id(FILE *f, const char *key, const char *id)
{
	switch (classify_id(id)) {
	case ID_NONE:
		return;
	case ID_BARE_NAME:
		fprintf(f, "\t%s=@%s\n", key, id);
		return;
	case ID_DN:
		fprintf(f, "\t%s=\"%s\"\n", key, id);
		return;
	default:
		fprintf(f, "\t%s=%s\n", key, id);
	}
}

static void put_option(FILE *f, const char *key, enum ipsec_option value)
{
	if (value != IPSEC_OPT_DEFAULT)
		fprintf(f, "\t%s=%s\n", key, value == IPSEC_OPT_YES ? "yes" : "no");
}

static void put_seconds(FILE *f, const char *key, unsigned seconds)
{
	if (seconds)
		fprintf(f, "\t%s=%us\n", key, seconds);
}

/* ikev1-policy appeared with libreswan 4.6 (Debian's build defaults it to drop); before
 * that IKEv1 was always accepted and the keyword is unknown. */
static bool has_ikev1_policy(const struct ipsec_caps *caps)
{
	const struct ipsec_version *v = &caps->version;

	return v->major > 4 || (v->major == 4 && v->minor >= 6);
}

static void put_config_setup(FILE *f, const struct ipsec_conn_params *p,
			     const struct ipsec_caps *caps)
{
	fputs("# Written by l2tp-connect for one connection; removed when it ends.\n", f);
	fputs("config setup\n", f);
	if (p->ike_version == IPSEC_IKE_V1 && has_ikev1_policy(caps))
		fputs("\tikev1-policy=accept\n", f);
	fputs("\n", f);
}

static void put_ike_version(FILE *f, const struct ipsec_conn_params *p,
			    const struct ipsec_caps *caps)
{
	bool v1 = p->ike_version == IPSEC_IKE_V1;

	if (caps->dialect == IPSEC_DIALECT_V5)
		fprintf(f, "\tkeyexchange=%s\n", v1 ? "ikev1" : "ikev2");
	else
		fprintf(f, "\tikev2=%s\n", v1 ? "no" : "insist");
}

static void put_endpoints(FILE *f, const struct ipsec_conn_params *p, const struct ipsec_caps *caps)
{
	bool v4 = caps->dialect == IPSEC_DIALECT_V4;
	bool cert = p->auth == IPSEC_AUTH_CERT;

	fputs("\tleft=%defaultroute\n", f);
	if (p->local_port)
		fprintf(f, "\tleftprotoport=17/%u\n", p->local_port);
	else
		fprintf(f, "\tleftprotoport=17/%s\n", p->local_port_ephemeral ? "%any" : "1701");
	/* The updown script would only run its route and firewall checks for a host-to-host
	 * transport SA (routes are core/net's), and the many processes it starts cost seconds on
	 * a slow machine while pluto waits, in every Quick Mode and at teardown. */
	fputs("\tleftupdown=%disabled\n", f);
	put_id(f, "leftid", p->local_id);
	if (cert) {
		fprintf(f, "\tleftcert=\"%s\"\n", p->cert_nickname);
		/* 5.x takes the keys from the certificates by default. */
		if (v4)
			fputs("\tleftrsasigkey=%cert\n", f);
	}
	fprintf(f, "\tright=%s\n", p->gateway);
	put_id(f, "rightid", is_set(p->remote_id) ? p->remote_id : "%any");
	fprintf(f, "\trightprotoport=17/%s\n", p->remote_port_any ? "%any" : "1701");
	if (cert && v4)
		fputs("\trightrsasigkey=%cert\n", f);
	if (cert && is_set(p->remote_ca))
		fprintf(f, "\trightca=\"%s\"\n", p->remote_ca);
}

static int put_proposals(FILE *f, const char *key, const char *list, const char *fallback,
			 const struct ipsec_caps *caps)
{
	char *usable;
	int err;

	if (!is_set(list)) {
		if (fallback)
			fprintf(f, "\t%s=%s\n", key, fallback);
		return 0;
	}
	usable = ipsec_proposals_usable(list, caps, &err);
	if (!usable)
		return err;
	if (strlen(usable) != list_length(list))
		l2c_warn(LOG_TAG, _("%s: left out proposals with DH groups this libreswan lacks"),
			 key);
	fprintf(f, "\t%s=%s\n", key, usable);
	free(usable);
	return 0;
}

static void put_timers(FILE *f, const struct ipsec_conn_params *p, const struct ipsec_caps *caps)
{
	put_seconds(f, "ikelifetime", p->ikelifetime);
	put_seconds(f, "salifetime", p->salifetime);
	if (p->dpd_delay) {
		put_seconds(f, "dpddelay", p->dpd_delay);
		put_seconds(f, "dpdtimeout", p->dpd_timeout);
		/* 4.x holds a dead peer's policy by default; 5.x dropped dpdaction. */
		if (caps->dialect == IPSEC_DIALECT_V4)
			fputs("\tdpdaction=clear\n", f);
	}
	put_seconds(f, "retransmit-timeout",
		    p->retransmit_timeout ? p->retransmit_timeout
					  : IPSEC_DEFAULT_RETRANSMIT_TIMEOUT);
}

static int put_conn(FILE *f, const struct ipsec_conn_params *p, const struct ipsec_caps *caps)
{
	bool v1 = p->ike_version == IPSEC_IKE_V1;
	int r;

	fprintf(f, "conn %s\n", p->name);
	fputs("\ttype=transport\n", f);
	fprintf(f, "\tauthby=%s\n", p->auth == IPSEC_AUTH_CERT ? "rsasig" : "secret");
	put_endpoints(f, p, caps);
	put_ike_version(f, p, caps);
	/* IKEv2 keeps libreswan's own defaults, as NetworkManager-l2tp does. */
	if ((r = put_proposals(f, "ike", p->ike, v1 ? ipsec_default_ike(caps) : NULL, caps)) < 0 ||
	    (r = put_proposals(f, "esp", p->esp, v1 ? ipsec_default_esp() : NULL, caps)) < 0)
		return r;
	put_option(f, "pfs", p->pfs);
	put_timers(f, p, caps);
	/* encapsulation=no would forbid NAT-T behind a NAT; "no" keeps libreswan's auto. */
	if (p->forceencaps == IPSEC_OPT_YES)
		fputs("\tencapsulation=yes\n", f);
	put_option(f, "compress", p->ipcomp);
	fputs("\tauto=add\n", f);
	return 0;
}

int ipsec_conn_render(const struct ipsec_conn_params *p, const struct ipsec_caps *caps, char **out,
		      struct ipsec_error *error)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f;
	int r;

	*out = NULL;
	if ((r = ipsec_conn_validate(p, caps, error)) < 0)
		return r;
	f = open_memstream(&text, &size);
	if (!f)
		return -ENOMEM;
	put_config_setup(f, p, caps);
	r = put_conn(f, p, caps);
	if (fclose(f) != 0 && r == 0)
		r = -ENOMEM;
	if (r < 0) {
		ipsec_error_set(error, "ipsec-ike", _("no usable proposal is left"));
		free(text);
		return r;
	}
	*out = text;
	return 0;
}

static void base64_encode(const unsigned char *in, size_t len, char *out)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i = 0;

	for (; i + 2 < len; i += 3) {
		unsigned v = in[i] << 16 | in[i + 1] << 8 | in[i + 2];

		*out++ = alphabet[v >> 18 & 63];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = alphabet[v >> 6 & 63];
		*out++ = alphabet[v & 63];
	}
	if (i < len) {
		unsigned v = in[i] << 16 | (i + 1 < len ? in[i + 1] << 8 : 0);

		*out++ = alphabet[v >> 18 & 63];
		*out++ = alphabet[v >> 12 & 63];
		*out++ = i + 1 < len ? alphabet[v >> 6 & 63] : '=';
		*out++ = '=';
	}
	*out = '\0';
}

/* Selectors for the secret. IKEv1 Main Mode looks the PSK up before the peer's ID is known,
 * by the peer's address (or the configured rightid); "%any" stands for our side. A line with
 * specific indices also outranks a catch-all ": PSK" in a shared system secrets file. */
static void format_secret_indices(const struct ipsec_conn_params *p, char *buf, size_t size)
{
	enum id_kind rid = classify_id(p->remote_id);
	bool gw_ip = is_ip_literal(p->gateway);
	bool rid_usable = rid == ID_IP || rid == ID_FQDN || rid == ID_BARE_NAME;
	bool rid_is_gw = rid == ID_IP && gw_ip && strcmp(p->remote_id, p->gateway) == 0;
	size_t used;

	buf[0] = '\0';
	if (!gw_ip && !rid_usable)
		return;
	used = (size_t)snprintf(buf, size, "%%any%s%s", gw_ip ? " " : "", gw_ip ? p->gateway : "");
	if (rid_usable && !rid_is_gw && used < size)
		used += (size_t)snprintf(buf + used, size - used, " %s%s",
					 rid == ID_BARE_NAME ? "@" : "", p->remote_id);
	if (used < size)
		snprintf(buf + used, size - used, " ");
}

int ipsec_secrets_render(const struct ipsec_conn_params *p, const void *psk, size_t psk_len,
			 char **out, struct ipsec_error *error)
{
	char indices[2 * ID_MAX_LEN + 64];
	size_t encoded_len = (psk_len + 2) / 3 * 4, size;
	char *text;

	*out = NULL;
	if (!p || validate_gateway(p->gateway, error) < 0 ||
	    validate_id("ipsec-remote-id", p->remote_id, true, error) < 0)
		return -EINVAL;
	if (!psk || psk_len == 0 || psk_len > PSK_MAX_LEN) {
		ipsec_error_set(
		    error, "ipsec-psk",
		    _("ipsec-psk: the pre-shared key is missing or longer than %d bytes"),
		    PSK_MAX_LEN);
		return -EINVAL;
	}
	format_secret_indices(p, indices, sizeof(indices));
	/* One exact allocation, so no stray copy of the key is left in freed memory. */
	size = strlen(indices) + strlen(": PSK 0s\n") + encoded_len + 1;
	text = malloc(size);
	if (!text)
		return -ENOMEM;
	snprintf(text, size, "%s: PSK 0s", indices);
	base64_encode(psk, psk_len, text + strlen(text));
	strcat(text, "\n");
	*out = text;
	return 0;
}

void ipsec_secret_free(char *secret)
{
	if (!secret)
		return;
	explicit_bzero(secret, strlen(secret));
	free(secret);
}
