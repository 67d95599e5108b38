/**
 * The Postgres schema part: the Flyway migrations of a pipeline's database, table ownership, and
 * what the streaming job recorded there (checkpoint resets, Kafka data loss, its ledger); observed
 * by a pooled poll; contributes SchemaReady, CheckpointReset and KafkaDataLoss.
 */
package io.telemetra.operator.schema;
