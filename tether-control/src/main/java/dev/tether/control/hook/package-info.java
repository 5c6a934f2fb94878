/**
 * Claude Code's hooks as Tether uses them: the settings object a launch passes to claude
 * ({@link dev.tether.control.hook.HookSettings}), and the server side of {@code tether hook EVENT}
 * ({@link dev.tether.control.hook.HookService}), which turns each hook payload into session events and,
 * in away mode, into approvals and remote messages whose answers go back to claude as the hook's output.
 *
 * <p>Goes through {@link dev.tether.control.ControlService}, never the store; knows no HTTP (the routes
 * live in {@code web}).
 */
package dev.tether.control.hook;
