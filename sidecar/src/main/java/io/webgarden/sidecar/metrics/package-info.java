/**
 * The sidecar's Prometheus metrics, in one place so every name and label is defined once.
 * Applications are labelled by their script's site-relative path; requests the sidecar answers
 * itself (static files, redirects, errors) carry {@code app="-"}.
 */
package io.webgarden.sidecar.metrics;
