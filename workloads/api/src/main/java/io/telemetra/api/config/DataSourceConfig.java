package io.telemetra.api.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.telemetra.runtime.PostgresConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The Postgres connection pool, configured from POSTGRES_* like every other workload. */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfig {

  @Bean
  PostgresConnection postgresSettings(Environment environment) {
    return PostgresConnection.fromEnvironment(EnvironmentVariables.from(environment));
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(PostgresConnection settings, Environment environment) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("telemetra-api");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(environment.getProperty("telemetra.db.pool-size", Integer.class, 10));
    config.setConnectionTimeout(5_000);
    config.setValidationTimeout(2_000);
    config.setReadOnly(true);
    // Start even when Postgres is not up yet: readiness reports it until it is.
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("ApplicationName", "telemetra-api");
    config.addDataSourceProperty("connectTimeout", "5");
    config.addDataSourceProperty("socketTimeout", "30");
    return new HikariDataSource(config);
  }
}
