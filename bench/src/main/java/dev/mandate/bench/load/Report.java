package dev.mandate.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints load results as an aligned table for people or as one JSON document for scripts. */
final class Report {
  private Report() {}

  static String table(List<LoadResult> results) {
    StringBuilder out = new StringBuilder();
    String header = String.format(Locale.ROOT, "%-6s %-20s %6s %11s %10s %10s %10s %8s%n",
        "server", "mode", "conns", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "errors");
    out.append(header);
    out.append("-".repeat(header.length() - 1)).append('\n');
    for (LoadResult r : results) {
      out.append(String.format(Locale.ROOT, "%-6s %-20s %6d %,11.0f %10.3f %10.3f %10.3f %8s%n",
          r.target(), r.label(), r.connections(), r.throughput(), r.p50Micros() / 1000,
          r.p99Micros() / 1000, r.p999Micros() / 1000, errors(r)));
    }
    out.append("\nCPU time per successful request in the window (µs), by thread group, with the part"
        + " spent in the kernel:\n");
    for (LoadResult r : results) {
      if (r.cpu() == null) {
        continue;
      }
      StringBuilder line = new StringBuilder();
      Map<String, Double> kernel = r.cpu().kernelMicrosPerRequest(r.ok());
      r.cpu().microsPerRequest(r.ok()).forEach((k, v) -> {
        if (v >= 0.5) {
          line.append(line.isEmpty() ? "" : ", ").append(k).append(' ')
              .append(String.format(Locale.ROOT, "%.0f", v));
          Double inKernel = kernel.get(k);
          if (inKernel != null && inKernel >= 0.5) {
            line.append(String.format(Locale.ROOT, " (kernel %.0f)", inKernel));
          }
        }
      });
      out.append(String.format(Locale.ROOT, "  %-4s %-20s %.2f CPUs busy: %s; %,d B allocated "
          + "per request, GC %d ms, JIT %d ms; warm-up %.1f s%n", r.target(), r.label(),
          r.cpu().cpusBusy(), line, r.ok() == 0 ? 0 : r.cpu().allocatedBytes() / r.ok(),
          r.cpu().gcMillis(), r.cpu().jitMillis(), r.warmupSeconds()));
    }
    for (LoadResult r : results) {
      for (String e : r.errorExamples()) {
        out.append("  error (").append(r.target()).append(' ').append(r.label()).append("): ")
            .append(e).append('\n');
      }
    }
    return out.toString();
  }

  private static String errors(LoadResult r) {
    return r.warmupErrors() == 0 ? Long.toString(r.errors())
        : r.errors() + " (+" + r.warmupErrors() + " wu)";
  }

  static Map<String, Object> json(LoadResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("server", r.target());
    m.put("mode", r.mode());
    m.put("connections", r.connections());
    m.put("generator_loops", r.generatorLoops());
    if (r.mode().equals(LoadResult.FIXED_RATE)) {
      m.put("target_rate", r.targetRate());
    }
    m.put("seconds", r.seconds());
    m.put("warmup_seconds", round(r.warmupSeconds()));
    m.put("requests_per_second", round(r.throughput()));
    m.put("ok", r.ok());
    m.put("errors", r.errors());
    m.put("warmup_errors", r.warmupErrors());
    Map<String, Object> lat = new LinkedHashMap<>();
    lat.put("p50", round(r.p50Micros() / 1000));
    lat.put("p99", round(r.p99Micros() / 1000));
    lat.put("p99_9", round(r.p999Micros() / 1000));
    lat.put("max", round(r.maxMicros() / 1000));
    lat.put("mean", round(r.meanMicros() / 1000));
    m.put("latency_ms", lat);
    if (!r.errorExamples().isEmpty()) {
      m.put("error_examples", r.errorExamples());
    }
    if (r.cpu() != null) {
      Map<String, Object> cpu = new LinkedHashMap<>();
      cpu.put("cpus_busy", round(r.cpu().cpusBusy()));
      Map<String, Object> per = new LinkedHashMap<>();
      r.cpu().microsPerRequest(r.ok()).forEach((k, v) -> per.put(k, round(v)));
      cpu.put("micros_per_request", per);
      Map<String, Object> kernel = new LinkedHashMap<>();
      r.cpu().kernelMicrosPerRequest(r.ok()).forEach((k, v) -> kernel.put(k, round(v)));
      cpu.put("kernel_micros_per_request", kernel);
      if (r.ok() > 0) {
        cpu.put("allocated_bytes_per_request", r.cpu().allocatedBytes() / r.ok());
      }
      cpu.put("gc_millis", r.cpu().gcMillis());
      cpu.put("jit_millis", r.cpu().jitMillis());
      m.put("cpu", cpu);
    }
    return m;
  }

  static List<Map<String, Object>> json(List<LoadResult> results) {
    List<Map<String, Object>> list = new ArrayList<>();
    results.forEach(r -> list.add(json(r)));
    return list;
  }

  static String write(Object document) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(document);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
