/* --test-script: drives the app from a file of commands, one per line, so the GUI test
 * (tests/gui/test-gui.sh) can click through it under Xvfb. Each command prints what it saw
 * on stdout as "gui: ..." lines; screenshots go to the output directory.
 *
 *   menu SHOT            pop the tray menu up, list its items, save SHOT.png
 *   editor SHOT          open the editor, list its profiles, save SHOT.png
 *   edit NAME            open the edit dialog of NAME
 *   set KEY VALUE...     set a field of the open dialog ("vpn.mtu 1300")
 *   page N SHOT          show page N of the dialog and save SHOT.png
 *   save                 click Save; prints "saved" or the error shown
 *   connect NAME         activate NAME's tray menu item
 *   secrets SHOT K=V...  wait for the password dialog, save SHOT.png, fill it in, connect
 *   wait-error SHOT      wait for a failure notice, print it, save SHOT.png
 *   check [SHOT]         print the dialog's error as typed, the marked fields, Save's state
 *   name NAME            type NAME into the dialog's name field
 *   duplicate NAME       duplicate profile NAME (as the editor's button does)
 *   export NAME FILE     export profile NAME to FILE
 *   mnemonics            check that each field of the dialog has a mnemonic of its own
 *   tray                 print how the tray icon shows (appindicator|status-icon) and its icon
 *   pause N              let N ticks (of 300 ms) pass
 *   icons SHOT           show the app's icons in a window, save SHOT.png
 *   quit
 */
#pragma once

#include "gui/gui_app.h"

/* Starts running `script` (read now) with screenshots into `output_dir`. Returns 0 or a
 * negative errno with `error` set. Quits the app after the last command, setting
 * gui->exit_status to 1 when a command failed. */
int l2c_gui_test_script_start(struct l2c_gui *gui, const char *script, const char *output_dir,
			      GError **error);
