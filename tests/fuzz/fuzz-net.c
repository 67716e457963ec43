/* libFuzzer target for what core/net/ reads from outside: the kernel's rtnetlink replies
 * (nl_reply_parse, nl_route_parse) and a profile's split routes (net_split_route_parse).
 * The first byte picks the parser; each gets an exact-size copy for ASan to guard. */
#include "config.h"

#include "net/netlink_route_msg.h"
#include "net/split_route.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_netlink(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	struct nl_reply reply = {0};
	struct nl_route route;
	char text[160];

	if (!copy)
		return;
	memcpy(copy, data, size);
	/* The seeds use sequence 1 and port 0, so the fuzzer reaches the message parsers. */
	if (nl_reply_parse(copy, size, 1, 0, &reply) == 0 && reply.has_route)
		nl_route_describe(&reply.route, NULL, text, sizeof(text));
	if (nl_route_parse(copy, size, &route) == 0)
		nl_route_describe(&route, "ppp0", text, sizeof(text));
	free(copy);
}

static void fuzz_split_route(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct net_split_route route;
	struct net_error error;

	if (!text)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	(void)net_split_route_parse("ipv4.route1", text, &route, &error);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 1)
		fuzz_split_route(data + 1, size - 1);
	else
		fuzz_netlink(data + 1, size - 1);
	return 0;
}
