package dev.mandate.pdp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  @Test
  void emptyFileGivesTheDocumentedDefaults() {
    PdpConfig c = ConfigLoader.parse("");
    assertEquals(8181, c.server().port());
    assertEquals(1024 * 1024, c.server().bodyLimitBytes());
    assertEquals(Runtime.getRuntime().availableProcessors(), c.server().effectiveEventLoops());
    assertEquals(Path.of("policies"), c.policies().dir());
    assertEquals("data.mandate.exchange.decision", c.decisions().exchangePath());
    assertEquals("data.mandate.authzen.allow", c.decisions().authzenPath());
    assertEquals(Duration.ofMillis(50), c.decisions().deadline());
    assertTrue(c.decisionLog().enabled());
    assertEquals(Path.of("decisions.log"), c.decisionLog().file());
    assertEquals(10_000, c.decisionLog().queueSize());
    assertNull(c.decisionLog().http());
    assertFalse(c.cache().decisionsEnabled());
    assertEquals(256, c.cache().preparedQueries());
  }

  @Test
  void everySettingCanBeSet() {
    PdpConfig c = ConfigLoader.parse("""
        server:
          host: 127.0.0.1
          port: 9000
          body_limit: 64KiB
          public_url: https://pdp.example.com
          event_loops: 3
        policies:
          dir: /etc/mandate/policies
          watch: false
          scan_interval: 5s
        decisions:
          exchange_path: data.x.decision
          authzen_path: data.x.allow
          deadline: 20ms
          data_api_deadline: 2s
        decision_log:
          enabled: true
          file: /var/log/mandate/decisions.log
          max_file_size: 1MB
          max_files: 3
          queue_size: 50
          queue_max_bytes: 8MiB
          mask: [/input/client/ip]
          labels: {region: eu}
          http:
            url: https://logs.example.com/logs
            batch_size: 10
            flush_interval: 500ms
            timeout: 2s
            max_buffered: 100
        cache:
          prepared_queries: 8
          decisions:
            enabled: true
            ttl: 250ms
            max_entries: 99
        """);
    assertEquals("127.0.0.1", c.server().host());
    assertEquals(9000, c.server().port());
    assertEquals(64 * 1024, c.server().bodyLimitBytes());
    assertEquals(3, c.server().effectiveEventLoops());
    assertEquals(Path.of("/etc/mandate/policies"), c.policies().dir());
    assertFalse(c.policies().watch());
    assertEquals(Duration.ofSeconds(5), c.policies().scanInterval());
    assertEquals(Duration.ofMillis(20), c.decisions().deadline());
    assertEquals(Duration.ofSeconds(2), c.decisions().dataApiDeadline());
    assertEquals(1_000_000, c.decisionLog().maxFileBytes());
    assertEquals(50, c.decisionLog().queueSize());
    assertEquals(8 * 1024 * 1024, c.decisionLog().queueMaxBytes());
    assertEquals(List.of("/input/client/ip"), c.decisionLog().maskPaths());
    assertEquals("eu", c.decisionLog().labels().get("region"));
    assertTrue(c.decisionLog().labels().containsKey("id"), "instance id default is kept");
    assertEquals(URI.create("https://logs.example.com/logs"), c.decisionLog().http().url());
    assertEquals(Duration.ofMillis(500), c.decisionLog().http().flushInterval());
    assertTrue(c.cache().decisionsEnabled());
    assertEquals(Duration.ofMillis(250), c.cache().decisionTtl());
    assertEquals(99, c.cache().decisionMaxEntries());
  }

  @Test
  void misspeltKeysAreRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("decisions:\n  dedline: 10ms\n"));
    assertTrue(e.getMessage().contains("decisions.dedline"), e.getMessage());
    assertThrows(ConfigException.class, () -> ConfigLoader.parse("sever: {}\n"));
  }

  @Test
  void badValuesAreRejectedWithTheirKey() {
    assertTrue(assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("server:\n  port: eighty\n")).getMessage()
        .contains("server.port"));
    assertTrue(assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("decisions:\n  deadline: soon\n")).getMessage()
        .contains("decisions.deadline"));
    assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("decision_log:\n  mask: [/client/ip]\n"));
    assertThrows(ConfigException.class, () -> ConfigLoader.parse("server:\n  port: 70000\n"));
    assertThrows(ConfigException.class, () -> ConfigLoader.parse("- a list\n"));
    assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("decisions:\n  exchange_path: mandate.x\n"));
  }

  @Test
  void quantities() {
    assertEquals(Duration.ofMillis(50), Quantities.duration("50ms"));
    assertEquals(Duration.ofMillis(75), Quantities.duration("75"));
    assertEquals(Duration.ofMinutes(2), Quantities.duration("2m"));
    assertEquals(1024L * 1024, Quantities.bytes("1MiB"));
    assertEquals(1_000L, Quantities.bytes("1kb"));
    assertEquals(123L, Quantities.bytes("123"));
    assertThrows(ConfigException.class, () -> Quantities.bytes("1 furlong"));
  }
}
