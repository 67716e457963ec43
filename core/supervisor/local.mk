# core/supervisor: the connection pipeline (GLib), from profile to connected and back.
core_libl2c_core_a_SOURCES += \
	core/supervisor/connection.c \
	core/supervisor/connection.h \
	core/supervisor/connection_down.c \
	core/supervisor/connection_private.h \
	core/supervisor/connection_up.c \
	core/supervisor/profile_adapters.c \
	core/supervisor/profile_adapters.h
