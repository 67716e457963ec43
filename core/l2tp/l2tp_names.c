#include "config.h"

#include "l2tp/l2tp_codec.h"

#include "util/i18n.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* RFC 2661 §3.2 mnemonics: protocol terms for logs, so not translated. */
static const char *const message_type_names[] = {
    [L2TP_MSG_ZLB] = "ZLB",	[L2TP_MSG_SCCRQ] = "SCCRQ",	[L2TP_MSG_SCCRP] = "SCCRP",
    [L2TP_MSG_SCCCN] = "SCCCN", [L2TP_MSG_STOPCCN] = "StopCCN", [L2TP_MSG_HELLO] = "HELLO",
    [L2TP_MSG_OCRQ] = "OCRQ",	[L2TP_MSG_OCRP] = "OCRP",	[L2TP_MSG_OCCN] = "OCCN",
    [L2TP_MSG_ICRQ] = "ICRQ",	[L2TP_MSG_ICRP] = "ICRP",	[L2TP_MSG_ICCN] = "ICCN",
    [L2TP_MSG_CDN] = "CDN",	[L2TP_MSG_WEN] = "WEN",		[L2TP_MSG_SLI] = "SLI",
};

static const char *const avp_type_names[] = {
    [L2TP_AVP_MESSAGE_TYPE] = "Message Type",
    [L2TP_AVP_RESULT_CODE] = "Result Code",
    [L2TP_AVP_PROTOCOL_VERSION] = "Protocol Version",
    [L2TP_AVP_FRAMING_CAPABILITIES] = "Framing Capabilities",
    [L2TP_AVP_BEARER_CAPABILITIES] = "Bearer Capabilities",
    [L2TP_AVP_TIE_BREAKER] = "Tie Breaker",
    [L2TP_AVP_FIRMWARE_REVISION] = "Firmware Revision",
    [L2TP_AVP_HOST_NAME] = "Host Name",
    [L2TP_AVP_VENDOR_NAME] = "Vendor Name",
    [L2TP_AVP_ASSIGNED_TUNNEL_ID] = "Assigned Tunnel ID",
    [L2TP_AVP_RECEIVE_WINDOW_SIZE] = "Receive Window Size",
    [L2TP_AVP_CHALLENGE] = "Challenge",
    [L2TP_AVP_Q931_CAUSE] = "Q.931 Cause Code",
    [L2TP_AVP_CHALLENGE_RESPONSE] = "Challenge Response",
    [L2TP_AVP_ASSIGNED_SESSION_ID] = "Assigned Session ID",
    [L2TP_AVP_CALL_SERIAL_NUMBER] = "Call Serial Number",
    [L2TP_AVP_MINIMUM_BPS] = "Minimum BPS",
    [L2TP_AVP_MAXIMUM_BPS] = "Maximum BPS",
    [L2TP_AVP_BEARER_TYPE] = "Bearer Type",
    [L2TP_AVP_FRAMING_TYPE] = "Framing Type",
    [L2TP_AVP_CALLED_NUMBER] = "Called Number",
    [L2TP_AVP_CALLING_NUMBER] = "Calling Number",
    [L2TP_AVP_SUB_ADDRESS] = "Sub-Address",
    [L2TP_AVP_TX_CONNECT_SPEED] = "(Tx) Connect Speed",
    [L2TP_AVP_PHYSICAL_CHANNEL_ID] = "Physical Channel ID",
    [L2TP_AVP_INITIAL_RECEIVED_LCP_CONFREQ] = "Initial Received LCP CONFREQ",
    [L2TP_AVP_LAST_SENT_LCP_CONFREQ] = "Last Sent LCP CONFREQ",
    [L2TP_AVP_LAST_RECEIVED_LCP_CONFREQ] = "Last Received LCP CONFREQ",
    [L2TP_AVP_PROXY_AUTHEN_TYPE] = "Proxy Authen Type",
    [L2TP_AVP_PROXY_AUTHEN_NAME] = "Proxy Authen Name",
    [L2TP_AVP_PROXY_AUTHEN_CHALLENGE] = "Proxy Authen Challenge",
    [L2TP_AVP_PROXY_AUTHEN_ID] = "Proxy Authen ID",
    [L2TP_AVP_PROXY_AUTHEN_RESPONSE] = "Proxy Authen Response",
    [L2TP_AVP_CALL_ERRORS] = "Call Errors",
    [L2TP_AVP_ACCM] = "ACCM",
    [L2TP_AVP_RANDOM_VECTOR] = "Random Vector",
    [L2TP_AVP_PRIVATE_GROUP_ID] = "Private Group ID",
    [L2TP_AVP_RX_CONNECT_SPEED] = "Rx Connect Speed",
    [L2TP_AVP_SEQUENCING_REQUIRED] = "Sequencing Required",
};

/* §4.4.2, StopCCN Result Codes. */
static const char *const stopccn_results[] = {
    [1] = N_("the server closed the control connection"),
    [2] = N_("the server closed the control connection because of an error (see the error code)"),
    [3] = N_("a control connection to this server already exists"),
    [4] = N_("the server does not allow this client to open a tunnel"),
    [5] = N_("the server does not support our L2TP protocol version"),
    [6] = N_("the server is shutting down"),
    [7] = N_("the server saw a protocol state machine error"),
};

/* §4.4.2, CDN Result Codes. */
static const char *const cdn_results[] = {
    [1] = N_("the call was disconnected: loss of carrier"),
    [2] = N_("the call was disconnected because of an error (see the error code)"),
    [3] = N_("the call was disconnected for administrative reasons"),
    [4] = N_("the call failed: no suitable facilities available for now"),
    [5] = N_("the call failed: no suitable facilities available at all"),
    [6] = N_("the call failed: invalid destination"),
    [7] = N_("the call failed: no carrier detected"),
    [8] = N_("the call failed: busy signal"),
    [9] = N_("the call failed: no dial tone"),
    [10] = N_("the call was not established in the time allowed"),
    [11] = N_("the call was connected but no suitable framing was detected"),
};

/* §4.4.2, General Error Codes, shared by both messages. */
static const char *const error_codes[] = {
    [0] = N_("no general error"),
    [1] = N_("no control connection exists yet between client and server"),
    [2] = N_("a message had a wrong length"),
    [3] = N_("a field value was out of range or a reserved field was not zero"),
    [4] = N_("not enough resources to handle the request now"),
    [5] = N_("the session ID is invalid in this context"),
    [6] = N_("a vendor-specific error occurred"),
    [7] = N_("try another server"),
    [8] = N_("an unknown mandatory attribute (AVP with the M bit) was received"),
};

static const char *lookup(const char *const *table, size_t size, unsigned int index)
{
	return index < size ? table[index] : NULL;
}

const char *l2tp_message_type_name(enum l2tp_message_type type)
{
	const char *name = lookup(message_type_names, ARRAY_SIZE(message_type_names), type);

	return name ? name : "unknown";
}

bool l2tp_message_type_is_known(uint16_t type)
{
	return lookup(message_type_names, ARRAY_SIZE(message_type_names), type) != NULL;
}

const char *l2tp_avp_type_name(uint16_t type)
{
	const char *name = lookup(avp_type_names, ARRAY_SIZE(avp_type_names), type);

	return name ? name : "unknown";
}

const char *l2tp_result_code_describe(enum l2tp_message_type carried_in, uint16_t result)
{
	const char *text = NULL;

	if (carried_in == L2TP_MSG_STOPCCN)
		text = lookup(stopccn_results, ARRAY_SIZE(stopccn_results), result);
	else if (carried_in == L2TP_MSG_CDN)
		text = lookup(cdn_results, ARRAY_SIZE(cdn_results), result);
	return text ? _(text) : _("unknown result code");
}

const char *l2tp_error_code_describe(uint16_t error)
{
	const char *text = lookup(error_codes, ARRAY_SIZE(error_codes), error);

	return text ? _(text) : _("unknown error code");
}
