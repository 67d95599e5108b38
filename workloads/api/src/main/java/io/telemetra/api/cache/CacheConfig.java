package io.telemetra.api.cache;

import io.telemetra.api.config.EnvironmentVariables;
import io.telemetra.runtime.RedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** Chooses the cache: Redis when REDIS_HOST is set ({@link RedisConnection}), else in-process. */
@Configuration(proxyBeanMethods = false)
public class CacheConfig {

  private static final Logger log = LoggerFactory.getLogger(CacheConfig.class);

  @Bean
  HotReadCache hotReadCache(Environment environment) {
    Map<String, String> env = EnvironmentVariables.from(environment);
    Duration ttl =
        environment.getProperty("telemetra.cache.ttl", Duration.class, Duration.ofSeconds(30));
    Optional<RedisConnection> connection = RedisConnection.fromEnvironment(env);
    if (connection.isEmpty()) {
      log.info("{} is not set: using an in-process cache", RedisConnection.HOST);
      return new InProcessHotReadCache(ttl);
    }
    RedisConnection redisAt = connection.get();
    Duration timeout =
        environment.getProperty("telemetra.redis.timeout", Duration.class, Duration.ofMillis(250));
    Duration cooldown =
        environment.getProperty(
            "telemetra.redis.retry-after", Duration.class, Duration.ofSeconds(5));
    var client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis((int) timeout.toMillis())
            .socketTimeoutMillis((int) timeout.toMillis())
            .password(redisAt.password())
            .clientName("telemetra-api")
            .build();
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(environment.getProperty("telemetra.redis.pool-size", Integer.class, 64));
    pool.setMaxIdle(pool.getMaxTotal());
    pool.setMinIdle(0);
    pool.setMaxWait(timeout);
    pool.setTestWhileIdle(false);
    pool.setJmxEnabled(false);
    log.info("Caching hot reads in Redis at {}", redisAt.address());
    RedisHotReadCache redis =
        new RedisHotReadCache(
            new JedisPooled(new HostAndPort(redisAt.host(), redisAt.port()), client, pool),
            redisAt.address(),
            ttl,
            cooldown);
    Duration nearTtl =
        environment.getProperty("telemetra.cache.near-ttl", Duration.class, Duration.ofSeconds(2));
    return nearTtl.isZero() ? redis : new NearCachedHotReadCache(redis, nearTtl);
  }
}
