/**
 * Swapping slots by exchanging their sources in the App's spec.
 *
 * <p>A swap is a spec change, never an imperative flip: the reconciler alone moves the Services'
 * selectors, when the staging instance runs production's desired revision and is Ready. This
 * package only writes the exchange, for the {@code swap} command and for autoSwap, in one JSON
 * Patch guarded by the resourceVersion it was computed from.
 */
package io.webgarden.operator.swap;
