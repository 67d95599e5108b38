/**
 * The API part: the Spring Boot API's ConfigMap, Deployment, Service, PodDisruptionBudget and
 * optional HorizontalPodAutoscaler, and how a rollout is judged; contributes ApiReady.
 */
package io.telemetra.operator.apiworkload;
