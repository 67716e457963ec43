/* The few pppd plugin APIs we use, the same way for pppd 2.4.9 and 2.5.x.
 *
 * 2.5.0 reorganised the plugin API [ppp README; NetworkManager-l2tp's pppd compat header]:
 * new headers (options.h, upap.h, chap.h instead of chap-new.h, pppdconf.h with
 * PPPD_VERSION), notifier lists replaced by ppp_add_notify(NF_*), globals replaced by
 * accessors (ppp_ifname(), ppp_ifunit(), ppp_status()), add_options() renamed
 * ppp_add_options(). Everything version-specific stays in this file.
 *
 * Include this before anything that pulls in <stdbool.h>: pppd 2.4.9's headers typedef their
 * own `bool` (unsigned char), and its structs must be compiled with that definition. */
#pragma once

#if __has_include(<pppd/pppdconf.h>)
#define L2C_PPPD_API_2_5 1
#else
#define L2C_PPPD_API_2_5 0
#endif

#if L2C_PPPD_API_2_5

#include <pppd/pppd.h>
#include <pppd/options.h>
#include <pppd/fsm.h>
#include <pppd/lcp.h>
#include <pppd/ipcp.h>
#include <pppd/upap.h>
#include <pppd/chap.h>

#define L2C_PPPD_VERSION_STRING PPPD_VERSION

static inline void l2c_pppd_add_options(option_t *options)
{
	ppp_add_options(options);
}

static inline void l2c_pppd_on_phase_change(ppp_notify_fn *fn)
{
	ppp_add_notify(NF_PHASE_CHANGE, fn, NULL);
}

static inline void l2c_pppd_on_auth_up(ppp_notify_fn *fn)
{
	ppp_add_notify(NF_AUTH_UP, fn, NULL);
}

static inline void l2c_pppd_on_ip_up(ppp_notify_fn *fn)
{
	ppp_add_notify(NF_IP_UP, fn, NULL);
}

static inline void l2c_pppd_on_ip_down(ppp_notify_fn *fn)
{
	ppp_add_notify(NF_IP_DOWN, fn, NULL);
}

static inline void l2c_pppd_on_exit(ppp_notify_fn *fn)
{
	ppp_add_notify(NF_EXIT, fn, NULL);
}

static inline const char *l2c_pppd_ifname(void)
{
	return ppp_ifname();
}

static inline int l2c_pppd_ifunit(void)
{
	return ppp_ifunit();
}

static inline int l2c_pppd_exit_status(void)
{
	return ppp_status();
}

/* 2.5 keeps the channel fd private: the plugin then does not wait for the peer. */
static inline int l2c_pppd_channel_fd(void)
{
	return -1;
}

#else /* pppd 2.4.x */

/* patchlevel.h defines VERSION, which config.h also defines: this file must not see
 * config.h, and pppd's value is the one the plugin has to export. */
#undef VERSION
#include <pppd/pppd.h>
#include <pppd/fsm.h>
#include <pppd/lcp.h>
#include <pppd/ipcp.h>
#include <pppd/upap.h>
#include <pppd/chap-new.h>

#define L2C_PPPD_VERSION_STRING VERSION

typedef void(ppp_notify_fn)(void *ctx, int arg);

static inline void l2c_pppd_add_options(option_t *options)
{
	add_options(options);
}

static inline void l2c_pppd_on_phase_change(ppp_notify_fn *fn)
{
	add_notifier(&phasechange, fn, NULL);
}

static inline void l2c_pppd_on_auth_up(ppp_notify_fn *fn)
{
	add_notifier(&auth_up_notifier, fn, NULL);
}

static inline void l2c_pppd_on_ip_up(ppp_notify_fn *fn)
{
	add_notifier(&ip_up_notifier, fn, NULL);
}

static inline void l2c_pppd_on_ip_down(ppp_notify_fn *fn)
{
	add_notifier(&ip_down_notifier, fn, NULL);
}

static inline void l2c_pppd_on_exit(ppp_notify_fn *fn)
{
	add_notifier(&exitnotify, fn, NULL);
}

static inline const char *l2c_pppd_ifname(void)
{
	return ifname;
}

static inline int l2c_pppd_ifunit(void)
{
	return ifunit;
}

static inline int l2c_pppd_exit_status(void)
{
	return status;
}

/* The /dev/ppp channel, valid from the establish phase on. */
static inline int l2c_pppd_channel_fd(void)
{
	return fd_ppp;
}

#endif
