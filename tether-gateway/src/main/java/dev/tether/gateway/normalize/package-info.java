/**
 * Request normalisation (PRODUCT.md §1): what the gateway fixes in every request before a backend
 * sees it. Pure functions over the API records; no HTTP.
 */
package dev.tether.gateway.normalize;
