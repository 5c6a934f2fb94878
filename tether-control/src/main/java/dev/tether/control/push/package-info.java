/**
 * Web Push, with the JDK's crypto only: the server's VAPID key pair (generated once, kept in the control
 * database), the browsers' subscriptions, payload encryption (RFC 8291, {@code aes128gcm} of RFC 8188),
 * VAPID authorization (RFC 8292), and the notifier that posts to each subscription when an approval or
 * input is needed. Knows nothing of HTTP routes (the web package exposes it) or of the views.
 */
package dev.tether.control.push;
