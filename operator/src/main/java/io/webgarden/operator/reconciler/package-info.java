/**
 * The JOSDK side: one thin reconciler and one dependent per owned object.
 *
 * <p>{@link io.webgarden.operator.reconciler.AppReconciler} reads what the cache holds, asks the
 * pure {@code model} package for the slot plan and hands it to the dependents through the context,
 * then invokes the workflow explicitly and writes status through {@link
 * io.webgarden.operator.reconciler.StatusChanges}, only when it changed. Each dependent computes
 * {@code desired()} from the model and nothing else; optional objects (staging Service, the second
 * Deployment, HPA, PDB) hang on {@link io.webgarden.operator.reconciler.Preconditions}, whose
 * failure makes JOSDK delete them. Owner references make the cluster garbage-collect everything
 * when the App goes, so there is no finalizer.
 */
package io.webgarden.operator.reconciler;
