/* The reconnect back-off: doubling from the first delay up to the cap, jitter that stays within
 * its share on both sides, and the attempt limit. */
#include "config.h"

#include "daemon/reconnect_backoff.h"

#include <glib.h>

static const struct l2c_backoff no_jitter = {
    .first_ms = 1000, .max_ms = 60000, .jitter_permille = 0, .max_attempts = 10};

static void test_doubles_up_to_the_cap(void)
{
	static const unsigned expected[] = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};

	for (unsigned i = 0; i < G_N_ELEMENTS(expected); i++)
		g_assert_cmpuint(l2c_backoff_delay_ms(&no_jitter, i + 1, 12345), ==, expected[i]);
	/* Far beyond the cap nothing overflows. */
	g_assert_cmpuint(l2c_backoff_delay_ms(&no_jitter, 1000, 0), ==, 60000);
	g_assert_cmpuint(l2c_backoff_delay_ms(&no_jitter, G_MAXUINT, 0), ==, 60000);
	/* Attempt 0 is treated as the first. */
	g_assert_cmpuint(l2c_backoff_delay_ms(&no_jitter, 0, 0), ==, 1000);
}

static void test_jitter_stays_within_its_share(void)
{
	const struct l2c_backoff *policy = &l2c_backoff_default;
	unsigned lowest = G_MAXUINT, highest = 0;
	GRand *rand = g_rand_new_with_seed(42);

	for (int i = 0; i < 10000; i++) {
		unsigned d = l2c_backoff_delay_ms(policy, 3, g_rand_int(rand));

		lowest = MIN(lowest, d);
		highest = MAX(highest, d);
	}
	g_rand_free(rand);
	/* 4 s ± 20 %, and the spread is actually used. */
	g_assert_cmpuint(lowest, >=, 3200);
	g_assert_cmpuint(highest, <=, 4800);
	g_assert_cmpuint(lowest, <, 3400);
	g_assert_cmpuint(highest, >, 4600);
	/* The extremes of the random value map to the extremes of the range. */
	g_assert_cmpuint(l2c_backoff_delay_ms(policy, 1, 0), ==, 800);
	g_assert_cmpuint(l2c_backoff_delay_ms(policy, 1, 400), ==, 1200);
	g_assert_cmpuint(l2c_backoff_delay_ms(policy, 20, G_MAXUINT32), <=, 72000);
}

static void test_attempt_limit(void)
{
	struct l2c_backoff forever = no_jitter;

	g_assert_true(l2c_backoff_may_retry(&no_jitter, 1));
	g_assert_true(l2c_backoff_may_retry(&no_jitter, 10));
	g_assert_false(l2c_backoff_may_retry(&no_jitter, 11));
	forever.max_attempts = 0;
	g_assert_true(l2c_backoff_may_retry(&forever, 100000));
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/daemon/backoff/doubles-up-to-the-cap", test_doubles_up_to_the_cap);
	g_test_add_func("/daemon/backoff/jitter-within-share", test_jitter_stays_within_its_share);
	g_test_add_func("/daemon/backoff/attempt-limit", test_attempt_limit);
	return g_test_run();
}
