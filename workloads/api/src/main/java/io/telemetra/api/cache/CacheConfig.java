package io.telemetra.api.cache;

import io.telemetra.api.config.EnvironmentVariables;
import io.telemetra.runtime.EnvironmentSecrets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** Chooses the cache: Redis when REDIS_HOST is set, else an in-process cache. */
@Configuration(proxyBeanMethods = false)
public class CacheConfig {

  private static final Logger log = LoggerFactory.getLogger(CacheConfig.class);

  @Bean
  HotReadCache hotReadCache(Environment environment) {
    Map<String, String> env = EnvironmentVariables.from(environment);
    Duration ttl =
        environment.getProperty("telemetra.cache.ttl", Duration.class, Duration.ofSeconds(30));
    String host = env.get("REDIS_HOST");
    if (host == null) {
      log.info("REDIS_HOST is not set: using an in-process cache");
      return new InProcessHotReadCache(ttl);
    }
    int port = Integer.parseInt(env.getOrDefault("REDIS_PORT", "6379"));
    String password = EnvironmentSecrets.read(env, "REDIS_PASSWORD");
    Duration timeout =
        environment.getProperty("telemetra.redis.timeout", Duration.class, Duration.ofMillis(250));
    Duration cooldown =
        environment.getProperty(
            "telemetra.redis.retry-after", Duration.class, Duration.ofSeconds(5));
    var client =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis((int) timeout.toMillis())
            .socketTimeoutMillis((int) timeout.toMillis())
            .password(password.isEmpty() ? null : password)
            .clientName("telemetra-api")
            .build();
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(environment.getProperty("telemetra.redis.pool-size", Integer.class, 64));
    pool.setMaxIdle(pool.getMaxTotal());
    pool.setMinIdle(0);
    pool.setMaxWait(timeout);
    pool.setTestWhileIdle(false);
    pool.setJmxEnabled(false);
    String address = host + ":" + port;
    log.info("Caching hot reads in Redis at {}", address);
    RedisHotReadCache redis =
        new RedisHotReadCache(
            new JedisPooled(new HostAndPort(host, port), client, pool), address, ttl, cooldown);
    Duration nearTtl =
        environment.getProperty("telemetra.cache.near-ttl", Duration.class, Duration.ofSeconds(2));
    return nearTtl.isZero() ? redis : new NearCachedHotReadCache(redis, nearTtl);
  }
}
