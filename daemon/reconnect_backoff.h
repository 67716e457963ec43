/* When to try again after a connection went down by itself: exponential back-off with
 * jitter, so a server that restarts is not hit by every client in the same second, and a
 * limit, so a server that is gone for good (or a password that changed) is not retried
 * forever. Pure: the caller supplies the randomness. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

struct l2c_backoff {
	unsigned first_ms;	  /* before the first attempt */
	unsigned max_ms;	  /* the delay stops growing here (jitter aside) */
	unsigned jitter_permille; /* each delay is moved by up to ± this share */
	unsigned max_attempts;	  /* failed attempts in a row before giving up; 0: never */
};

/* 1 s, 2 s, 4 s, ... 60 s, ±20 %, 10 attempts. */
extern const struct l2c_backoff l2c_backoff_default;

/* The delay before attempt `attempt` (1 for the first), `random` any 32-bit random value. */
unsigned l2c_backoff_delay_ms(const struct l2c_backoff *policy, unsigned attempt, uint32_t random);

/* Whether attempt `attempt` may still be made. */
bool l2c_backoff_may_retry(const struct l2c_backoff *policy, unsigned attempt);
