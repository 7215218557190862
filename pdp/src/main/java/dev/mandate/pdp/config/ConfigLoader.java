package dev.mandate.pdp.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML config file over {@link PdpConfig#defaults()}. Unknown keys are errors: a typo
 * in a security service's configuration must not silently fall back to a default.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  public static PdpConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return parse(text);
  }

  public static PdpConfig parse(String yamlText) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
    } catch (YAMLException e) {
      throw new ConfigException("config file is not valid YAML: " + e.getMessage(), e);
    }
    if (doc == null) {
      return PdpConfig.defaults();
    }
    if (!(doc instanceof Map<?, ?> m)) {
      throw new ConfigException("config file must be a YAML mapping");
    }
    return overlay(PdpConfig.defaults(), new YamlSection("", m));
  }

  private static PdpConfig overlay(PdpConfig d, YamlSection root) {
    YamlSection s = root.section("server");
    PdpConfig.Server server = new PdpConfig.Server(
        s.string("host", d.server().host()),
        s.integer("port", d.server().port()),
        s.bytes("body_limit", d.server().bodyLimitBytes()),
        s.string("public_url", d.server().publicUrl()),
        s.integer("event_loops", d.server().eventLoops()));
    s.rejectUnknown();

    YamlSection p = root.section("policies");
    PdpConfig.Policies policies = new PdpConfig.Policies(
        Path.of(p.string("dir", d.policies().dir().toString())),
        p.bool("watch", d.policies().watch()),
        p.duration("scan_interval", d.policies().scanInterval()));
    p.rejectUnknown();

    YamlSection q = root.section("decisions");
    PdpConfig.Decisions decisions = new PdpConfig.Decisions(
        q.string("exchange_path", d.decisions().exchangePath()),
        q.string("authzen_path", d.decisions().authzenPath()),
        q.duration("deadline", d.decisions().deadline()),
        q.duration("data_api_deadline", d.decisions().dataApiDeadline()));
    q.rejectUnknown();

    PdpConfig.DecisionLog log = decisionLog(root.section("decision_log"), d.decisionLog());

    YamlSection c = root.section("cache");
    YamlSection dc = c.section("decisions");
    PdpConfig.Caches cache = new PdpConfig.Caches(
        c.integer("prepared_queries", d.cache().preparedQueries()),
        dc.bool("enabled", d.cache().decisionsEnabled()),
        dc.duration("ttl", d.cache().decisionTtl()),
        dc.integer("max_entries", (int) d.cache().decisionMaxEntries()));
    dc.rejectUnknown();
    c.rejectUnknown();

    root.rejectUnknown();
    return new PdpConfig(server, policies, decisions, log, cache);
  }

  private static PdpConfig.DecisionLog decisionLog(YamlSection l, PdpConfig.DecisionLog d) {
    String file = l.string("file", d.file() == null ? "" : d.file().toString());
    PdpConfig.HttpSink http = null;
    if (l.has("http")) {
      YamlSection h = l.section("http");
      String url = h.string("url", "");
      if (url.isBlank()) {
        throw new ConfigException("decision_log.http.url is required when decision_log.http is set");
      }
      http = new PdpConfig.HttpSink(
          URI.create(url),
          h.integer("batch_size", 100),
          h.duration("flush_interval", java.time.Duration.ofSeconds(1)),
          h.duration("timeout", java.time.Duration.ofSeconds(5)),
          h.integer("max_buffered", 10_000));
      h.rejectUnknown();
    } else {
      l.section("http");
    }
    Map<String, String> labels = new LinkedHashMap<>(d.labels());
    labels.putAll(l.stringMap("labels", Map.of()));
    PdpConfig.DecisionLog out = new PdpConfig.DecisionLog(
        l.bool("enabled", d.enabled()),
        file.isBlank() ? null : Path.of(file),
        l.bytes("max_file_size", d.maxFileBytes()),
        l.integer("max_files", d.maxFiles()),
        l.integer("queue_size", d.queueSize()),
        l.bytes("queue_max_bytes", d.queueMaxBytes()),
        l.strings("mask", d.maskPaths()),
        http,
        labels);
    l.rejectUnknown();
    return out;
  }
}
