# core/l2tp: the RFC 2661 LAC engine. Codec (pure), reliable delivery and the tunnel and
# session state machines (pure, transport and clock as parameters), and the GLib edge.
L2TP_PURE_SOURCES = \
	core/l2tp/l2tp_codec.h

core_libl2c_core_a_SOURCES += $(L2TP_PURE_SOURCES)
core_libl2c_pure_asan_a_SOURCES += $(L2TP_PURE_SOURCES)
