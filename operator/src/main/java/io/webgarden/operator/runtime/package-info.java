/**
 * Assembling an operator process: the JOSDK {@code Operator}, its namespaces, leader election,
 * metrics and whether it speaks server-side apply. The main command and the integration tests build
 * the operator through the same {@link io.webgarden.operator.runtime.WebgardenOperator}, so what
 * the tests drive is what ships; they differ only in {@code serverSideApply}, which the mock API
 * server cannot take.
 */
package io.webgarden.operator.runtime;
