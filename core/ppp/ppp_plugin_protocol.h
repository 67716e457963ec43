/* The channel between our pppd plugin (core/ppp/plugin/) and the process that launched pppd.
 *
 * pppd inherits one end of a socketpair and is told its number with the plugin option
 * `l2tp-connect-fd N`. The controller sends the password (never in argv or the environment);
 * the plugin reports phase changes, the authentication result, IP up/down and pppd's exit.
 *
 * Wire format, one record after another:
 *   version (1 byte, PPP_PLUGIN_PROTOCOL_VERSION) | type (1) | payload length (2, big endian)
 *   | payload
 * Both ends are built from the same tree, so an unknown version or type is an error, not
 * something to skip. Pure: no sockets, no GLib, and no <stdbool.h> here because pppd 2.4.9's
 * headers define their own `bool`. */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PPP_PLUGIN_PROTOCOL_VERSION  1
#define PPP_PLUGIN_RECORD_HEADER_LEN 4
#define PPP_PLUGIN_MAX_PAYLOAD	     512
#define PPP_PLUGIN_RECORD_MAX	     (PPP_PLUGIN_RECORD_HEADER_LEN + PPP_PLUGIN_MAX_PAYLOAD)
#define PPP_PLUGIN_SECRET_MAX	     255 /* pppd's MAXSECRETLEN (256) less its NUL */
#define PPP_PLUGIN_IFNAME_MAX	     15	 /* IFNAMSIZ less the NUL */

/* The plugin option that names the inherited channel fd. */
#define PPP_PLUGIN_FD_OPTION "l2tp-connect-fd"
/* The plugin option that lets LCP wait up to N ms for the peer's first packet. */
#define PPP_PLUGIN_WAIT_PEER_OPTION "l2tp-connect-wait-peer-ms"
#define PPP_PLUGIN_WAIT_PEER_MAX_MS 10000

enum ppp_plugin_record_type {
	PPP_PLUGIN_RECORD_PASSWORD =
	    1, /* controller → plugin: the secret for PAP/CHAP/MS-CHAP/EAP */
	PPP_PLUGIN_RECORD_PHASE = 2,   /* pppd's link phase changed */
	PPP_PLUGIN_RECORD_AUTH = 3,    /* we authenticated to the peer, or failed to */
	PPP_PLUGIN_RECORD_IP_UP = 4,   /* IPCP is up: interface and addresses */
	PPP_PLUGIN_RECORD_IP_DOWN = 5, /* IPCP went down */
	PPP_PLUGIN_RECORD_EXIT = 6,    /* pppd is exiting with this status */
	/* pppd entered its terminate phase; the status it had set by then (exit_status) is why.
	 * Its final exit status may differ: a link it closes because echoes went unanswered
	 * ends with the L2TP session hanging up, which pppd reports as a modem hang-up. */
	PPP_PLUGIN_RECORD_TERMINATING = 7,
};

/* pppd's link phases; the values are ours (the plugin maps pppd's onto them) so the protocol
 * does not change with pppd's headers. */
enum ppp_phase {
	PPP_PHASE_DEAD = 0,
	PPP_PHASE_INITIALIZE,
	PPP_PHASE_SERIALCONN,
	PPP_PHASE_DORMANT,
	PPP_PHASE_ESTABLISH,
	PPP_PHASE_AUTHENTICATE,
	PPP_PHASE_CALLBACK,
	PPP_PHASE_NETWORK,
	PPP_PHASE_RUNNING,
	PPP_PHASE_TERMINATE,
	PPP_PHASE_DISCONNECT,
	PPP_PHASE_HOLDOFF,
	PPP_PHASE_MASTER,
	PPP_PHASE_COUNT,
};

/* The method the peer asked us to authenticate with [RFC 1334, 1994, 2433, 2759, 3748]. */
enum ppp_auth_method {
	PPP_AUTH_NONE = 0,
	PPP_AUTH_PAP,
	PPP_AUTH_CHAP_MD5,
	PPP_AUTH_MSCHAP,
	PPP_AUTH_MSCHAP_V2,
	PPP_AUTH_EAP,
	PPP_AUTH_METHOD_COUNT,
};

/* Addresses in network byte order; 0 means "not given". */
struct ppp_plugin_ip_config {
	char ifname[PPP_PLUGIN_IFNAME_MAX + 1];
	uint32_t local;
	uint32_t remote; /* 0 when the peer gave none and pppd invented 10.64.64.64+unit */
	uint32_t dns[2];
};

struct ppp_plugin_record {
	enum ppp_plugin_record_type type;
	union {
		struct {
			size_t len;
			char text[PPP_PLUGIN_SECRET_MAX + 1]; /* NUL-terminated */
		} password;
		enum ppp_phase phase;
		struct {
			uint8_t success;
			enum ppp_auth_method method;
		} auth;
		struct ppp_plugin_ip_config ip_up;
		int exit_status; /* 0..255; EXIT and TERMINATING */
	} u;
};

/* Writes one record into `buf`. Returns its length, -ENOSPC, or -EINVAL for a record that
 * could not be decoded (out-of-range values, a password with a NUL, a bad interface name). */
ssize_t ppp_plugin_record_encode(const struct ppp_plugin_record *rec, uint8_t *buf, size_t cap);

/* Reads one record from the start of `buf`. Returns 0 and sets *consumed; -EAGAIN when
 * `buf` holds only part of a record; -EPROTONOSUPPORT for another protocol version; -EBADMSG
 * for anything malformed. After an error other than -EAGAIN the stream cannot be resynced:
 * close the channel. */
int ppp_plugin_record_decode(const uint8_t *buf, size_t len, struct ppp_plugin_record *rec,
			     size_t *consumed);

/* Clears the record (the password lives in it). */
void ppp_plugin_record_wipe(struct ppp_plugin_record *rec);

/* Short English names for logs and messages: "MS-CHAPv2", "authenticate". */
const char *ppp_auth_method_name(enum ppp_auth_method method);
const char *ppp_phase_name(enum ppp_phase phase);
