#include "config.h"

#include "ppp/ppp_plugin_protocol.h"

#include <errno.h>
#include <string.h>

#define IP_UP_FIXED_LEN 16 /* local, remote, dns1, dns2 */

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* Addresses stay in network byte order on both ends: copied as bytes. */
static void put_addr(uint8_t *p, uint32_t addr)
{
	memcpy(p, &addr, 4);
}

static uint32_t get_addr(const uint8_t *p)
{
	uint32_t addr;

	memcpy(&addr, p, 4);
	return addr;
}

/* An interface name as the kernel accepts it: 1..15 bytes, printable, no '/', no blanks,
 * not "." or "..". */
static int check_ifname(const char *name, size_t len)
{
	if (len == 0 || len > PPP_PLUGIN_IFNAME_MAX)
		return -EINVAL;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c <= ' ' || c >= 0x7f || c == '/' || c == ':')
			return -EINVAL;
	}
	return 0;
}

static ssize_t encode_payload(const struct ppp_plugin_record *rec, uint8_t *p, size_t cap)
{
	size_t len;

	switch (rec->type) {
	case PPP_PLUGIN_RECORD_PASSWORD:
		len = rec->u.password.len;
		if (len > PPP_PLUGIN_SECRET_MAX || memchr(rec->u.password.text, '\0', len))
			return -EINVAL;
		if (cap < len)
			return -ENOSPC;
		memcpy(p, rec->u.password.text, len);
		return len;
	case PPP_PLUGIN_RECORD_PHASE:
		if ((unsigned)rec->u.phase >= PPP_PHASE_COUNT)
			return -EINVAL;
		p[0] = rec->u.phase;
		return 1;
	case PPP_PLUGIN_RECORD_AUTH:
		if (rec->u.auth.success > 1 ||
		    (unsigned)rec->u.auth.method >= PPP_AUTH_METHOD_COUNT)
			return -EINVAL;
		p[0] = rec->u.auth.success;
		p[1] = rec->u.auth.method;
		return 2;
	case PPP_PLUGIN_RECORD_IP_UP:
		len = strnlen(rec->u.ip_up.ifname, sizeof(rec->u.ip_up.ifname));
		if (check_ifname(rec->u.ip_up.ifname, len) < 0)
			return -EINVAL;
		put_addr(p, rec->u.ip_up.local);
		put_addr(p + 4, rec->u.ip_up.remote);
		put_addr(p + 8, rec->u.ip_up.dns[0]);
		put_addr(p + 12, rec->u.ip_up.dns[1]);
		memcpy(p + IP_UP_FIXED_LEN, rec->u.ip_up.ifname, len);
		return IP_UP_FIXED_LEN + len;
	case PPP_PLUGIN_RECORD_IP_DOWN:
		return 0;
	case PPP_PLUGIN_RECORD_EXIT:
	case PPP_PLUGIN_RECORD_TERMINATING:
		if (rec->u.exit_status < 0 || rec->u.exit_status > 255)
			return -EINVAL;
		p[0] = (uint8_t)rec->u.exit_status;
		return 1;
	}
	return -EINVAL;
}

ssize_t ppp_plugin_record_encode(const struct ppp_plugin_record *rec, uint8_t *buf, size_t cap)
{
	uint8_t payload[PPP_PLUGIN_MAX_PAYLOAD];
	ssize_t len = encode_payload(rec, payload, sizeof(payload));

	if (len < 0)
		return len;
	if (cap < PPP_PLUGIN_RECORD_HEADER_LEN + (size_t)len) {
		memset(payload, 0, sizeof(payload));
		return -ENOSPC;
	}
	buf[0] = PPP_PLUGIN_PROTOCOL_VERSION;
	buf[1] = rec->type;
	put_be16(buf + 2, (uint16_t)len);
	memcpy(buf + PPP_PLUGIN_RECORD_HEADER_LEN, payload, len);
	memset(payload, 0, sizeof(payload));
	return PPP_PLUGIN_RECORD_HEADER_LEN + len;
}

static int decode_password(const uint8_t *p, size_t len, struct ppp_plugin_record *rec)
{
	if (len > PPP_PLUGIN_SECRET_MAX || memchr(p, '\0', len))
		return -EBADMSG;
	memcpy(rec->u.password.text, p, len);
	rec->u.password.text[len] = '\0';
	rec->u.password.len = len;
	return 0;
}

static int decode_ip_up(const uint8_t *p, size_t len, struct ppp_plugin_record *rec)
{
	size_t name_len;

	if (len < IP_UP_FIXED_LEN)
		return -EBADMSG;
	name_len = len - IP_UP_FIXED_LEN;
	if (check_ifname((const char *)p + IP_UP_FIXED_LEN, name_len) < 0)
		return -EBADMSG;
	rec->u.ip_up.local = get_addr(p);
	rec->u.ip_up.remote = get_addr(p + 4);
	rec->u.ip_up.dns[0] = get_addr(p + 8);
	rec->u.ip_up.dns[1] = get_addr(p + 12);
	memcpy(rec->u.ip_up.ifname, p + IP_UP_FIXED_LEN, name_len);
	rec->u.ip_up.ifname[name_len] = '\0';
	return 0;
}

static int decode_payload(uint8_t type, const uint8_t *p, size_t len, struct ppp_plugin_record *rec)
{
	rec->type = type;
	switch (type) {
	case PPP_PLUGIN_RECORD_PASSWORD:
		return decode_password(p, len, rec);
	case PPP_PLUGIN_RECORD_PHASE:
		if (len != 1 || p[0] >= PPP_PHASE_COUNT)
			return -EBADMSG;
		rec->u.phase = p[0];
		return 0;
	case PPP_PLUGIN_RECORD_AUTH:
		if (len != 2 || p[0] > 1 || p[1] >= PPP_AUTH_METHOD_COUNT)
			return -EBADMSG;
		rec->u.auth.success = p[0];
		rec->u.auth.method = p[1];
		return 0;
	case PPP_PLUGIN_RECORD_IP_UP:
		return decode_ip_up(p, len, rec);
	case PPP_PLUGIN_RECORD_IP_DOWN:
		return len == 0 ? 0 : -EBADMSG;
	case PPP_PLUGIN_RECORD_EXIT:
	case PPP_PLUGIN_RECORD_TERMINATING:
		if (len != 1)
			return -EBADMSG;
		rec->u.exit_status = p[0];
		return 0;
	}
	return -EBADMSG;
}

int ppp_plugin_record_decode(const uint8_t *buf, size_t len, struct ppp_plugin_record *rec,
			     size_t *consumed)
{
	size_t payload_len;
	int r;

	memset(rec, 0, sizeof(*rec));
	*consumed = 0;
	if (len < PPP_PLUGIN_RECORD_HEADER_LEN)
		return -EAGAIN;
	if (buf[0] != PPP_PLUGIN_PROTOCOL_VERSION)
		return -EPROTONOSUPPORT;
	payload_len = get_be16(buf + 2);
	if (payload_len > PPP_PLUGIN_MAX_PAYLOAD)
		return -EBADMSG;
	if (len < PPP_PLUGIN_RECORD_HEADER_LEN + payload_len)
		return -EAGAIN;
	r = decode_payload(buf[1], buf + PPP_PLUGIN_RECORD_HEADER_LEN, payload_len, rec);
	if (r < 0) {
		ppp_plugin_record_wipe(rec);
		return r;
	}
	*consumed = PPP_PLUGIN_RECORD_HEADER_LEN + payload_len;
	return 0;
}

void ppp_plugin_record_wipe(struct ppp_plugin_record *rec)
{
	/* Volatile stores so the compiler cannot drop the clear of a dying secret. */
	volatile uint8_t *p = (volatile uint8_t *)rec;

	for (size_t i = 0; i < sizeof(*rec); i++)
		p[i] = 0;
}

const char *ppp_auth_method_name(enum ppp_auth_method method)
{
	switch (method) {
	case PPP_AUTH_NONE:
		return "none";
	case PPP_AUTH_PAP:
		return "PAP";
	case PPP_AUTH_CHAP_MD5:
		return "CHAP";
	case PPP_AUTH_MSCHAP:
		return "MS-CHAP";
	case PPP_AUTH_MSCHAP_V2:
		return "MS-CHAPv2";
	case PPP_AUTH_EAP:
		return "EAP";
	case PPP_AUTH_METHOD_COUNT:
		break;
	}
	return "unknown";
}

const char *ppp_phase_name(enum ppp_phase phase)
{
	static const char *const names[PPP_PHASE_COUNT] = {
	    [PPP_PHASE_DEAD] = "dead",
	    [PPP_PHASE_INITIALIZE] = "initialize",
	    [PPP_PHASE_SERIALCONN] = "serial connection",
	    [PPP_PHASE_DORMANT] = "dormant",
	    [PPP_PHASE_ESTABLISH] = "establish",
	    [PPP_PHASE_AUTHENTICATE] = "authenticate",
	    [PPP_PHASE_CALLBACK] = "callback",
	    [PPP_PHASE_NETWORK] = "network",
	    [PPP_PHASE_RUNNING] = "running",
	    [PPP_PHASE_TERMINATE] = "terminate",
	    [PPP_PHASE_DISCONNECT] = "disconnect",
	    [PPP_PHASE_HOLDOFF] = "holdoff",
	    [PPP_PHASE_MASTER] = "master",
	};

	if ((unsigned)phase >= PPP_PHASE_COUNT)
		return "unknown";
	return names[phase];
}
