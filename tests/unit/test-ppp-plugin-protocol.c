/* The plugin channel's records: each type survives a round trip, and the decoder refuses
 * whatever a hostile or broken peer could send. */
#include "config.h"

#include "ppp/ppp_plugin_protocol.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <string.h>

static size_t encode_ok(const struct ppp_plugin_record *rec, uint8_t *buf, size_t cap)
{
	ssize_t n = ppp_plugin_record_encode(rec, buf, cap);

	g_assert_cmpint(n, >=, PPP_PLUGIN_RECORD_HEADER_LEN);
	return (size_t)n;
}

static void round_trip(const struct ppp_plugin_record *in, struct ppp_plugin_record *out)
{
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];
	size_t len = encode_ok(in, buf, sizeof(buf));
	size_t consumed = 0;

	g_assert_cmpint(ppp_plugin_record_decode(buf, len, out, &consumed), ==, 0);
	g_assert_cmpuint(consumed, ==, len);
	g_assert_cmpint(out->type, ==, in->type);
}

static void test_password_round_trip(void)
{
	struct ppp_plugin_record in = {.type = PPP_PLUGIN_RECORD_PASSWORD}, out;
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];

	strcpy(in.u.password.text, "s3cr\xc3\xa9t with spaces\n");
	in.u.password.len = strlen(in.u.password.text);
	round_trip(&in, &out);
	g_assert_cmpstr(out.u.password.text, ==, in.u.password.text);
	g_assert_cmpuint(out.u.password.len, ==, in.u.password.len);
	/* Header layout: version, type, big-endian payload length. */
	g_assert_cmpint(encode_ok(&in, buf, sizeof(buf)), ==, 4 + in.u.password.len);
	g_assert_cmpint(buf[0], ==, PPP_PLUGIN_PROTOCOL_VERSION);
	g_assert_cmpint(buf[1], ==, PPP_PLUGIN_RECORD_PASSWORD);
	g_assert_cmpint(buf[2], ==, 0);
	g_assert_cmpint(buf[3], ==, in.u.password.len);
	ppp_plugin_record_wipe(&out);
	g_assert_cmpint(out.u.password.text[0], ==, 0);
}

static void test_empty_and_longest_password(void)
{
	struct ppp_plugin_record in = {.type = PPP_PLUGIN_RECORD_PASSWORD}, out;
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];

	round_trip(&in, &out);
	g_assert_cmpuint(out.u.password.len, ==, 0);
	g_assert_cmpstr(out.u.password.text, ==, "");

	memset(in.u.password.text, 'x', PPP_PLUGIN_SECRET_MAX);
	in.u.password.len = PPP_PLUGIN_SECRET_MAX;
	round_trip(&in, &out);
	g_assert_cmpuint(out.u.password.len, ==, PPP_PLUGIN_SECRET_MAX);
	in.u.password.len = PPP_PLUGIN_SECRET_MAX + 1;
	g_assert_cmpint(ppp_plugin_record_encode(&in, buf, sizeof(buf)), ==, -EINVAL);
}

static void test_events_round_trip(void)
{
	struct ppp_plugin_record in, out;

	in = (struct ppp_plugin_record){.type = PPP_PLUGIN_RECORD_PHASE,
					.u.phase = PPP_PHASE_AUTHENTICATE};
	round_trip(&in, &out);
	g_assert_cmpint(out.u.phase, ==, PPP_PHASE_AUTHENTICATE);

	in = (struct ppp_plugin_record){.type = PPP_PLUGIN_RECORD_AUTH,
					.u.auth = {.success = 0, .method = PPP_AUTH_MSCHAP_V2}};
	round_trip(&in, &out);
	g_assert_cmpint(out.u.auth.success, ==, 0);
	g_assert_cmpint(out.u.auth.method, ==, PPP_AUTH_MSCHAP_V2);

	in = (struct ppp_plugin_record){.type = PPP_PLUGIN_RECORD_IP_DOWN};
	round_trip(&in, &out);

	in = (struct ppp_plugin_record){.type = PPP_PLUGIN_RECORD_EXIT, .u.exit_status = 19};
	round_trip(&in, &out);
	g_assert_cmpint(out.u.exit_status, ==, 19);
	in = (struct ppp_plugin_record){.type = PPP_PLUGIN_RECORD_TERMINATING,
					.u.exit_status = 15};
	round_trip(&in, &out);
	g_assert_cmpint(out.type, ==, PPP_PLUGIN_RECORD_TERMINATING);
	g_assert_cmpint(out.u.exit_status, ==, 15);
}

static void test_ip_up_round_trip(void)
{
	struct ppp_plugin_record in = {.type = PPP_PLUGIN_RECORD_IP_UP}, out;

	strcpy(in.u.ip_up.ifname, "ppp0");
	in.u.ip_up.local = inet_addr("192.0.2.10");
	in.u.ip_up.remote = inet_addr("192.0.2.1");
	in.u.ip_up.dns[0] = inet_addr("198.51.100.53");
	round_trip(&in, &out);
	g_assert_cmpstr(out.u.ip_up.ifname, ==, "ppp0");
	g_assert_cmphex(out.u.ip_up.local, ==, inet_addr("192.0.2.10"));
	g_assert_cmphex(out.u.ip_up.remote, ==, inet_addr("192.0.2.1"));
	g_assert_cmphex(out.u.ip_up.dns[0], ==, inet_addr("198.51.100.53"));
	g_assert_cmphex(out.u.ip_up.dns[1], ==, 0);

	strcpy(in.u.ip_up.ifname, "abcdefghijklmno"); /* 15: the longest */
	round_trip(&in, &out);
	g_assert_cmpstr(out.u.ip_up.ifname, ==, "abcdefghijklmno");
}

static void test_encoder_refuses_invalid_records(void)
{
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];
	struct ppp_plugin_record rec;

	rec = (struct ppp_plugin_record){.type = PPP_PLUGIN_RECORD_PHASE, .u.phase = 99};
	g_assert_cmpint(ppp_plugin_record_encode(&rec, buf, sizeof(buf)), ==, -EINVAL);
	rec = (struct ppp_plugin_record){.type = PPP_PLUGIN_RECORD_EXIT, .u.exit_status = 300};
	g_assert_cmpint(ppp_plugin_record_encode(&rec, buf, sizeof(buf)), ==, -EINVAL);
	rec = (struct ppp_plugin_record){.type = PPP_PLUGIN_RECORD_IP_UP};
	g_assert_cmpint(ppp_plugin_record_encode(&rec, buf, sizeof(buf)), ==, -EINVAL);
	strcpy(rec.u.ip_up.ifname, "a/b");
	g_assert_cmpint(ppp_plugin_record_encode(&rec, buf, sizeof(buf)), ==, -EINVAL);
	rec = (struct ppp_plugin_record){.type = PPP_PLUGIN_RECORD_PASSWORD};
	memcpy(rec.u.password.text, "a\0b", 3);
	rec.u.password.len = 3;
	g_assert_cmpint(ppp_plugin_record_encode(&rec, buf, sizeof(buf)), ==, -EINVAL);
	rec = (struct ppp_plugin_record){.type = 42};
	g_assert_cmpint(ppp_plugin_record_encode(&rec, buf, sizeof(buf)), ==, -EINVAL);
	rec = (struct ppp_plugin_record){.type = PPP_PLUGIN_RECORD_EXIT, .u.exit_status = 1};
	g_assert_cmpint(ppp_plugin_record_encode(&rec, buf, 4), ==, -ENOSPC);
	g_assert_cmpint(ppp_plugin_record_encode(&rec, buf, 5), ==, 5);
}

static void test_every_prefix_needs_more(void)
{
	struct ppp_plugin_record in = {.type = PPP_PLUGIN_RECORD_IP_UP}, out;
	uint8_t buf[PPP_PLUGIN_RECORD_MAX];
	size_t len, consumed;

	strcpy(in.u.ip_up.ifname, "ppp12");
	len = encode_ok(&in, buf, sizeof(buf));
	for (size_t i = 0; i < len; i++) {
		consumed = 99;
		g_assert_cmpint(ppp_plugin_record_decode(buf, i, &out, &consumed), ==, -EAGAIN);
		g_assert_cmpuint(consumed, ==, 0);
	}
}

static void test_stream_of_records(void)
{
	struct ppp_plugin_record recs[3] = {
	    {.type = PPP_PLUGIN_RECORD_PHASE, .u.phase = PPP_PHASE_ESTABLISH},
	    {.type = PPP_PLUGIN_RECORD_IP_DOWN},
	    {.type = PPP_PLUGIN_RECORD_EXIT, .u.exit_status = 5},
	};
	uint8_t buf[3 * PPP_PLUGIN_RECORD_MAX];
	size_t len = 0, off = 0;
	struct ppp_plugin_record out;

	for (int i = 0; i < 3; i++)
		len += encode_ok(&recs[i], buf + len, sizeof(buf) - len);
	for (int i = 0; i < 3; i++) {
		size_t consumed;

		g_assert_cmpint(ppp_plugin_record_decode(buf + off, len - off, &out, &consumed), ==,
				0);
		g_assert_cmpint(out.type, ==, recs[i].type);
		off += consumed;
	}
	g_assert_cmpuint(off, ==, len);
}

static void assert_decode(const uint8_t *bytes, size_t len, int expected)
{
	struct ppp_plugin_record out;
	size_t consumed = 99;

	g_assert_cmpint(ppp_plugin_record_decode(bytes, len, &out, &consumed), ==, expected);
	if (expected != 0)
		g_assert_cmpuint(consumed, ==, 0);
}

static void test_decoder_refuses_malformed(void)
{
	const uint8_t wrong_version[] = {2, PPP_PLUGIN_RECORD_IP_DOWN, 0, 0};
	const uint8_t unknown_type[] = {1, 200, 0, 0};
	const uint8_t huge_length[] = {1, PPP_PLUGIN_RECORD_PASSWORD, 0xff, 0xff};
	const uint8_t phase_too_long[] = {1, PPP_PLUGIN_RECORD_PHASE, 0, 2, 1, 1};
	const uint8_t phase_out_of_range[] = {1, PPP_PLUGIN_RECORD_PHASE, 0, 1, 13};
	const uint8_t auth_bad_result[] = {1, PPP_PLUGIN_RECORD_AUTH, 0, 2, 2, 1};
	const uint8_t auth_bad_method[] = {1, PPP_PLUGIN_RECORD_AUTH, 0, 2, 1, 6};
	const uint8_t ip_down_with_payload[] = {1, PPP_PLUGIN_RECORD_IP_DOWN, 0, 1, 0};
	const uint8_t exit_empty[] = {1, PPP_PLUGIN_RECORD_EXIT, 0, 0};
	const uint8_t password_with_nul[] = {1, PPP_PLUGIN_RECORD_PASSWORD, 0, 3, 'a', 0, 'b'};
	uint8_t ip_up[4 + 16 + 16] = {1, PPP_PLUGIN_RECORD_IP_UP, 0, 16};
	uint8_t long_password[4 + 256] = {1, PPP_PLUGIN_RECORD_PASSWORD, 1, 0};

	assert_decode(wrong_version, sizeof(wrong_version), -EPROTONOSUPPORT);
	assert_decode(unknown_type, sizeof(unknown_type), -EBADMSG);
	assert_decode(huge_length, sizeof(huge_length), -EBADMSG);
	assert_decode(phase_too_long, sizeof(phase_too_long), -EBADMSG);
	assert_decode(phase_out_of_range, sizeof(phase_out_of_range), -EBADMSG);
	assert_decode(auth_bad_result, sizeof(auth_bad_result), -EBADMSG);
	assert_decode(auth_bad_method, sizeof(auth_bad_method), -EBADMSG);
	assert_decode(ip_down_with_payload, sizeof(ip_down_with_payload), -EBADMSG);
	assert_decode(exit_empty, sizeof(exit_empty), -EBADMSG);
	assert_decode(password_with_nul, sizeof(password_with_nul), -EBADMSG);
	memset(long_password + 4, 'x', 256);
	assert_decode(long_password, sizeof(long_password), -EBADMSG);

	/* IP up without an interface name, with a 16-byte one, with a slash or a space. */
	assert_decode(ip_up, 20, -EBADMSG);
	ip_up[3] = 32;
	memset(ip_up + 20, 'p', 16);
	assert_decode(ip_up, 36, -EBADMSG);
	ip_up[3] = 20;
	memcpy(ip_up + 20, "pp/0", 4);
	assert_decode(ip_up, 24, -EBADMSG);
	memcpy(ip_up + 20, "pp 0", 4);
	assert_decode(ip_up, 24, -EBADMSG);
	memcpy(ip_up + 20, "ppp0", 4);
	assert_decode(ip_up, 24, 0);
}

static void test_random_bytes_never_crash(void)
{
	GRand *rand = g_rand_new_with_seed(4242);
	uint8_t buf[64];

	for (int round = 0; round < 20000; round++) {
		size_t len = g_rand_int_range(rand, 0, sizeof(buf) + 1);
		struct ppp_plugin_record out;
		size_t consumed;
		int r;

		for (size_t i = 0; i < len; i++)
			buf[i] = (uint8_t)g_rand_int(rand);
		if (len > 0 && g_rand_boolean(rand))
			buf[0] = PPP_PLUGIN_PROTOCOL_VERSION;
		if (len > 3 && g_rand_boolean(rand))
			buf[2] = 0, buf[3] = (uint8_t)(len - 4);
		r = ppp_plugin_record_decode(buf, len, &out, &consumed);
		if (r == 0)
			g_assert_cmpuint(consumed, <=, len);
		else
			g_assert_true(r == -EAGAIN || r == -EBADMSG || r == -EPROTONOSUPPORT);
	}
	g_rand_free(rand);
}

static void test_names(void)
{
	g_assert_cmpstr(ppp_auth_method_name(PPP_AUTH_MSCHAP_V2), ==, "MS-CHAPv2");
	g_assert_cmpstr(ppp_auth_method_name(PPP_AUTH_PAP), ==, "PAP");
	g_assert_cmpstr(ppp_auth_method_name(77), ==, "unknown");
	g_assert_cmpstr(ppp_phase_name(PPP_PHASE_RUNNING), ==, "running");
	g_assert_cmpstr(ppp_phase_name(PPP_PHASE_COUNT), ==, "unknown");
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/ppp-plugin-protocol/password", test_password_round_trip);
	g_test_add_func("/ppp-plugin-protocol/password-bounds", test_empty_and_longest_password);
	g_test_add_func("/ppp-plugin-protocol/events", test_events_round_trip);
	g_test_add_func("/ppp-plugin-protocol/ip-up", test_ip_up_round_trip);
	g_test_add_func("/ppp-plugin-protocol/encoder-refuses",
			test_encoder_refuses_invalid_records);
	g_test_add_func("/ppp-plugin-protocol/prefix-needs-more", test_every_prefix_needs_more);
	g_test_add_func("/ppp-plugin-protocol/stream", test_stream_of_records);
	g_test_add_func("/ppp-plugin-protocol/decoder-refuses", test_decoder_refuses_malformed);
	g_test_add_func("/ppp-plugin-protocol/random-bytes", test_random_bytes_never_crash);
	g_test_add_func("/ppp-plugin-protocol/names", test_names);
	return g_test_run();
}
