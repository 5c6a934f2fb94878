/** The one configured Jackson mapper and the helpers that map the API's "one of" types. */
package dev.tether.api.json;
