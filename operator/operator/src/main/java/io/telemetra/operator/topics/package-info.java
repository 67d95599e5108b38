/**
 * The Kafka topics part: the five topics of a pipeline, created, checked for ownership and grown
 * through one shared Admin client per cluster and credentials; observed by a pooled poll;
 * contributes TopicsReady.
 */
package io.telemetra.operator.topics;
