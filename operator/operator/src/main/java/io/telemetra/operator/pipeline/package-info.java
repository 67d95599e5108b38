/**
 * What every part of a pipeline shares: the names and labels of its objects ({@link
 * io.telemetra.operator.pipeline.PipelineNames}), the owned-object base ({@link
 * io.telemetra.operator.pipeline.PipelineChild}), Secrets read only through the informer ({@link
 * io.telemetra.operator.pipeline.ReferencedSecrets}), the workloads' environment and pod templates,
 * the polling machinery of the external parts and the problems a part reports.
 */
package io.telemetra.operator.pipeline;
