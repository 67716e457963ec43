#include "config.h"

#include "daemon/reconnect_backoff.h"

const struct l2c_backoff l2c_backoff_default = {
    .first_ms = 1000,
    .max_ms = 60000,
    .jitter_permille = 200,
    .max_attempts = 10,
};

static uint64_t exponential_ms(const struct l2c_backoff *policy, unsigned attempt)
{
	uint64_t delay = policy->first_ms;

	for (unsigned i = 1; i < attempt && delay < policy->max_ms; i++)
		delay *= 2;
	return delay < policy->max_ms ? delay : policy->max_ms;
}

unsigned l2c_backoff_delay_ms(const struct l2c_backoff *policy, unsigned attempt, uint32_t random)
{
	uint64_t delay = exponential_ms(policy, attempt ? attempt : 1);
	uint64_t span = delay * policy->jitter_permille / 1000;
	/* random spread over [-span, +span] */
	uint64_t offset = span ? random % (2 * span + 1) : 0;

	return (unsigned)(delay - span + offset);
}

bool l2c_backoff_may_retry(const struct l2c_backoff *policy, unsigned attempt)
{
	return policy->max_attempts == 0 || attempt <= policy->max_attempts;
}
