/**
 * Keel's tiered cache: {@link io.keel.cache.TieredCache} over Caffeine (L1) and an optional shared
 * {@link io.keel.cache.SecondLevel} (L2; Redis in {@code keel-cache-redis}).
 *
 * <p>A result cache for operations, as the server wires it:
 * <pre>{@code
 * SecondLevel l2 = RedisSecondLevel.connect(System.getenv("KEEL_REDIS_URL"), "keel:results");  // or none
 * TieredCache<String, JsonNode> results = TieredCache.create(CacheConfig.builder(Codecs.jsonTree())
 *         .name("results").nodeId(nodeId).l1MaxBytes(64 << 20).l1MaxEntries(100_000).countL1Hits(true)
 *         .ttl(Duration.ofMinutes(10)).ttlJitter(0.1).secondLevel(l2)
 *         .tagger((key, value) -> Set.of("agent:" + agentOf(key)))
 *         .build());
 * results.bindTo(meterRegistry);
 * String key = CacheKey.operation(agent, input);              // "op:<agent>:<canonical JSON>"
 * JsonNode hit = results.getIfPresent(key);                    // before admission: a hit never queues
 * results.put(key, result);                                    // after a successful, cacheable run
 * long removed = results.invalidate(key);                      // or invalidatePattern("op:cpu:*"),
 *                                                              // or invalidateTag("agent:cpu") → {"invalidated": n}
 * WarmReport warmed = results.warm();                          // {"warmed": warmed.warmed()}
 * results.maintain();                                          // every few seconds from the maintenance scheduler
 * CacheStats s = results.stats();                              // s.l1(), s.l2(), s.temperatures()
 * }</pre>
 */
package io.keel.cache;
