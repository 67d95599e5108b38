package io.telemetra.api.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that never reads the database, so the OpenAPI document does not promise it a
 * {@code 503 database-unavailable} answer it cannot give.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface TouchesNoData {}
